package org.weiquan.demo;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.casefile.ReviewService;
import org.weiquan.intake.ReviewDecision;
import org.weiquan.infrastructure.WeiquanDatabase;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.IntakeService;
import org.weiquan.it.Database;
import org.weiquan.it.Deployments;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import methods the demo data uses (and the ledger import will): historical times and users, the
 * same checks, encryption and numbering as live work, in the real container and transaction.
 */
@ExtendWith(ArquillianExtension.class)
class DemoImportIT {

    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @Inject
    IntakeService intake;

    @Inject
    ReviewService reviews;

    @Inject
    RuntimeService runtime;

    @Inject
    HistoryService history;

    @Inject
    TaskService tasks;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    DemoContacts demo;

    @Inject
    org.weiquan.security.UserFactory userFactory;

    @Resource(lookup = "java:comp/UserTransaction")
    jakarta.transaction.UserTransaction transaction;

    private Database db() {
        return new Database(dataSource);
    }

    private static ContactRegistration letter(String station, OffsetDateTime received, String summary) {
        return new ContactRegistration(station, "LETTER", received, summary, "CLAIM", "DOMESTIC_VIOLENCE", null, null,
                List.of(new ContactRegistration.PartyInput("COMPLAINANT", "林秀英", "FEMALE", null, 52, null,
                                List.of(new ContactRegistration.PhoneInput("13600001111", false)), null, null, null),
                        new ContactRegistration.PartyInput("RESPONDENT", "郑大军", "MALE", null, null, null, List.of(),
                                null, null, "丈夫")), null, true);
    }

    private static OffsetDateTime daysAgo(int days) {
        return OffsetDateTime.now(CST).minusDays(days).truncatedTo(ChronoUnit.MINUTES);
    }

