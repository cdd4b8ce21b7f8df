package org.weiquan.station;

import java.util.ArrayList;
import java.util.List;

/** One line of {@code seeds/agencies.csv}: {@code code,name,kind,station_code} (the station may be empty). */
public record SeedAgency(String code, String name, AgencyKind kind, String stationCode) {

    public static List<SeedAgency> parse(String csv) {
        List<SeedAgency> rows = new ArrayList<>();
        String[] lines = csv.replace("\uFEFF", "").split("\\R");
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 4 || f[0].isBlank() || f[1].isBlank()) {
                throw new IllegalStateException("agencies.csv line " + (i + 1) + ": expected code,name,kind,station_code");
            }
            AgencyKind kind;
            try {
                kind = AgencyKind.valueOf(f[2].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("agencies.csv line " + (i + 1) + ": kind must be one of "
                        + List.of(AgencyKind.values()));
            }
            rows.add(new SeedAgency(f[0].strip(), f[1].strip(), kind, f[3].isBlank() ? null : f[3].strip()));
        }
        return rows;
    }
}
