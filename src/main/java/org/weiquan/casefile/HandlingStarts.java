package org.weiquan.casefile;

import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.station.Station;
import org.weiquan.workflow.HandlingStart;

import java.util.List;

/** What a case's handling process starts with: codes, flags and dates from the case, never personal data. */
public final class HandlingStarts {

    private HandlingStarts() {
    }

    public static HandlingStart of(Case aCase) {
        Station station = aCase.station();
        return new HandlingStart(aCase.number(), aCase.id(), station.code(),
                (station.parent() == null ? station : station.parent()).code(),
                aCase.primaryCategory() == null ? "OTHER" : aCase.primaryCategory().name(), aCase.channel().name(),
                aCase.contact().flags().minorInvolved(), aCase.contact().flags().withoutCapacity(),
                aCase.isDomesticViolence(), aCase.needsWrittenReply(), aCase.needsFollowUp(), autoAssigns(station),
                aCase.currentDue(), FollowUpPolicy.days());
    }

    /** Stations listed in {@code WEIQUAN_AUTO_ASSIGN_STATIONS} get their mediator by round robin. */
    static boolean autoAssigns(Station station) {
        return ConfigProvider.getConfig(HandlingStarts.class.getClassLoader())
                .getOptionalValues("weiquan.auto.assign.stations", String.class).orElse(List.of())
                .stream().map(String::strip).anyMatch(station.code()::equals);
    }
}
