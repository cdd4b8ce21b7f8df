package org.weiquan.casefile;

import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.shared.Days;
import org.weiquan.station.Station;
import org.weiquan.workflow.HandlingStart;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a case's handling process starts with: codes, flags and dates from the case, never personal data. The
 * deadlines that come before handling run from acceptance (DESIGN §3): the mandatory report at once, the danger
 * assessment of a domestic-violence case within 24 hours, the mediator's assignment within 3 days.
 */
public final class HandlingStarts {

    public static final Duration RISK_ASSESSMENT = Duration.ofHours(24);
    public static final int MEDIATOR_ASSIGNMENT_DAYS = 3;

    private HandlingStarts() {
    }

    public static HandlingStart of(Case aCase) {
        Station station = aCase.station();
        Instant accepted = aCase.acceptedAt();
        return new HandlingStart(aCase.number(), aCase.id(), station.code(),
                (station.parent() == null ? station : station.parent()).code(),
                aCase.primaryCategory() == null ? "OTHER" : aCase.primaryCategory().name(), aCase.channel().name(),
                aCase.contact().flags().minorInvolved(), aCase.contact().flags().withoutCapacity(),
                aCase.isDomesticViolence(), aCase.needsWrittenReply(), aCase.needsFollowUp(), autoAssigns(station),
                aCase.currentRound().number(), aCase.mediator(), aCase.currentDue(),
                Days.deadline(accepted, MEDIATOR_ASSIGNMENT_DAYS), accepted.plus(RISK_ASSESSMENT), accepted);
    }

    /** Stations listed in {@code WEIQUAN_AUTO_ASSIGN_STATIONS} get their mediator by round robin. */
    static boolean autoAssigns(Station station) {
        return ConfigProvider.getConfig(HandlingStarts.class.getClassLoader())
                .getOptionalValues("weiquan.auto.assign.stations", String.class).orElse(List.of())
                .stream().map(String::strip).anyMatch(station.code()::equals);
    }
}
