package org.weiquan.infrastructure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the old records of one case mean, in the situations the fixture of {@link CaseWorkMigrationTest} does not hold:
 * an urgent referral on a closed case, referral history removed by the engine's clean-up, a number the old count gave
 * twice, a renamed agency, a ledger's withdrawal, free-text contact attempts, late and repeated extensions.
 */
class V13CaseWorkTest {

    static final Instant ACCEPTED = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Beijing
    static final long QX = 1;
    static final long QX_01 = 2;
    static final long QX_0101 = 3;

    final Context context = new Context();
    final List<V13CaseWork.OldRecord> records = new ArrayList<>();
    final List<V13CaseWork.OldEvent> events = new ArrayList<>();
    long recordIds = 1;

    static final class Context implements V13CaseWork.Context {
        final Map<String, List<V13CaseWork.ReferralProcess>> processes = new HashMap<>();
        final Map<String, String> processOfTask = new HashMap<>();
        final Map<String, long[]> ids = new HashMap<>();
        final V13CaseWork.Counts counts = new V13CaseWork.Counts();
        final List<V13CaseWork.Agency> agencies = new ArrayList<>(List.of(
                new V13CaseWork.Agency("QX-GA", "清溪县公安局", "POLICE", QX),
                new V13CaseWork.Agency("QX-GA-CG", "清溪县公安局城关派出所", "POLICE", QX_01),
                new V13CaseWork.Agency("QX-MZ", "清溪县民政局", "CIVIL_AFFAIRS", QX),
                new V13CaseWork.Agency("QX-MZ-JZZ", "清溪县救助管理站（临时庇护场所）", "CIVIL_AFFAIRS", QX),
                new V13CaseWork.Agency("QX-FLYZ", "清溪县法律援助中心", "LEGAL_AID", QX)));

        @Override
        public List<Long> stationChain(long stationId) {
            return stationId == QX_0101 ? List.of(QX_0101, QX_01, QX) : List.of(stationId);
        }

        @Override
        public List<V13CaseWork.Agency> agencies() {
            return agencies;
        }

        @Override
        public String instrumentId() {
            return "test-instrument";
        }

        @Override
        public int score(Map<String, Boolean> answers) {
            return (int) answers.values().stream().filter(Boolean::booleanValue).count();
        }

        @Override
        public String levelOf(Map<String, Boolean> answers) {
            return "LOW";
        }

        @Override
        public List<V13CaseWork.ReferralProcess> referralProcesses(String caseNumber) {
            return processes.getOrDefault(caseNumber, List.of());
        }

        @Override
        public String processOfTask(String taskId) {
            return processOfTask.get(taskId);
        }

        @Override
        public int followUpDays(String caseNumber) {
            return 30;
        }

        @Override
        public LongSupplier ids(String table) {
            long[] next = ids.computeIfAbsent(table, t -> new long[]{1});
            return () -> next[0]++;
        }

        @Override
        public V13CaseWork.Counts counts() {
            return counts;
        }
    }

    private static V13CaseWork.OldCase aCase(String status, String stage, Instant closedAt, String closureReason,
                                             Instant withdrawnAt) {
        return new V13CaseWork.OldCase(7, "QX-0101-2026-0007", 70, QX_0101, QX_0101, ACCEPTED, "zhuren", status, stage,
                "tiaojie", closureReason, null, null, closedAt, closedAt == null ? null : "zhuren", withdrawnAt);
    }

    private static V13CaseWork.OldCase open() {
        return aCase("OPEN", "HANDLING", null, null, null);
    }

    private static Instant day(int days) {
        return ACCEPTED.plus(Duration.ofDays(days));
    }

    private String record(String key, String outcome, Instant at, String json) {
        String taskId = "task-" + recordIds;
        records.add(new V13CaseWork.OldRecord(recordIds++, taskId, key, outcome, at, "tiaojie", V13CaseWork.parse(json)));
        return taskId;
    }

    private void event(String type, Instant at, String text) {
        events.add(new V13CaseWork.OldEvent(type, at, "tiaojie", text));
    }

    private V13CaseWork work(V13CaseWork.OldCase aCase) {
        return V13CaseWork.of(aCase, records, events, context);
    }

