package org.weiquan.casefile;

import org.weiquan.station.Station;

/** A case number: station code, year, and a four-digit sequence without gaps, e.g. QX-0101-2026-0042. */
public record CaseNumber(Station station, int year, int sequence) {

    public String value() {
        return String.format("%s-%d-%04d", station.code(), year, sequence);
    }
}
