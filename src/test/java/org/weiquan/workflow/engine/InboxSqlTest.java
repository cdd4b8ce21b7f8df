package org.weiquan.workflow.engine;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weiquan.workflow.InboxPage;
import org.weiquan.workflow.InboxQuery;
import org.weiquan.workflow.WorkItem;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's statements on H2, on its own table filled from the columns of the engine's and Weiquan's tables as the
 * engine migration V94 copies them: which tasks a page holds, in which order, how many in all — that a page costs the
 * same number of statements whatever its size, and that the table follows a case, a contact and a station when they
 * move and a case's risk when it is assessed (the H2 triggers of V93).
 */
class InboxSqlTest {

    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final String VILLAGE = "/1/2/3/";
    private static final String OTHER_VILLAGE = "/1/2/4/";

    private JdbcDataSource h2;
    private final List<String> statements = new ArrayList<>();
    private CamundaCaseWorkflow workflow;
    private int next;

    @BeforeEach
    void schema() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:inbox" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        sql("CREATE TABLE ACT_RU_TASK (ID_ VARCHAR(64) PRIMARY KEY, TASK_DEF_KEY_ VARCHAR(255), NAME_ VARCHAR(255),"
                + " ASSIGNEE_ VARCHAR(255), CREATE_TIME_ TIMESTAMP, DUE_DATE_ TIMESTAMP, PROC_INST_ID_ VARCHAR(64),"
                + " PARENT_TASK_ID_ VARCHAR(64))");
        sql("CREATE TABLE ACT_RU_EXECUTION (ID_ VARCHAR(64) PRIMARY KEY, BUSINESS_KEY_ VARCHAR(255))");
        sql("CREATE TABLE ACT_RU_VARIABLE (ID_ VARCHAR(64) PRIMARY KEY, EXECUTION_ID_ VARCHAR(64), NAME_ VARCHAR(255),"
                + " TEXT_ VARCHAR(4000), LONG_ BIGINT)");
        sql("CREATE TABLE ACT_RU_IDENTITYLINK (ID_ VARCHAR(64) PRIMARY KEY, TASK_ID_ VARCHAR(64), TYPE_ VARCHAR(255),"
                + " GROUP_ID_ VARCHAR(255))");
        InboxFixture.weiquanTables(h2);
        sql("INSERT INTO station VALUES (3, 'A村', '" + VILLAGE + "'), (4, 'B村', '" + OTHER_VILLAGE + "')");
        workflow = new CamundaCaseWorkflow();
        workflow.dataSource = InboxFixture.recording(h2, statements);
    }

    /**
     * The inbox's rows of the tasks made so far, as the engine migration copies the tasks open when the table came
     * (in the application the engine's task listeners write them).
     */
    private void backFill() throws SQLException {
        sql("DELETE FROM inbox_task_more_group");
        sql("DELETE FROM inbox_task"); // the migration fills an empty table, once
        InboxFixture.script(h2, "db/migration/engine/V94__inbox_back_fill.sql");
    }

    private void sql(String statement) throws SQLException {
        InboxFixture.sql(h2, statement);
    }

    /** A task of a case at a station, offered to a group, with a deadline (null: none) and a risk (null: none). */
    private String caseTask(String key, long stationId, String group, String assignee, Instant due, String risk)
            throws SQLException {
        int n = ++next;
        String number = "QX-2026-" + n;
        sql("INSERT INTO case_file VALUES (" + n + ", '" + number + "', " + stationId + ", "
                + (risk == null ? "NULL" : "'" + risk + "'") + ")");
        String id = task(n, key, group, assignee, due, "caseNumber", "TEXT_", "'" + number + "'");
        backFill();
        return id;
    }

    /** A contact's review task (no case yet): its station is the contact's. */
    private String contactTask(String key, long stationId, String group, Instant due, String engineRisk) throws SQLException {
        int n = ++next;
        sql("INSERT INTO contact VALUES (" + n + ", " + stationId + ")");
        String id = task(n, key, group, null, due, "contactId", "LONG_", String.valueOf(n));
        if (engineRisk != null) {
            sql("INSERT INTO ACT_RU_VARIABLE VALUES ('r" + n + "', 'pi" + n + "', 'riskLevel', '" + engineRisk + "', NULL)");
        }
        backFill();
        return id;
    }

    private String task(int n, String key, String group, String assignee, Instant due, String variable, String column,
                        String value) throws SQLException {
        String id = "t" + n;
        sql("INSERT INTO ACT_RU_EXECUTION VALUES ('pi" + n + "', 'bk" + n + "')");
        sql("INSERT INTO ACT_RU_VARIABLE (ID_, EXECUTION_ID_, NAME_, " + column + ") VALUES ('v" + n + "', 'pi" + n
                + "', '" + variable + "', " + value + ")");
        try (Connection c = h2.getConnection(); var s = c.prepareStatement("INSERT INTO ACT_RU_TASK VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
            s.setString(1, id);
            s.setString(2, key);
            s.setString(3, key);
            s.setString(4, assignee);
            s.setTimestamp(5, Timestamp.from(NOW.plusSeconds(n)));
            s.setTimestamp(6, due == null ? null : Timestamp.from(due));
            s.setString(7, "pi" + n);
            s.executeUpdate();
        }
        if (group != null) {
            sql("INSERT INTO ACT_RU_IDENTITYLINK VALUES ('l" + n + "', '" + id + "', 'candidate', '" + group + "')");
        }
        return id;
    }

    private static Instant inDays(int days) {
        return NOW.plus(Duration.ofDays(days));
    }

    private static InboxQuery offered(List<String> groups, InboxQuery.Order order, boolean descending, int offset, int limit) {
        return new InboxQuery(null, groups, true, "/1/", null, List.of(), order, descending, offset, limit);
    }

    private static final String GROUP = "station:A:supervisor";

    @Test
    void highRiskComesFirstThenTheNearestDeadlineAndTasksWithoutOneLast() throws SQLException {
        String late = caseTask("Task_AssignMediator", 3, GROUP, null, inDays(9), null);
        String none = caseTask("Task_AssignMediator", 3, GROUP, null, null, null);
        String soon = caseTask("Task_AssignMediator", 3, GROUP, null, inDays(1), null);
        String high = caseTask("Task_AssignMediator", 3, GROUP, null, inDays(30), "HIGH");
        String low = caseTask("Task_AssignMediator", 3, GROUP, null, inDays(2), "LOW");
        String medium = caseTask("Task_AssignMediator", 3, GROUP, null, null, "MEDIUM");
        String reviewHigh = contactTask("Task_ReviewContact", 3, GROUP, inDays(40), "HIGH");

        InboxPage page = workflow.inbox(offered(List.of(GROUP), InboxQuery.Order.RISK, false, 0, 20));

        assertThat(page.items()).extracting(WorkItem::id)
                .containsExactly(high, reviewHigh, medium, low, soon, late, none);
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.items().get(1).riskLevel()).as("a contact's risk is the engine's copy").isEqualTo("HIGH");
        assertThat(page.items().get(1).model()).isEqualTo(WorkItem.Model.REVIEW);
        assertThat(page.items().get(1).contactId()).isNotNull();
        assertThat(page.items().get(0).candidateGroups()).containsExactly(GROUP);
        assertThat(page.items().get(0).due()).isEqualTo(inDays(30));

        assertThat(workflow.inbox(offered(List.of(GROUP), InboxQuery.Order.DUE, false, 0, 20)).items())
                .extracting(WorkItem::id).startsWith(soon, low, late, high, reviewHigh).endsWith(none);
        assertThat(workflow.inbox(offered(List.of(GROUP), InboxQuery.Order.DUE, true, 0, 20)).items())
                .extracting(WorkItem::id).startsWith(reviewHigh, high, late, low, soon).endsWith(none);
        assertThat(workflow.inbox(offered(List.of(GROUP), InboxQuery.Order.RISK, true, 0, 20)).items())
                .extracting(WorkItem::id).as("the other way round: no risk first").startsWith(soon, late, none, low);
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrOverlapAndCountTheWholeInbox() throws SQLException {
        for (int i = 0; i < 45; i++) {
            caseTask("Task_AssignMediator", 3, GROUP, null, inDays(i % 7), i % 5 == 0 ? "HIGH" : null);
        }
        List<String> all = workflow.inbox(offered(List.of(GROUP), InboxQuery.Order.RISK, false, 0, 200)).items()
                .stream().map(WorkItem::id).toList();
        assertThat(all).hasSize(45).doesNotHaveDuplicates();
        List<String> paged = new java.util.ArrayList<>();
        for (int offset = 0; offset < 45; offset += 20) {
            InboxPage page = workflow.inbox(offered(List.of(GROUP), InboxQuery.Order.RISK, false, offset, 20));
            assertThat(page.total()).isEqualTo(45);
            paged.addAll(page.items().stream().map(WorkItem::id).toList());
        }
        assertThat(paged).containsExactlyElementsOf(all);
        InboxPage past = workflow.inbox(offered(List.of(GROUP), InboxQuery.Order.RISK, false, 60, 20));
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(45);
    }

    /**
     * The reminders' pages: every held task due before the time, once, oldest due first, ties in the order of their
     * ids, one statement a page; a task no one holds, or due later, or without a deadline is not in them.
     */
    @Test
    void theHeldTasksDueAreReadAPageAtATimeEachOnceOldestDueFirst() throws SQLException {
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            // days 0..4, several tasks on each: ties of the due date are ordered by the task's id
            held.add(caseTask("Task_HandleCase", i % 2 == 0 ? 3 : 4, GROUP, "mediator-" + (i % 3), inDays(i % 5), null));
        }
        caseTask("Task_AssignMediator", 3, GROUP, null, inDays(1), null);
        caseTask("Task_HandleCase", 3, GROUP, "mediator-0", inDays(9), null);
        caseTask("Task_HandleCase", 3, GROUP, "mediator-0", null, null);
        List<String> expected = held.stream().sorted(java.util.Comparator
                .comparing((String id) -> inDays((Integer.parseInt(id.substring(1)) - 1) % 5)).thenComparing(id -> id))
                .toList();

        statements.clear();
        List<String> paged = new ArrayList<>();
        WorkItem after = null;
        for (int pages = 0; pages < 20; pages++) {
            List<WorkItem> page = workflow.heldAndDueBy(inDays(5), after, 4);
            page.forEach(t -> assertThat(t.assignee()).isNotNull());
            paged.addAll(page.stream().map(WorkItem::id).toList());
            if (page.size() < 4) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(statements).as("one statement a page: 4 + 4 + 4 + 1 tasks").hasSize(4);
    }

    @Test
    void onlyTasksOfTheScopeTheGroupsTheHolderAndTheKindsAsked() throws SQLException {
        String here = caseTask("Task_AssignMediator", 3, GROUP, null, inDays(3), null);
        String moved = caseTask("Task_AssignMediator", 4, GROUP, null, inDays(3), null); // its case lies elsewhere now
        String held = caseTask("Task_HandleCase", 3, "station:A:mediator", "li", inDays(3), null);
        String otherGroup = caseTask("Task_AssignMediator", 3, "station:B:supervisor", null, inDays(3), null);
        String review = contactTask("Task_ReviewContact", 3, GROUP, inDays(3), null);

        InboxQuery villageOnly = new InboxQuery(null, List.of(GROUP), true, VILLAGE, null, List.of(),
                InboxQuery.Order.RISK, false, 0, 20);
        assertThat(workflow.inbox(villageOnly).items()).extracting(WorkItem::id)
                .containsExactlyInAnyOrder(here, review).doesNotContain(moved, otherGroup, held);
        assertThat(workflow.inbox(new InboxQuery(null, List.of(GROUP), true, "/1/", OTHER_VILLAGE, List.of(),
                InboxQuery.Order.RISK, false, 0, 20)).items()).extracting(WorkItem::id).containsExactly(moved);
        assertThat(workflow.inbox(new InboxQuery("li", List.of(), false, VILLAGE, null, List.of(),
                InboxQuery.Order.RISK, false, 0, 20)).items()).extracting(WorkItem::id).containsExactly(held);
        assertThat(workflow.inbox(new InboxQuery(null, List.of(GROUP, "station:A:mediator"), false, VILLAGE, null,
                List.of("Task_ReviewContact", "Task_HandleCase"), InboxQuery.Order.RISK, false, 0, 20)).items())
                .extracting(WorkItem::id).containsExactlyInAnyOrder(review, held);
    }

    @Test
    void aPageTakesTwoStatementsWhateverItsSizeAndAThirdOnlyForATaskOfMoreThanThreeGroups() throws SQLException {
        for (int i = 0; i < 60; i++) {
            if (i % 3 == 0) {
                contactTask("Task_ReviewContact", 3, GROUP, inDays(i), i % 2 == 0 ? "HIGH" : null);
            } else {
                caseTask("Task_AssignMediator", 3, GROUP, i % 4 == 0 ? "li" : null, inDays(i), null);
            }
        }
        int[] used = new int[3];
        int[] sizes = {1, 5, 50};
        for (int i = 0; i < sizes.length; i++) {
            statements.clear();
            InboxPage page = workflow.inbox(new InboxQuery(null, List.of(GROUP), false, VILLAGE, null, List.of(),
                    InboxQuery.Order.RISK, false, 0, sizes[i]));
            assertThat(page.items()).hasSize(sizes[i]);
            used[i] = statements.size();
        }
        assertThat(used).as("count and page — for 1, 5 and 50 rows").containsOnly(2);

        int n = ++next;
        sql("INSERT INTO case_file VALUES (" + n + ", 'QX-2026-" + n + "', 3, 'HIGH')");
        String wide = task(n, "Task_RecordMandatoryReport", GROUP, null, inDays(-1), "caseNumber", "TEXT_",
                "'QX-2026-" + n + "'");
        for (String more : List.of("station:A:intake", "station:A:mediator", "station:A:zz-fourth")) {
            sql("INSERT INTO ACT_RU_IDENTITYLINK VALUES ('l" + n + more + "', '" + wide + "', 'candidate', '" + more + "')");
        }
        backFill();
        statements.clear();
        InboxPage page = workflow.inbox(new InboxQuery(null, List.of(GROUP), false, VILLAGE, null, List.of(),
                InboxQuery.Order.RISK, false, 0, 5));
        assertThat(page.items().get(0).id()).isEqualTo(wide);
        assertThat(page.items().get(0).candidateGroups()).as("its fourth group read beside its row").hasSize(4);
        assertThat(page.items().subList(1, 5)).allSatisfy(t -> assertThat(t.candidateGroups()).containsExactly(GROUP));
        assertThat(statements).as("count, page, and the fourth group of the one task that has it").hasSize(3);
        assertThat(statements.get(2)).startsWith("select task_id, group_id from inbox_task_more_group");
    }

    @Test
    void aCaseMovedOrAssessedAContactTransferredAndAStationMovedTakeTheirTasksAlong() throws SQLException {
        String moving = caseTask("Task_HandleCase", 3, GROUP, null, inDays(5), null);
        String staying = caseTask("Task_HandleCase", 3, GROUP, null, inDays(1), null);
        String review = contactTask("Task_ReviewContact", 3, GROUP, inDays(9), null);
        InboxQuery village = new InboxQuery(null, List.of(GROUP), true, VILLAGE, null, List.of(),
                InboxQuery.Order.RISK, false, 0, 20);
        InboxQuery otherVillage = new InboxQuery(null, List.of(GROUP), true, OTHER_VILLAGE, null, List.of(),
                InboxQuery.Order.RISK, false, 0, 20);
        assertThat(workflow.inbox(village).items()).extracting(WorkItem::id).containsExactly(staying, moving, review);

        sql("UPDATE case_file SET risk_level = 'HIGH' WHERE number = (SELECT case_number FROM inbox_task"
                + " WHERE task_id = '" + moving + "')");
        assertThat(workflow.inbox(village).items()).extracting(WorkItem::id).containsExactly(moving, staying, review);
        assertThat(workflow.inbox(village).items().get(0).riskLevel()).isEqualTo("HIGH");

        sql("UPDATE case_file SET station_id = 4 WHERE number = (SELECT case_number FROM inbox_task"
                + " WHERE task_id = '" + moving + "')");
        sql("UPDATE contact SET station_id = 4 WHERE id = (SELECT contact_id FROM inbox_task WHERE task_id = '" + review + "')");
        assertThat(workflow.inbox(village).items()).extracting(WorkItem::id).containsExactly(staying);
        assertThat(workflow.inbox(otherVillage).items()).extracting(WorkItem::id).containsExactly(moving, review);
        assertThat(workflow.inbox(otherVillage).total()).isEqualTo(2);

        sql("UPDATE station SET path = '/1/9/4/' WHERE id = 4");
        assertThat(workflow.inbox(otherVillage).items()).isEmpty();
        assertThat(workflow.inbox(new InboxQuery(null, List.of(GROUP), true, "/1/9/", null, List.of(),
                InboxQuery.Order.RISK, false, 0, 20)).items()).extracting(WorkItem::id).containsExactly(moving, review);
    }

    @Test
    void aTaskOfManyGroupsIsFoundByEachOfThemAndByNoOther() throws SQLException {
        int n = ++next;
        sql("INSERT INTO case_file VALUES (" + n + ", 'QX-2026-" + n + "', 3, NULL)");
        String id = task(n, "Task_RecordMandatoryReport", "station:A:intake", null, inDays(1), "caseNumber", "TEXT_",
                "'QX-2026-" + n + "'");
        for (String more : List.of("station:A:mediator", "station:A:supervisor", "station:A:zz-fourth")) {
            sql("INSERT INTO ACT_RU_IDENTITYLINK VALUES ('l" + n + more + "', '" + id + "', 'candidate', '" + more + "')");
        }
        backFill();
        for (String group : List.of("station:A:intake", "station:A:mediator", "station:A:supervisor", "station:A:zz-fourth")) {
            InboxPage page = workflow.inbox(offered(List.of("station:B:x", group), InboxQuery.Order.RISK, false, 0, 20));
            assertThat(page.items()).as(group).extracting(WorkItem::id).containsExactly(id);
            assertThat(page.items().get(0).candidateGroups()).hasSize(4);
        }
        assertThat(workflow.inbox(offered(List.of("station:B:mediator"), InboxQuery.Order.RISK, false, 0, 20)).total())
                .isZero();
    }

    @Test
    void oneTaskIsReadByItsIdInOneStatementAsTheInboxListsItAndAnEndedOneIsNotFound() throws SQLException {
        String review = contactTask("Task_ReviewContact", 3, GROUP, inDays(15), "HIGH");
        String handling = caseTask("Task_AssignMediator", 3, GROUP, "tiaojie", inDays(5), "MEDIUM");
        int n = ++next;
        sql("INSERT INTO case_file VALUES (" + n + ", 'QX-2026-" + n + "', 3, NULL)");
        String many = task(n, "Task_RecordMandatoryReport", "station:A:intake", null, null, "caseNumber", "TEXT_",
                "'QX-2026-" + n + "'");
        for (String more : List.of("station:A:mediator", "station:A:supervisor", "station:A:zz-fourth")) {
            sql("INSERT INTO ACT_RU_IDENTITYLINK VALUES ('l" + n + more + "', '" + many + "', 'candidate', '" + more + "')");
        }
        backFill();
        List<WorkItem> listed = workflow.inbox(new InboxQuery(null, List.of(GROUP, "station:A:intake"), false, "/1/",
                null, List.of(), InboxQuery.Order.RISK, false, 0, 20)).items();

        statements.clear();
        WorkItem reviewTask = workflow.task(review).orElseThrow();
        WorkItem handlingTask = workflow.task(handling).orElseThrow();
        assertThat(statements.size()).as("one statement per task of up to three groups").isEqualTo(2);
        assertThat(reviewTask).isEqualTo(listed.stream().filter(t -> t.id().equals(review)).findFirst().orElseThrow());
        assertThat(reviewTask.model()).isEqualTo(WorkItem.Model.REVIEW);
        assertThat(reviewTask.riskLevel()).isEqualTo("HIGH");
        assertThat(reviewTask.due()).isEqualTo(inDays(15));
        assertThat(reviewTask.stationPath()).as("where its contact lies, for the scope check").isEqualTo(VILLAGE);
        assertThat(handlingTask.assignee()).isEqualTo("tiaojie");
        assertThat(handlingTask.caseNumber()).startsWith("QX-2026-");
        assertThat(handlingTask.model()).isEqualTo(WorkItem.Model.HANDLING);
        assertThat(handlingTask.candidateGroups()).containsExactly(GROUP);

        statements.clear();
        assertThat(workflow.task(many).orElseThrow().candidateGroups()).containsExactly("station:A:intake",
                "station:A:mediator", "station:A:supervisor", "station:A:zz-fourth");
        assertThat(statements.size()).as("the fourth group in a second statement").isEqualTo(2);

        sql("DELETE FROM inbox_task WHERE task_id = '" + handling + "'"); // what the task's completion does
        assertThat(workflow.task(handling)).isEmpty();
        assertThat(workflow.task("no-such-task")).isEmpty();
    }
}
