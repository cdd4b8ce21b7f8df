package org.weiquan.workflow.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.casework.CaseTask;
import org.weiquan.shared.Conflict;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.ChildStart;
import org.weiquan.workflow.HandlingStart;
import org.weiquan.workflow.InboxPage;
import org.weiquan.workflow.InboxQuery;
import org.weiquan.workflow.ReferralStart;
import org.weiquan.workflow.ReviewStart;
import org.weiquan.workflow.WorkItem;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow port on the embedded Camunda engine: the models in {@code bpmn/}, their variables (ids, codes,
 * flags and dates only) and messages. Engine failures a user can cause (a task completed meanwhile, a message the
 * case is not waiting for) come back as conflicts.
 */
@ApplicationScoped
public class CamundaCaseWorkflow implements CaseWorkflow {

    static final String CONTACT_REVIEW = "ContactReview";
    static final String CASE_HANDLING = "CaseHandling";
    static final String REFERRAL = "Referral";
    static final String PROTECTION_ORDER = "ProtectionOrder";
    static final String JUDICIAL_CONFIRMATION = "JudicialConfirmation";
    static final String REVIEW = "Review";
    static final String MANDATORY_REPORT = "MandatoryReport";
    static final String DANGER_ASSESSMENT = "DangerAssessment";
    /** The mediator is warned this long before the handling deadline. */
    static final Duration WARNING_BEFORE = Duration.ofDays(7);
    static final String MANDATORY_REPORT_CHASE_AFTER = "PT4H";
    static final String URGENT_ACTION_WITHIN = "PT24H";

    @Inject
    RuntimeService runtime;

    @Inject
    TaskService tasks;

    @Inject
    DataSource dataSource;

    /** Null outside a container (the unit tests that build this class); nothing is then remembered. */
    @Resource
    TransactionSynchronizationRegistry transactions;

    /** How long a chase may wait before the level above is asked: {@code WEIQUAN_ESCALATION_DAYS}, 3 by default. */
    static String escalateAfter() {
        return "P" + ConfigProvider.getConfig(CamundaCaseWorkflow.class.getClassLoader())
                .getOptionalValue("weiquan.escalation.days", Integer.class).orElse(3) + "D";
    }

    // ---------------------------------------------------------------- review

    @Override
    public List<WorkItem> startContactReview(ReviewStart review) {
        // the tasks as the start's listeners saw them: reading them back would cost nine statements per intake
        return TaskAnnouncements.recording(() -> runtime.startProcessInstanceByKey(CONTACT_REVIEW,
                String.valueOf(review.contactId()), reviewVariables(review)
                        .putValue("contactId", review.contactId())
                        .putValue("channel", review.channel())
                        .putValue("acknowledged", false)
                        .putValue("escalateAfter", escalateAfter())));
    }

    private static VariableMap reviewVariables(ReviewStart review) {
        return Variables.createVariables()
                .putValue("stationCode", review.stationCode())
                .putValue("escalationStationCode", review.escalationStationCode())
                .putValue("reviewDue", Date.from(review.reviewDue()))
                .putValue("objectionDue", review.objectionDue() == null ? null : Date.from(review.objectionDue()));
    }

    @Override
    public void acknowledged(long contactId) {
        reviewOf(contactId).ifPresent(pi -> runtime.setVariable(pi.getId(), "acknowledged", true));
    }

    @Override
    public boolean underReview(long contactId) {
        // an open review task says so in one read of the inbox's rows (a task exists only while its process runs);
        // without one (a chase waiting, the window for an objection) the engine is asked
        return reviewTaskOf(contactId).isPresent() || reviewOf(contactId).isPresent();
    }

    @Override
    public void reviewDecided(long contactId, String decision, ReviewStart transferredTo) {
        // the review's task from the inbox's rows: one statement, where the process instance's query and the task's
        // took two engine queries on every decision
        String task = reviewTaskOf(contactId).orElseThrow(() -> new Conflict(reviewOf(contactId).isPresent()
                ? "the contact has no open review" : "the contact's review has ended"));
        VariableMap variables = Variables.createVariables().putValue("decision", decision);
        if (transferredTo != null) {
            variables.putAll(reviewVariables(transferredTo));
        }
        complete(task, variables);
        remember(new ReviewTask(contactId), Boolean.FALSE);
    }

