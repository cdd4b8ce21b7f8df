package org.weiquan.demo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.ContactFlags;
import org.weiquan.intake.PetitionType;
import org.weiquan.intake.PhoneNumber;
import org.weiquan.intake.ReviewDecision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped demo file: what a newcomer sees first must be plausible and must load. */
class DemoContactsFileTest {

    private static final OffsetDateTime AS_OF = DemoRow.AS_OF.atStartOfDay().atOffset(ZoneOffset.ofHours(8));
    private static List<DemoRow> rows;

    @BeforeAll
    static void readTheShippedFile() throws IOException {
        rows = DemoRow.parse(resource("seeds/demo/contacts.csv"));
    }

    @Test
    void aboutTwoHundredContactsOverEveryChannelAndCategory() {
        assertThat(rows).hasSizeBetween(190, 210);
        assertThat(rows.stream().map(DemoRow::channel).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(names(Channel.values()));
        assertThat(rows.stream().map(DemoRow::primaryCategory).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(names(Category.values()));
    }

    @Test
    void visitsAndCallsComeMostAndDomesticViolenceAndMarriageDisputesLead() {
        Map<String, Long> channels = count(DemoRow::channel);
        assertThat(channels.get("VISIT") + channels.get("PHONE") + channels.get("HOTLINE")).isGreaterThan(rows.size() / 2);
        Map<String, Long> categories = count(DemoRow::primaryCategory);
        long top = categories.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(categories.get("DOMESTIC_VIOLENCE")).isEqualTo(top);
        assertThat(categories.get("MARRIAGE_DISPUTE")).isGreaterThan(categories.entrySet().stream()
                .filter(e -> !e.getKey().equals("DOMESTIC_VIOLENCE") && !e.getKey().equals("MARRIAGE_DISPUTE"))
                .mapToLong(Map.Entry::getValue).max().orElseThrow());
    }

    @Test
    void everyValueIsOneTheServicesAccept() {
        Set<String> channels = Set.copyOf(names(Channel.values()));
        Set<String> categories = Set.copyOf(names(Category.values()));
        for (DemoRow r : rows) {
            String row = "row " + r.number();
            assertThat(channels).as(row).contains(r.channel());
            assertThat(categories).as(row).contains(r.primaryCategory()).containsAll(r.otherCategories());
            assertThat(r.petitionType() == null || Set.copyOf(names(PetitionType.values())).contains(r.petitionType()))
                    .as(row).isTrue();
            assertThat(ContactFlags.NAMES).as(row).containsAll(r.flags());
            assertThat(r.flags()).as(row + ": repeatVisit comes from the link").doesNotContain("repeatVisit");
            assertThat(r.complainantGender()).as(row).isIn("FEMALE", "MALE");
            assertThat(r.stationCode()).as(row).matches("QX-0[12]\\d\\d");
            assertThat(r.summary().length()).as(row).isBetween(5, 4000);
            assertThat(r.complainantName().length()).as(row).isBetween(2, 100);
            if (r.decision() != null) {
                assertThat(Set.copyOf(names(ReviewDecision.values()))).as(row).contains(r.decision());
            }
        }
    }

    @Test
    void theStationsExistInTheShippedTreeAndTheCommunityStationsReceiveMost() throws IOException {
        Set<String> codes = resource("seeds/stations.csv").lines().skip(1).map(l -> l.split(",")[0])
                .collect(Collectors.toSet());
        assertThat(codes).containsAll(rows.stream().map(DemoRow::stationCode).toList());
        Map<String, Long> byStation = count(DemoRow::stationCode);
        assertThat(byStation.get("QX-0101") + byStation.get("QX-0201")).isGreaterThan(rows.size() / 2);
    }

    @Test
    void everythingHappenedInTheEighteenMonthsBeforeTheFilesDateAndNoneLater() {
        for (DemoRow r : rows) {
            assertThat(r.receivedAt().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            assertThat(r.receivedAt()).as("row %d", r.number()).isAfter(AS_OF.minusMonths(18)).isBefore(AS_OF);
            if (r.isDecided()) {
                assertThat(r.decidedAt(0)).as("row %d decided", r.number()).isBefore(AS_OF.toInstant());
            }
        }
        assertThat(rows).extracting(DemoRow::receivedAt).isSorted();
        assertThat(rows.get(0).receivedAt()).isBefore(AS_OF.minusMonths(17));
    }

    @Test
    void decisionsComeInTheExpectedSharesAndOnlyRecentContactsStillAwaitReview() {
        Map<String, Long> decisions = count(r -> r.decision() == null ? "" : r.decision());
        assertThat(share(decisions.get("ACCEPTED"))).isBetween(0.50, 0.60);
        assertThat(share(decisions.get("CONSULTATION_ANSWERED"))).isBetween(0.20, 0.30);
        assertThat(share(decisions.get("NOT_ACCEPTED"))).isBetween(0.05, 0.11);
        assertThat(share(decisions.get("TRANSFERRED"))).isBetween(0.03, 0.07);
        assertThat(share(decisions.get(""))).isBetween(0.05, 0.09);
        for (DemoRow r : rows) {
            if (!r.isDecided()) {
                assertThat(r.receivedAt()).as("row %d awaits review", r.number()).isAfter(AS_OF.minusDays(20));
                assertThat(r.daysToDecision()).isNull();
            } else {
                assertThat(r.daysToDecision()).as("row %d", r.number()).isBetween(0, 14);
            }
        }
    }

    @Test
    void decisionsCarryWhatTheReviewRequires() {
        for (DemoRow r : rows) {
            if ("NOT_ACCEPTED".equals(r.decision())) {
                assertThat(r.decisionReason()).as("row %d reason", r.number()).isNotBlank();
                assertThat(r.referredTo()).as("row %d told where to go", r.number()).isNotBlank();
            } else if ("TRANSFERRED".equals(r.decision())) {
                assertThat(r.referredTo()).as("row %d transferred to", r.number()).isNotBlank();
            } else if ("ACCEPTED".equals(r.decision())) {
                assertThat(r.referredTo()).as("row %d", r.number()).isNull();
            }
        }
    }

    @Test
    void registrationAcknowledgementAndDecisionFollowEachOther() {
        Instant loadedAt = AS_OF.toInstant().plus(Duration.ofHours(10));
        for (DemoRow r : rows) {
            Instant registered = r.registeredAt(0);
            assertThat(registered).isAfter(r.receivedAt(0));
            Instant acknowledged = r.acknowledgedAt(0, loadedAt);
            if (r.isDecided()) {
                assertThat(r.decidedAt(0)).as("row %d", r.number()).isAfter(registered);
                if (acknowledged != null) {
                    assertThat(acknowledged).as("row %d", r.number()).isBetween(registered, r.decidedAt(0));
                }
            } else if (acknowledged != null) {
                assertThat(acknowledged).as("row %d", r.number()).isBetween(registered, loadedAt);
            }
        }
        assertThat(rows).filteredOn(DemoRow::acknowledged).hasSizeGreaterThan(rows.size() / 2);
    }

    @Test
    void everyPhoneIsAValidMobileThatLooksMadeUp() {
        List<String> phones = rows.stream().map(DemoRow::complainantPhone).filter(p -> p != null).toList();
        assertThat(phones).hasSizeGreaterThan(rows.size() * 8 / 10);
        for (String phone : phones) {
            assertThat(PhoneNumber.isValid(phone)).as(phone).isTrue();
            assertThat(PhoneNumber.parse(phone).isMobile()).isTrue();
            assertThat(phone).matches("1[3-9]\\d0000\\d{4}");
        }
    }

    @Test
    void aRepeatVisitPointsToAnEarlierRowOfTheSamePersonWithTheSamePhone() {
        List<DemoRow> repeats = rows.stream().filter(r -> r.repeatOfRow() != null).toList();
        assertThat(repeats.size()).isBetween(rows.size() * 3 / 100, rows.size() * 7 / 100);
        for (DemoRow r : repeats) {
            DemoRow earlier = rows.get(r.repeatOfRow() - 1);
            assertThat(earlier.number()).isEqualTo(r.repeatOfRow()).isLessThan(r.number());
            assertThat(earlier.receivedAt()).isBefore(r.receivedAt());
            assertThat(r.complainantName()).as("row %d", r.number()).isEqualTo(earlier.complainantName());
            assertThat(r.complainantPhone()).as("row %d", r.number()).isNotNull().isEqualTo(earlier.complainantPhone());
        }
    }

    @Test
    void phonesAreNotSharedByDifferentPeople() {
        Map<String, Set<String>> namesByPhone = rows.stream().filter(r -> r.complainantPhone() != null)
                .collect(Collectors.groupingBy(DemoRow::complainantPhone,
                        Collectors.mapping(DemoRow::complainantName, Collectors.toSet())));
        assertThat(namesByPhone.values()).allSatisfy(names -> assertThat(names).hasSize(1));
    }

    @Test
    void theAcceptedCasesLookLikeAHealthyNetworkWithAHandfulAtEachStageOfLiveWork() {
        List<DemoRow> accepted = rows.stream().filter(r -> "ACCEPTED".equals(r.decision())).toList();
        Map<DemoRow.Handling, Long> stages = accepted.stream()
                .collect(Collectors.groupingBy(DemoRow::handling, Collectors.counting()));
        List<DemoRow> closed = accepted.stream().filter(r -> r.handling().closes()).toList();
        assertThat((double) closed.size() / accepted.size()).as("closed share").isGreaterThan(0.8);
        long inTime = closed.stream().filter(r -> r.daysToClose() <= 60).count();
        assertThat((double) inTime / closed.size()).as("closed within the 60 days").isBetween(0.9, 0.99);
        Instant asOf = AS_OF.toInstant();
        long overdue = accepted.stream().filter(r -> !r.handling().closes())
                .filter(r -> r.decidedAt(0).plus(Duration.ofDays(60)).isBefore(asOf)).count();
        assertThat(overdue).as("open past the 60 days").isBetween(1L, 5L);
        for (DemoRow.Handling live : List.of(DemoRow.Handling.MEDIATOR_ASSIGNED, DemoRow.Handling.MEDIATING,
                DemoRow.Handling.CLOSURE_REQUESTED, DemoRow.Handling.REFERRED, DemoRow.Handling.FOLLOW_UP_DUE)) {
            assertThat(stages.getOrDefault(live, 0L)).as(live.name()).isBetween(2L, 4L);
        }
        for (DemoRow r : closed) {
            assertThat(r.closedAt(0)).as("row %d closed", r.number()).isBefore(asOf).isAfter(r.decidedAt(0));
            assertThat(r.closureReason()).as("row %d", r.number()).isNotNull();
            boolean followUpDue = org.weiquan.casefile.FollowUpPolicy.FOLLOWED_UP.contains(Category.valueOf(r.primaryCategory()))
                    && r.closedAt(0).plus(Duration.ofDays(31)).isBefore(asOf);
            if (r.handling() == DemoRow.Handling.CLOSED) {
                assertThat(r.followUp() != null).as("row %d: a follow-up visit when one was due", r.number())
                        .isEqualTo(followUpDue);
            }
        }
        assertThat(closed.stream().filter(r -> r.followUp() != null).filter(r -> r.followUp().equals("SATISFIED")).count())
                .as("most people satisfied").isGreaterThan(closed.stream().filter(r -> r.followUp() != null).count() * 3 / 4);
    }

    private static Map<String, Long> count(Function<DemoRow, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static double share(Long count) {
        return count == null ? 0 : (double) count / rows.size();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DemoContactsFileTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