    private void closedAt(Instant at) {
        record("Task_HandleCase", "REQUEST_CLOSURE", at.minusSeconds(60), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        record("Task_ApproveClosure", "APPROVED", at, "{\"approved\":true}");
    }

    @Test
    void anUrgentReferralNobodyCouldAnswerEndsRevokedWhenTheCaseIsClosed() {
        record("Task_ReferToPoliceOrShelter", "BOTH", day(1), "{\"agency\":\"BOTH\",\"consent\":true}");
        closedAt(day(20));

        V13CaseWork work = work(aCase("CLOSED", "CLOSED", day(20), "EXPLAINED", null));

        assertThat(work.referrals).extracting(r -> r.number + " " + r.agencyCode + " " + r.status + " " + r.revokedBy)
                .containsExactly("1 QX-GA-CG REVOKED system", "2 QX-MZ-JZZ REVOKED system");
        assertThat(work.referrals).allSatisfy(r -> {
            assertThat(r.urgent).isTrue();
            assertThat(r.revokedAt).isEqualTo(day(20));
            assertThat(r.revokeReason).isEqualTo(V13CaseWork.REVOKED_AT_CLOSURE);
            assertThat(r.answerDueAt).isEqualTo(Instant.parse("2026-03-04T16:00:00Z")); // 24:00 (Beijing) of the next day
        });
        assertThat(work.receipts).filteredOn(r -> r.type().equals("Referral")).singleElement()
                .satisfies(r -> assertThat(r.recordId()).isEqualTo(work.referrals.get(0).id));
    }

    @Test
    void aReferralWhoseProcessHistoryWasCleanedUpComesFromTheTimelineAndKeepsItsAnswer() {
        event("REFERRED", day(1), "转介 清溪县法律援助中心（当事人已同意），7 天内答复");
        record("Task_AwaitReferralAnswer", "ACCEPTED", day(3), "{\"answer\":\"ACCEPTED\"}");

        V13CaseWork work = work(open());

        assertThat(work.referrals).singleElement().satisfies(r -> {
            assertThat(r.number).isEqualTo(1);
            assertThat(r.agencyCode).isEqualTo("QX-FLYZ");
            assertThat(r.status).isEqualTo("ACCEPTED");
            assertThat(r.answeredAt).isEqualTo(day(3));
            assertThat(r.answerDueAt).isEqualTo(V13CaseWork.deadline(day(1), 7));
        });
        assertThat(context.counts.values).containsKey("referral task matched without its process history");
    }

    @Test
    void aNumberTheOldCountGaveTwiceIsGivenAgainAndItsRevocationFindsTheLaterOne() {
        event("REFERRED", day(1), "转介 清溪县法律援助中心（当事人已同意），7 天内答复");
        event("REFERRED", day(2), "转介 清溪县公安局（当事人已同意），3 天内答复");
        event("REFERRAL_REVOKED", day(4), "撤回转介 R1：当事人不再同意");
        context.processes.put("QX-0101-2026-0007", List.of(
                new V13CaseWork.ReferralProcess("p1", "QX-0101-2026-0007", 1, day(1), true, "QX-FLYZ", "Referral:1:x", false),
                new V13CaseWork.ReferralProcess("p2", "QX-0101-2026-0007", 1, day(2), false, null, "Referral:1:x", false)));

        V13CaseWork work = work(open());

        assertThat(work.referrals).extracting(r -> r.number + " " + r.agencyCode + " " + r.status)
                .containsExactly("1 QX-FLYZ REQUESTED", "2 QX-GA REVOKED");
        assertThat(work.referrals.get(0).running).isTrue();
    }

    @Test
    void anAgencyRenamedSinceStopsTheUpgradeSayingWhatToDo() {
        event("REFERRED", day(1), "转介 县法援中心（当事人已同意），7 天内答复");

        assertThatThrownBy(() -> work(open())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QX-0101-2026-0007").hasMessageContaining("县法援中心")
                .hasMessageContaining("give the agency its old name back");
    }

    @Test
    void aLedgersWithdrawalIsRecordedAsAWithdrawalNotAsAClosure() {
        Instant closed = day(10);
        record("Task_ApproveClosure", "APPROVED", closed, "{\"source\":\"ledger\"}");
        records.set(0, new V13CaseWork.OldRecord(1, "ledger-QX-0101-2026-0007-Task_ApproveClosure", "Task_ApproveClosure",
                "APPROVED", closed, "ledger:zhuren", V13CaseWork.parse("{\"source\":\"ledger\"}")));
        event("TASK_COMPLETED", closed, "结案（台账补录）：WITHDRAWN");

        V13CaseWork work = work(aCase("CLOSED", "CLOSED", closed, "WITHDRAWN", null));

        assertThat(work.closures).isEmpty();
        assertThat(work.withdrawnAt()).isEqualTo(closed);
        assertThat(work.currentRound().endedAt).isEqualTo(closed);
        assertThat(work.receipts).isEmpty();
        assertThat(work.daysToClose()).isEqualTo(10);
    }

    @Test
    void contactAttemptsKeepTheirWordsAndTakeTheDateAndMeansTheyName() {
        Instant requested = Instant.parse("2026-12-05T01:00:00Z");
        record("Task_HandleCase", "REQUEST_CLOSURE", requested, """
                {"step":"REQUEST_CLOSURE","closureReason":"LOST_CONTACT","contactAttempts":[
                 {"note":"12月1日电话无人接听"},
                 {"date":"2026-12-03","how":"VISIT","note":"上门未遇"},
                 "短信未回复",
                 {"on":"2026-11-30","means":"letter"},
                 {"note":"联系不上"},
                 {"note":"2025-12-31 微信留言"}]}""");

        V13CaseWork work = work(open());

        assertThat(work.closures).singleElement().satisfies(c -> assertThat(c.attempts).containsExactly(
                new V13CaseWork.Attempt(LocalDate.of(2026, 12, 1), "PHONE", "12月1日电话无人接听"),
                new V13CaseWork.Attempt(LocalDate.of(2026, 12, 3), "VISIT", "上门未遇"),
                new V13CaseWork.Attempt(LocalDate.of(2026, 12, 5), "SMS", "短信未回复"),
                new V13CaseWork.Attempt(LocalDate.of(2026, 11, 30), "LETTER", "{\"on\":\"2026-11-30\",\"means\":\"letter\"}"),
                new V13CaseWork.Attempt(LocalDate.of(2026, 12, 5), "PHONE", "联系不上"),
                new V13CaseWork.Attempt(LocalDate.of(2025, 12, 31), "ONLINE", "2025-12-31 微信留言")));
        assertThat(V13CaseWork.dateIn("12月9日来访", LocalDate.of(2026, 1, 5))).isEqualTo(LocalDate.of(2025, 12, 9));
    }

    @Test
    void anExtensionAskedForAfterTheDeadlineIsLateAndASecondApprovalOfTheRoundExtendsNothing() {
        event("EXTENSION_REQUESTED", day(70), "申请延期 30 天：当事人在外地");
        event("EXTENSION_REQUESTED", day(71), "申请延期 10 天：再等等");
        record("Task_ApproveExtension", "APPROVED", day(72), "{\"approved\":true}");
        record("Task_ApproveExtension", "APPROVED", day(73), "{\"approved\":true,\"comment\":\"同意\"}");

        V13CaseWork work = work(open());

        V13CaseWork.Round round = work.currentRound();
        assertThat(round.dueAt).isEqualTo(Instant.parse("2026-05-01T16:00:00Z")); // 24:00 of 2 March + 60 days
        assertThat(round.extendedDueAt).isEqualTo(round.dueAt.plus(Duration.ofDays(30)));
        assertThat(work.extensions).extracting(x -> x.days + " " + x.status + " " + x.late)
                .containsExactly("30 APPROVED true", "10 LAPSED true");
        assertThat(work.extensions.get(1).comment).isEqualTo("同意");
    }

    @Test
    void aReopenedCaseHasASecondRoundWithItsOwnDeadlineAndTheFirstRoundsExtensionStaysWithTheFirst() {
        event("EXTENSION_REQUESTED", day(5), "申请延期 15 天：补充材料");
        record("Task_ApproveExtension", "APPROVED", day(6), "{\"approved\":true}");
        closedAt(day(20));
        record("Task_FollowUpVisit", "NOT_SATISFIED", day(50), "{\"result\":\"NOT_SATISFIED\",\"problemBack\":true}");
        events.add(new V13CaseWork.OldEvent("REOPENED", day(50).plusMillis(40), "system", "回访发现问题反复，重新办理（第 1 次）"));

        V13CaseWork work = work(open());

        assertThat(work.rounds).hasSize(2);
        assertThat(work.rounds.get(0).extendedDueAt).isNotNull();
        assertThat(work.rounds.get(0).endedAt).isEqualTo(day(20));
        V13CaseWork.Round second = work.currentRound();
        assertThat(second.startReason).isEqualTo("REOPENED_AFTER_FOLLOW_UP");
        assertThat(second.recordedBy).isEqualTo("tiaojie");
        assertThat(second.dueAt).isEqualTo(V13CaseWork.deadline(day(50), 60));
        assertThat(second.extendedDueAt).isNull();
        assertThat(work.followUps).singleElement().satisfies(v -> {
            assertThat(v.round).isSameAs(work.rounds.get(0));
            assertThat(v.closedOn).isEqualTo(LocalDate.of(2026, 3, 22));
            assertThat(v.dueOn).isEqualTo(LocalDate.of(2026, 4, 21));
            assertThat(v.problemBack).isTrue();
        });
    }

    @Test
    void aRulingRecordedBeforeItsApplicationIsMovedToTheApplicationAndCounted() {
        record("Task_OfferProtectionOrder", "APPLIED", day(1), "{\"applied\":true,\"urgent\":false,\"appliedAt\":\"2026-03-03T10:00:00+08:00\"}");
        record("Task_RecordProtectionOrderRuling", "GRANTED", day(2),
                "{\"granted\":true,\"ruledAt\":\"2026-03-03T09:00:00+08:00\",\"expiresOn\":\"2026-09-01\"}");

        V13CaseWork work = work(open());

        assertThat(work.orders).singleElement().satisfies(o -> {
            assertThat(o.status).isEqualTo("GRANTED");
            assertThat(o.ruledAt).isEqualTo(o.appliedAt).isEqualTo(Instant.parse("2026-03-03T02:00:00Z"));
            assertThat(o.rulingDueAt).isEqualTo(o.appliedAt.plus(Duration.ofHours(72)));
            assertThat(o.validUntil).isEqualTo(LocalDate.of(2026, 9, 1));
        });
        assertThat(context.counts.values)
                .containsKey("protection-order ruling recorded before its application: set to the application");
    }
}