    @Override
    public void transferObjected(long contactId, ReviewStart backTo) {
        ProcessInstance instance = reviewOf(contactId)
                .orElseThrow(() -> new Conflict("the contact's review has ended"));
        try {
            runtime.createMessageCorrelation("TransferObjected").processInstanceId(instance.getId())
                    .setVariables(reviewVariables(backTo)).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw new Conflict("the window to object to the transfer has closed (5 working days, 信访工作条例 art. 23)");
        }
    }

    private Optional<ProcessInstance> reviewOf(long contactId) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery().processDefinitionKey(CONTACT_REVIEW)
                .processInstanceBusinessKey(String.valueOf(contactId)).active().singleResult());
    }

    // ---------------------------------------------------------------- handling

    @Override
    public void startHandling(HandlingStart start) {
        runtime.startProcessInstanceByKey(CASE_HANDLING, start.caseNumber(), Variables.createVariables()
                .putValue("caseNumber", start.caseNumber())
                .putValue("caseId", start.caseId())
                .putValue("stationCode", start.stationCode())
                .putValue("escalationStationCode", start.escalationStationCode())
                .putValue("category", start.category())
                .putValue("channel", start.channel())
                .putValue("minorInvolved", start.minorInvolved())
                .putValue("withoutCapacity", start.withoutCapacity())
                .putValue("domesticViolence", start.domesticViolence())
                .putValue("needsWrittenReply", start.needsWrittenReply())
                .putValue("needsFollowUp", start.needsFollowUp())
                .putValue("autoAssign", start.autoAssign())
                .putValue("roundNumber", start.roundNumber())
                .putValue("mediator", start.mediator())
                .putValue("handlingDue", Date.from(start.handlingDue()))
                .putValue("handlingWarning", Date.from(start.handlingDue().minus(WARNING_BEFORE)))
                .putValue("mediatorAssignmentDue", Date.from(start.mediatorAssignmentDue()))
                .putValue("riskAssessmentDue", Date.from(start.riskAssessmentDue()))
                .putValue("mandatoryReportDue", Date.from(start.mandatoryReportDue()))
                .putValue("mandatoryReportChaseAfter", MANDATORY_REPORT_CHASE_AFTER)
                .putValue("urgentActionWithin", URGENT_ACTION_WITHIN)
                .putValue("escalateAfter", escalateAfter()));
    }

    @Override
    public void restartHandling(HandlingStart start) {
        for (ProcessInstance running : handlingInstances(start.caseNumber())) {
            runtime.deleteProcessInstance(running.getId(), "handled again in a new round");
        }
        startHandling(start);
    }

    @Override
    public void endHandling(String caseNumber, String why) {
        for (ProcessInstance running : handlingInstances(caseNumber)) {
            runtime.deleteProcessInstance(running.getId(), why);
        }
        for (ProcessInstance child : children(caseNumber)) {
            if (child.getProcessDefinitionId().startsWith(REFERRAL + ":")) {
                runtime.deleteProcessInstance(child.getId(), why);
            }
        }
    }

    private List<ProcessInstance> handlingInstances(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CASE_HANDLING)
                .processInstanceBusinessKey(caseNumber).list();
    }

    /** Top-level instances of the work around a case (referrals, orders, confirmations, reviews). */
    private List<ProcessInstance> children(String caseNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(caseNumber + "/%").list();
    }

    private ProcessInstance handling(String caseNumber) {
        return handlingInstances(caseNumber).stream().findFirst()
                .orElseThrow(() -> new Conflict("the case has no running handling process"));
    }

    @Override
    public void extensionRequested(String caseNumber, int days) {
        try {
            runtime.createMessageCorrelation("ExtensionRequested").processInstanceId(handling(caseNumber).getId())
                    .setVariable("extensionDays", days).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw new Conflict("the case is not in a handling round: an extension is asked for while it is handled");
        }
    }

    @Override
    public void deadlineMoved(String caseNumber, Instant due) {
        ProcessInstance instance = handling(caseNumber);
        Date oldDue = (Date) runtime.getVariable(instance.getId(), "handlingDue");
        Date newDue = Date.from(due);
        for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).list()) {
            if (oldDue != null && oldDue.equals(task.getDueDate())) {
                task.setDueDate(newDue);
                tasks.saveTask(task);
            }
        }
        runtime.createMessageCorrelation("DeadlineMoved").processInstanceId(instance.getId())
                .setVariable("handlingDue", newDue)
                .setVariable("handlingWarning", Date.from(due.minus(WARNING_BEFORE)))
                .correlateAllWithResult();
    }

    @Override
    public void mandatoryReportNeeded(String caseNumber, Instant due) {
        correlateOrStart(caseNumber, "MandatoryReportNeeded", MANDATORY_REPORT,
                Map.of("mandatoryReportDue", Date.from(due)));
    }

    @Override
    public void dangerAssessmentNeeded(String caseNumber, Instant due) {
        correlateOrStart(caseNumber, "DangerAssessmentNeeded", DANGER_ASSESSMENT,
                Map.of("riskAssessmentDue", Date.from(due)));
    }

    /** Within a handling round the round starts the work; after it (awaiting the follow-up) it runs on its own. */
    private void correlateOrStart(String caseNumber, String message, String model, Map<String, Object> due) {
        ProcessInstance instance = handling(caseNumber);
        try {
            runtime.createMessageCorrelation(message).processInstanceId(instance.getId()).setVariables(due).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            Map<String, Object> variables = new LinkedHashMap<>(runtime.getVariables(instance.getId()));
            variables.putAll(due);
            runtime.startProcessInstanceByKey(model, caseNumber, variables);
        }
    }

    @Override
    public void withdrawn(String caseNumber) {
        for (ProcessInstance running : handlingInstances(caseNumber)) {
            runtime.createMessageCorrelation("CaseWithdrawn").processInstanceId(running.getId()).correlate();
        }
    }

    @Override
    public void transferred(String caseNumber, String fromStation, String toStation, String escalationStation) {
        List<ProcessInstance> instances = new ArrayList<>(children(caseNumber));
        instances.addAll(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list());
        for (ProcessInstance pi : instances) {
            Object before = runtime.getVariable(pi.getId(), "escalationStationCode");
            Map<String, String> moves = new LinkedHashMap<>();
            moves.put("station:" + fromStation + ":", "station:" + toStation + ":");
            if (before != null && !before.equals(fromStation)) {
                moves.putIfAbsent("station:" + before + ":", "station:" + escalationStation + ":");
            }
            runtime.setVariable(pi.getId(), "stationCode", toStation);
            runtime.setVariable(pi.getId(), "escalationStationCode", escalationStation);
            runtime.setVariable(pi.getId(), "mediator", null);
            for (Task task : tasks.createTaskQuery().processInstanceId(pi.getId()).list()) {
                if (task.getAssignee() != null) {
                    tasks.setAssignee(task.getId(), null);
                }
                for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                    if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                        String group = link.getGroupId();
                        String moved = moves.entrySet().stream().filter(m -> group.startsWith(m.getKey())).findFirst()
                                .map(m -> m.getValue() + group.substring(m.getKey().length())).orElse(group);
                        if (!moved.equals(group)) {
                            tasks.deleteCandidateGroup(task.getId(), group);
                            tasks.addCandidateGroup(task.getId(), moved);
                        }
                    }
                }
                inboxGroupsOf(task.getId());
            }
        }
    }

    /** The engine fires no task event when a group is added: the inbox's table reads the task's groups again. */
    private void inboxGroupsOf(String taskId) {
        try (Connection connection = dataSource.getConnection()) {
            InboxRows.copyGroups(connection, taskId);
        } catch (SQLException e) {
            throw new IllegalStateException("the inbox could not follow task " + taskId, e);
        }
    }

    @Override
    public void mediatorAssigned(String caseNumber, String mediator) {
        List<ProcessInstance> instances = new ArrayList<>(children(caseNumber));
        instances.addAll(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list());
        for (ProcessInstance pi : instances) {
            runtime.setVariable(pi.getId(), "mediator", mediator);
        }
    }

    // ---------------------------------------------------------------- the work around a case

    @Override
    public void startReferral(ReferralStart start) {
        runtime.startProcessInstanceByKey(REFERRAL, start.key(), Variables.createVariables()
                .putValue("caseNumber", start.caseNumber())
                .putValue("referralKey", start.key())
                .putValue("referralId", start.referralId())
                .putValue("stationCode", start.stationCode())
                .putValue("escalationStationCode", start.escalationStationCode())
                .putValue("mediator", start.mediator())
                .putValue("agencyKind", start.agencyKind())
                .putValue("answerDue", Date.from(start.answerDue()))
                .putValue("escalateAfter", escalateAfter()));
    }

    @Override
    public void referralRevoked(String referralKey) {
        if (runtime.createProcessInstanceQuery().processDefinitionKey(REFERRAL).processInstanceBusinessKey(referralKey)
                .count() > 0) {
            runtime.createMessageCorrelation("ReferralRevoked").processInstanceBusinessKey(referralKey).correlate();
        }
    }

    @Override
    public void startProtectionOrder(ChildStart start, Instant rulingDue) {
        runtime.startProcessInstanceByKey(PROTECTION_ORDER, start.key(), childVariables(start)
                .putValue("rulingDue", Date.from(rulingDue)));
    }

    @Override
    public void startJudicialConfirmation(ChildStart start, Instant reminderAt, Instant confirmationDue) {
        runtime.startProcessInstanceByKey(JUDICIAL_CONFIRMATION, start.key(), childVariables(start)
                .putValue("reminderAt", Date.from(reminderAt))
                .putValue("confirmationDue", Date.from(confirmationDue)));
    }

    @Override
    public void startReplyReview(ChildStart start, String kind, Instant answerDue) {
        runtime.startProcessInstanceByKey(REVIEW, start.key(), childVariables(start)
                .putValue("kind", kind)
                .putValue("answerDue", Date.from(answerDue)));
    }

    private static VariableMap childVariables(ChildStart start) {
        return Variables.createVariables()
                .putValue("caseNumber", start.caseNumber())
                .putValue("stationCode", start.stationCode())
                .putValue("escalationStationCode", start.escalationStationCode())
                .putValue("mediator", start.mediator())
                .putValue("escalateAfter", escalateAfter());
    }

    // ---------------------------------------------------------------- tasks

    /**
     * One open task, from the inbox's row (written by the task's listeners in the same transaction as the task): one
     * statement where reading it through the engine took ten (the task, its variables, its process instance, its
     * candidates), on every claim, give-back and completion.
     */
    @Override
    public Optional<WorkItem> task(String taskId) {
        try (Connection connection = dataSource.getConnection()) {
            Object[] row = null;
            boolean moreGroups = false;
            try (PreparedStatement one = prepared(connection, InboxSql.ONE, List.of(taskId));
                 ResultSet rs = one.executeQuery()) {
                if (rs.next()) {
                    row = inboxRow(rs);
                    moreGroups = rs.getBoolean(InboxSql.COLUMN_COUNT + 1);
                }
            }
            if (row == null) {
                return Optional.empty();
            }
            WorkItem item = inboxItem(row, groupsOf(connection, List.<Object[]>of(row),
                    moreGroups ? List.of(row[0]) : List.of()));
            if (CaseTask.REVIEW_CONTACT.id().equals(item.taskKey()) && item.caseNumber() == null
                    && item.contactId() != null) {
                // a completion of the review decides on its contact next, which asks for this same task
                remember(new ReviewTask(item.contactId()), taskId);
            }
            return Optional.of(item);
        } catch (SQLException e) {
            throw new IllegalStateException("task " + taskId + " could not be read", e);
        }
    }

    /** The key under which a transaction remembers the open review task of a contact. */
    private record ReviewTask(long contactId) {
    }

    /**
     * The open review task of a contact, from the inbox's rows (a task of its own review, not of a case). A decision
     * asks twice in one transaction, whether the contact is under review and then for the task to complete: the
     * transaction remembers the first answer, so the second costs no statement; a decision made by completing the
     * review's task finds it remembered by {@link #task} and costs none.
     */
    private Optional<String> reviewTaskOf(long contactId) {
        ReviewTask key = new ReviewTask(contactId);
        if (remembered(key) instanceof String known) {
            return Optional.of(known);
        }
        Optional<String> found = readReviewTaskOf(contactId);
        found.ifPresent(task -> remember(key, task));
        return found;
    }

    private Object remembered(Object key) {
        return inTransaction() ? transactions.getResource(key) : null;
    }

    private void remember(Object key, Object value) {
        if (inTransaction()) {
            transactions.putResource(key, value);
        }
    }

    private boolean inTransaction() {
        return transactions != null && transactions.getTransactionKey() != null;
    }

    private Optional<String> readReviewTaskOf(long contactId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement one = prepared(connection, InboxSql.REVIEW_TASK_OF_CONTACT,
                     List.of(contactId, CaseTask.REVIEW_CONTACT.id()));
             ResultSet rs = one.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("the review of contact " + contactId + " could not be read", e);
        }
    }

    @Override
    public List<WorkItem> tasksOfCase(String caseNumber) {
        List<Task> open = new ArrayList<>(tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).list());
        open.addAll(tasks.createTaskQuery().processInstanceBusinessKeyLike(caseNumber + "/%").list());
        return items(open);
    }

    @Override
    public List<WorkItem> tasksOfContact(long contactId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(contactId)).orderByTaskCreateTime()
                .asc().list().stream().map(List::of).map(this::items).flatMap(List::stream)
                .filter(t -> t.caseNumber() == null).toList();
    }

    @Override
    public List<WorkItem> assignedTo(String username) {
        return items(tasks.createTaskQuery().taskAssignee(username).list());
    }

    @Override
    public List<WorkItem> offeredTo(List<String> candidateGroups) {
        return items(tasks.createTaskQuery().taskCandidateGroupIn(candidateGroups).taskUnassigned().list());
    }

    @Override
    public List<WorkItem> openIn(List<String> candidateGroups) {
        return items(tasks.createTaskQuery().taskCandidateGroupIn(candidateGroups).includeAssignedTasks().list());
    }

    @Override
    public InboxPage inbox(InboxQuery query) {
        try (Connection connection = dataSource.getConnection()) {
            InboxSql sql = new InboxSql(query, connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL"));
            long total;
            try (PreparedStatement count = prepared(connection, sql.count, sql.parameters);
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            if (total <= query.offset()) {
                return new InboxPage(List.of(), total);
            }
            try (PreparedStatement page = prepared(connection, sql.page, sql.parameters)) {
                return new InboxPage(inboxItems(connection, page), total);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the inbox could not be read", e);
        }
    }

    /**
     * The tasks of a statement that selects {@link InboxSql#COLUMNS} and, after them, whether each task has more than
     * three groups; with their groups.
     */
    private static List<WorkItem> inboxItems(Connection connection, PreparedStatement statement) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<Object> withMoreGroups = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Object[] row = inboxRow(rs);
                rows.add(row);
                if (rs.getBoolean(InboxSql.COLUMN_COUNT + 1)) {
                    withMoreGroups.add(row[0]);
                }
            }
        }
        Map<String, List<String>> groups = groupsOf(connection, rows, withMoreGroups);
        return rows.stream().map(r -> inboxItem(r, groups)).toList();
    }

    /** An inbox row's {@link InboxSql#COLUMNS}. */
    private static Object[] inboxRow(ResultSet rs) throws SQLException {
        Object[] row = new Object[InboxSql.COLUMN_COUNT];
        for (int i = 0; i < row.length; i++) {
            row[i] = i == 4 || i == 5 ? rs.getTimestamp(i + 1) : rs.getObject(i + 1);
        }
        return row;
    }

    /**
     * The rows' candidate groups: the first three from the rows, the others of the tasks that have more (none in
     * today's models) in one statement, sent only when there are such tasks.
     */
    private static Map<String, List<String>> groupsOf(Connection connection, List<Object[]> rows,
                                                      List<Object> withMoreGroups) throws SQLException {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Object[] r : rows) {
            List<String> first = groups.computeIfAbsent((String) r[0], k -> new ArrayList<>());
            for (int i = 12; i < 15; i++) {
                if (r[i] != null) {
                    first.add((String) r[i]);
                }
            }
        }
        if (!withMoreGroups.isEmpty()) {
            try (PreparedStatement links = prepared(connection, InboxSql.moreGroupsOf(withMoreGroups.size()),
                    withMoreGroups);
                 ResultSet rs = links.executeQuery()) {
                while (rs.next()) {
                    groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return groups;
    }

    private static PreparedStatement prepared(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof String[] values) {
                statement.setArray(i + 1, connection.createArrayOf("VARCHAR", values));
            } else {
                statement.setObject(i + 1, parameters.get(i));
            }
        }
        return statement;
    }

    private static WorkItem inboxItem(Object[] r, Map<String, List<String>> groups) {
        String id = (String) r[0];
        String caseNumber = (String) r[7];
        String referralKey = (String) r[9];
        WorkItem.Model model = caseNumber == null ? WorkItem.Model.REVIEW
                : referralKey != null ? WorkItem.Model.REFERRAL : WorkItem.Model.HANDLING;
        return new WorkItem(id, (String) r[1], (String) r[2], model, (String) r[6], caseNumber,
                r[8] instanceof Number n ? n.longValue() : null, referralKey, (String) r[3],
                groups.getOrDefault(id, List.of()).stream().sorted().toList(), instant(r[4]), instant(r[5]),
                InboxSql.riskLevel(r[10]), (String) r[11], (String) r[15]);
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((java.sql.Timestamp) value).toInstant();
    }

    /**
     * From the inbox's rows, one statement a page: reading the tasks through the engine took three more statements a
     * task (its variables, its process instance, its candidates).
     */
    @Override
    public List<WorkItem> heldAndDueBy(Instant until, WorkItem after, int max) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(java.sql.Timestamp.from(until));
        if (after != null) {
            parameters.add(java.sql.Timestamp.from(after.due()));
            parameters.add(java.sql.Timestamp.from(after.due()));
            parameters.add(after.id());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement page = prepared(connection, InboxSql.heldAndDueBy(after != null, max), parameters)) {
            return inboxItems(connection, page);
        } catch (SQLException e) {
            throw new IllegalStateException("the held tasks due could not be read", e);
        }
    }

    /** The tasks still open: one completed between the query and the reading of its variables is left out. */
    private List<WorkItem> items(List<Task> found) {
        List<WorkItem> open = new ArrayList<>();
        for (Task task : found) {
            try {
                open.add(item(task));
            } catch (NullValueException | NotFoundException e) {
                // completed meanwhile: it is no one's work any more
            }
        }
        return open;
    }

    @Override
    public void claim(String taskId, String username) {
        try {
            tasks.claim(taskId, username);
        } catch (NullValueException | NotFoundException e) {
            throw new Conflict("the task was completed meanwhile");
        } catch (ProcessEngineException e) {
            throw new Conflict("the task was claimed by someone else at the same moment");
        }
    }

    @Override
    public void assign(String taskId, String username) {
        tasks.setAssignee(taskId, username);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        try {
            tasks.complete(taskId, variables);
        } catch (NullValueException | NotFoundException | OptimisticLockingException e) {
            throw new Conflict("the task was completed by someone else at the same moment");
        }
    }

    private WorkItem item(Task task) {
        Map<String, Object> vars = runtime.getVariables(task.getExecutionId(),
                List.of("caseNumber", "contactId", "referralKey", "riskLevel", "overdue"));
        Object contactId = vars.get("contactId");
        Object caseNumber = vars.get("caseNumber");
        Object referralKey = vars.get("referralKey");
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        String businessKey = instance == null ? null : instance.getBusinessKey();
        WorkItem.Model model = caseNumber == null ? WorkItem.Model.REVIEW
                : referralKey != null ? WorkItem.Model.REFERRAL : WorkItem.Model.HANDLING;
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).sorted().toList();
        return new WorkItem(task.getId(), task.getTaskDefinitionKey(), task.getName(), model, businessKey,
                caseNumber == null ? null : caseNumber.toString(),
                contactId instanceof Number n ? n.longValue() : null,
                referralKey == null ? null : referralKey.toString(), task.getAssignee(), groups,
                task.getCreateTime().toInstant(), task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                vars.get("riskLevel") == null ? null : vars.get("riskLevel").toString(),
                vars.get("overdue") == null ? null : vars.get("overdue").toString());
    }
}