    @Test
    void aLedgerContactAcceptedLongAgoBecomesACaseOfThatYearWithItsTimelineAtTheTimesGiven() {
        OffsetDateTime received = daysAgo(400);
        Instant registered = received.toInstant().plus(Duration.ofHours(1));
        Instant told = received.toInstant().plus(Duration.ofDays(1));
        Instant accepted = received.toInstant().plus(Duration.ofDays(3));

        long id = intake.importContact(letter("QX-0105", received, "来信：丈夫殴打 " + UUID.randomUUID()), registered,
                "ledger-clerk", false);
        intake.acknowledgeAt(id, LocalDate.ofInstant(told, StationTime.ZONE), "WRITTEN", told, "ledger-clerk");
        ReviewService.Outcome outcome = reviews.decideAt(id, new ReviewDecisionForm(ReviewDecision.ACCEPTED, null, null, null),
                accepted, "ledger-chief");

        int year = accepted.atZone(StationTime.ZONE).getYear();
        assertThat(outcome.caseNumber()).matches("QX-0105-" + year + "-\\d{4}");
        assertThat(db().count("SELECT COUNT(*) FROM case_file WHERE number = ? AND accepted_at = ? AND accepted_by = ?",
                outcome.caseNumber(), OffsetDateTime.ofInstant(accepted, CST), "ledger-chief")).isOne();
        assertThat(db().count("SELECT COUNT(*) FROM contact WHERE id = ? AND registered_at = ? AND registered_by = ?"
                + " AND decided_at = ? AND acknowledged_on = ?", id, OffsetDateTime.ofInstant(registered, CST),
                "ledger-clerk", OffsetDateTime.ofInstant(accepted, CST), LocalDate.ofInstant(told, StationTime.ZONE)))
                .isOne();
        assertThat(db().count("SELECT COUNT(*) FROM case_event WHERE contact_id = ? AND (type = 'CONTACT_REGISTERED' AND"
                        + " occurred_at = ? OR type = 'ACKNOWLEDGED' AND occurred_at = ? OR type = 'ACCEPTED' AND"
                        + " occurred_at = ? AND actor = 'ledger-chief' AND actor_station = 'QX-0105')", id,
                OffsetDateTime.ofInstant(registered, CST), OffsetDateTime.ofInstant(told, CST),
                OffsetDateTime.ofInstant(accepted, CST))).isEqualTo(3);
        assertThat(db().count("SELECT COUNT(*) FROM party_phone ph JOIN party p ON ph.party_id = p.id"
                + " WHERE p.contact_id = ? AND ph.number_enc NOT LIKE '%13600001111%' AND ph.safe_to_contact = FALSE", id))
                .as("the phone is stored encrypted, with its safety flag").isOne();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id)).count())
                .as("imported as decided: no review process at all").isZero();
    }

    @Test
    void anImportedContactUnderReviewStopsBeingChasedOnceAcknowledgedAndEndsItsReviewWhenDecided() {
        OffsetDateTime received = daysAgo(3);
        long id = intake.importContact(letter("QX-0106", received, "来信 " + UUID.randomUUID()),
                received.toInstant().plus(Duration.ofHours(1)), "ledger-clerk", true);
        String key = String.valueOf(id);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey("Task_ReviewContact")
                .taskCandidateGroup("station:QX-0106:supervisor").count()).isOne();

        Instant told = received.toInstant().plus(Duration.ofDays(1));
        intake.acknowledgeAt(id, LocalDate.ofInstant(told, StationTime.ZONE), "SMS", told, "ledger-clerk");
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getId();
        assertThat(runtime.getVariable(instance, "acknowledged")).isEqualTo(true);

        reviews.decideAt(id, new ReviewDecisionForm(ReviewDecision.CONSULTATION_ANSWERED, "已解答", null, null),
                Instant.now().minus(Duration.ofHours(1)), "ledger-chief");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).finished().count())
                .isOne();
    }

    @Test
    void anImportIsCheckedLikeARegistrationAndEveryProblemIsNamedAtOnce() {
        String marker = "不应保存 " + UUID.randomUUID();
        ContactRegistration broken = new ContactRegistration("QX-0107", "FAX", daysAgo(10), marker, null,
                "DOMESTIC_VIOLENCE", null, null, List.of(new ContactRegistration.PartyInput("COMPLAINANT", "林秀英", null,
                null, null, null, List.of(new ContactRegistration.PhoneInput("12345", true)), null, null, null)),
                null, true);

        InvalidInput refused = invalid(() -> intake.importContact(broken, Instant.now().plus(Duration.ofDays(1)),
                "ledger-clerk", true));
        assertThat(refused.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("channel", "parties[0].phones[0].number", "registeredAt");

        OffsetDateTime received = daysAgo(10);
        InvalidInput early = invalid(() -> intake.importContact(letter("QX-0107", received, marker),
                received.toInstant().minus(Duration.ofHours(1)), " ", true));
        assertThat(early.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("registeredAt", "registeredBy");
        assertThat(db().count("SELECT COUNT(*) FROM contact WHERE summary = ?", marker)).isZero();
    }

    @Test
    void aHistoricalDecisionIsCheckedLikeALiveOneAndATransferToAStationStartsItsReviewThere() {
        OffsetDateTime received = daysAgo(30);
        Instant registered = received.toInstant().plus(Duration.ofHours(1));
        long id = intake.importContact(letter("QX-0108", received, "来信 " + UUID.randomUUID()), registered,
                "ledger-clerk", false);

        InvalidInput refused = invalid(() -> reviews.decideAt(id,
                new ReviewDecisionForm(ReviewDecision.NOT_ACCEPTED, "已起诉", null, null), registered.minusSeconds(60), "chief"));
        assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("referredTo", "decidedAt");

        Instant transferred = received.toInstant().plus(Duration.ofDays(2));
        ReviewService.Outcome outcome = reviews.decideAt(id,
                new ReviewDecisionForm(ReviewDecision.TRANSFERRED, "属河西镇", null, "QX-0201"), transferred, "ledger-chief");
        assertThat(outcome.status()).isEqualTo("AWAITING_REVIEW");
        assertThat(outcome.stationCode()).isEqualTo("QX-0201");
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(id))
                .taskDefinitionKey("Task_ReviewContact").singleResult();
        assertThat(review).isNotNull();
        assertThat(review.getDueDate().toInstant()).isEqualTo(org.weiquan.shared.Days.deadline(transferred, 15));
        assertThat(tasks.createTaskQuery().taskId(review.getId()).taskCandidateGroup("station:QX-0201:supervisor")
                .count()).isOne();
    }

    /**
     * The quick start's demo network reads like a federation's report: most cases closed within their 60 days, a few
     * overdue, follow-up visits done and mostly satisfied, and a handful of cases at each stage of live work, waiting
     * in the demo users' task lists. Loaded beside the other tests' data in a transaction that is rolled back.
     */
    @Test
    void theDemoNetworkLooksHealthyWithAHandfulOfCasesAtEachStageOfItsWork() throws Exception {
        transaction.setTransactionTimeout(1800);
        transaction.begin();
        try {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            DemoPeople people = new DemoPeople("dash-i1-" + tag, "dash-i2-" + tag, "dash-m1-" + tag, "dash-m2-" + tag,
                    "dash-s1-" + tag, "dash-s2-" + tag);
            user(people.intake01(), "QX-0101", "INTAKE");
            user(people.intake02(), "QX-0201", "INTAKE");
            user(people.mediator01(), "QX-0101", "MEDIATOR");
            user(people.mediator02(), "QX-0201", "MEDIATOR");
            user(people.supervisor01(), "QX-01", "SUPERVISOR");
            user(people.supervisor02(), "QX", "SUPERVISOR");
            DemoContacts.Loaded loaded = demo.loadBesideOtherData("dash-demo-" + tag, people);
            assertThat(loaded.contacts()).isEqualTo(200);
            assertThat(loaded.awaitingReview()).as("contacts awaiting review").isBetween(5, 20);
            String demoCases = " FROM case_file c WHERE c.accepted_by IN (?, ?)";
            String s1 = people.supervisor01();
            String s2 = people.supervisor02();
            long cases = db().count("SELECT COUNT(*)" + demoCases, s1, s2);
            long closed = db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'CLOSED'", s1, s2);
            long inTime = db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'CLOSED' AND c.days_to_close <= 60",
                    s1, s2);
            long overdue = db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'OPEN' AND c.handling_due < ?",
                    s1, s2, OffsetDateTime.now(CST));
            assertThat(cases).isEqualTo(loaded.cases()).isEqualTo(loaded.caseNumbers().size()).isGreaterThan(100);
            assertThat((double) closed / cases).as("closed share of %d cases", cases).isGreaterThan(0.8);
            assertThat((double) inTime / closed).as("closed within 60 days, of %d closed", closed).isGreaterThan(0.9);
            assertThat(overdue).as("open past the deadline").isBetween(1L, 5L);
            assertThat(db().count("SELECT COUNT(*)" + demoCases + " AND c.stage = 'CLOSURE_REQUESTED'", s1, s2))
                    .as("awaiting closure approval").isBetween(2L, 4L);
            assertThat(db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'CLOSED' AND c.stage = 'FOLLOW_UP'", s1, s2))
                    .as("follow-up due").isBetween(2L, 4L);
            assertThat(db().count("SELECT COUNT(*) FROM referral r JOIN case_file c ON c.number = r.case_number"
                    + " WHERE c.accepted_by IN (?, ?) AND r.status = 'REQUESTED'", s1, s2))
                    .as("referred, awaiting the agency's answer").isBetween(2L, 4L);
            long visits = db().count("SELECT COUNT(*) FROM follow_up_visit f JOIN case_file c ON c.id = f.case_id"
                    + " WHERE c.accepted_by IN (?, ?) AND f.result IS NOT NULL", s1, s2);
            long satisfied = db().count("SELECT COUNT(*) FROM follow_up_visit f JOIN case_file c ON c.id = f.case_id"
                    + " WHERE c.accepted_by IN (?, ?) AND f.result = 'SATISFIED'", s1, s2);
            assertThat(visits).as("follow-up visits done").isGreaterThan(30);
            assertThat((double) satisfied / visits).as("satisfied").isGreaterThan(0.7);

            List<String> numbers = loaded.caseNumbers();
            assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(numbers.toArray(String[]::new))
                    .taskDefinitionKey("Task_HoldMediationSession").count()).as("being mediated").isBetween(2L, 4L);
            assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(numbers.toArray(String[]::new))
                    .taskDefinitionKey("Task_ApproveClosure").count()).as("closure approvals waiting").isBetween(2L, 4L);
            assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(numbers.toArray(String[]::new))
                    .taskDefinitionKey("Task_HandleCase").taskAssignee(people.mediator01()).count())
                    .as("the demo mediator's next steps").isPositive();
        } finally {
            transaction.rollback();
        }
    }

    private void user(String username, String station, String role) {
        userFactory.create(new org.weiquan.security.UserAdministration.NewUser(username, "测试 " + username, station,
                List.of(role), "Dash-" + UUID.randomUUID()), "/", "dash-test");
    }

    /** The services' InvalidInput, unwrapped from the container's exception. */
    private static InvalidInput invalid(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidInput invalid) {
                    return invalid;
                }
            }
            throw e;
        }
        throw new AssertionError("expected the input to be refused");
    }
}
