package org.weiquan.casework;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.casefile.AssignMediatorForm;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.HandlingService;
import org.weiquan.security.Act;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.intake.Contacts;
import org.weiquan.security.Actor;
import org.weiquan.security.CandidateGroups;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.Users;
import org.weiquan.station.Stations;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Labels;
import org.weiquan.shared.NotFound;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.InboxPage;
import org.weiquan.workflow.InboxQuery;
import org.weiquan.workflow.WorkItem;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The task inbox: my tasks, my station's unclaimed ones, a case's open tasks; claim, give back, hand on. A
 * task is visible to a user who holds it or belongs to one of its candidate groups (station and role) — and
 * only while its contact or case lies in the user's scope now, whatever the task's history: a case moved to
 * another station takes its work out of the old station's reach. Anything else is "not found".
 */
@Stateless
public class TaskInbox {

    @Inject
    CaseWorkflow workflow;

    @Inject
    CandidateGroups candidateGroups;

    @Inject
    CurrentActor currentActor;

    @Inject
    CaseFiles cases;

    @Inject
    Contacts contacts;

    @Inject
    Users users;

    @Inject
    Stations stations;

    @Inject
    Timeline timeline;

    @Inject
    Clock clock;

    @Inject
    HandlingService handling;

    @jakarta.persistence.PersistenceContext
    jakarta.persistence.EntityManager em;

    /** The rows a page shows unless asked for another number; at most {@link #MAX_PAGE_SIZE}. */
    public static final int PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 200;

    /** Whose tasks an inbox lists. */
    public enum Scope {
        /** The tasks the user holds. */
        MINE,
        /** The unclaimed tasks of the user's groups (a supervisor's include the stations below). */
        STATION,
        /** For a supervisor: every open task of the stations she supervises, whoever holds it. */
        OVERSEEN
    }

    /** What an inbox is narrowed to: kinds of task (all when empty), a station of the user's scope (or none). */
    public record Filter(List<CaseTask> kinds, String stationCode) {
        public static final Filter NONE = new Filter(List.of(), null);

        public Filter {
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
        }
    }

    /** One page (from 0) of an inbox and how many tasks it holds in all. */
    public record Page(List<TaskView> items, long total, int page, int size) {
    }

    /**
     * One page of an inbox, ordered by risk (HIGH first) then due date unless asked otherwise: the open tasks read
     * from the inbox's own table in one statement, the count in another and the facts a list shows (station,
     * complainant masked, category, holder's name) in one statement each for the whole page — never per task.
     * Only tasks whose case (or contact) lies in the user's scope now.
     */
    public Page page(Scope scope, Filter filter, InboxQuery.Order order, boolean descending, int page, int size) {
        Actor actor = currentActor.get().requireCaseRole();
        if (page < 0) {
            throw InvalidInput.of("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw InvalidInput.of("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Filter f = filter == null ? Filter.NONE : filter;
        String stationPath = null;
        if (f.stationCode() != null && !f.stationCode().isBlank()) {
            stationPath = stations.byCode(f.stationCode()).filter(st -> actor.sees(st.path()))
                    .orElseThrow(() -> InvalidInput.of("station", "is not a station of your scope")).path();
        }
        String assignee = null;
        List<String> groups;
        boolean unassigned = false;
        switch (scope == null ? Scope.MINE : scope) {
            case MINE -> {
                assignee = actor.username();
                groups = List.of();
            }
            case STATION -> {
                groups = candidateGroups.of(actor);
                unassigned = true;
            }
            default -> {
                actor.require(Role.SUPERVISOR);
                groups = overseenGroups(actor);
            }
        }
        if (assignee == null && groups.isEmpty()) {
            return new Page(List.of(), 0, page, size);
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw InvalidInput.of("page", "is too far");
        }
        InboxPage found = workflow.inbox(new InboxQuery(assignee, groups, unassigned, actor.stationPath(), stationPath,
                f.kinds().stream().map(CaseTask::id).toList(), order, descending, (int) offset, size));
        return new Page(views(found.items(), actor), found.total(), page, size);
    }

    /** The user's own tasks, the first {@link #MAX_PAGE_SIZE} in the inbox's order. */
    public List<TaskView> mine() {
        return page(Scope.MINE, Filter.NONE, InboxQuery.Order.RISK, false, 0, MAX_PAGE_SIZE).items();
    }

    /** Unclaimed tasks of the user's groups (a supervisor's include the stations below), the first ones. */
    public List<TaskView> unclaimed() {
        return page(Scope.STATION, Filter.NONE, InboxQuery.Order.RISK, false, 0, MAX_PAGE_SIZE).items();
    }

    /**
     * For a supervisor: every open task of the stations she supervises, whoever holds it, so she
     * can hand on the work of someone absent and see what waits at a station a case was moved to (the first ones).
     */
    public List<TaskView> overseen() {
        return page(Scope.OVERSEEN, Filter.NONE, InboxQuery.Order.RISK, false, 0, MAX_PAGE_SIZE).items();
    }

    /** The groups of every role at every station of a supervisor's subtree. */
    private List<String> overseenGroups(Actor actor) {
        return users.byUsername(actor.username())
                .map(u -> stations.subtree(u.station()).stream()
                        .flatMap(s -> java.util.Arrays.stream(Role.values()).filter(r -> r != Role.ADMIN)
                                .map(r -> r.groupAt(s.code())))
                        .toList())
                .orElse(List.of());
    }

    /** The name of the user's scope as her lists call it: her station's own name (a sub-district's, a county's). */
    public String scopeName() {
        Actor actor = currentActor.get().requireCaseRole();
        return stations.byCode(actor.stationCode()).map(org.weiquan.station.Station::name).orElse(actor.stationCode());
    }

    /** The stations of the user's scope, hers first, for a list's station filter. */
    public List<org.weiquan.station.Station> scopeStations() {
        Actor actor = currentActor.get().requireCaseRole();
        return users.byUsername(actor.username()).map(u -> stations.subtree(u.station())).orElse(List.of());
    }

    /** The open tasks of a case (its handling and its referrals), for its file. */
    public List<TaskView> openOf(Case aCase) {
        return views(workflow.tasksOfCase(aCase.number()), null).stream().map(t -> withExtension(t, Optional.of(aCase)))
                .sorted(Comparator.comparing((TaskView t) -> riskRank(t.riskLevel()))
                        .thenComparing(t -> t.due() == null ? Instant.MAX : t.due())
                        .thenComparing(TaskView::created))
                .toList();
    }

    /** The inbox's order of risk: HIGH, MEDIUM, LOW, none. */
    static int riskRank(String riskLevel) {
        if (riskLevel == null) {
            return 3;
        }
        return switch (riskLevel) {
            case "HIGH" -> 0;
            case "MEDIUM" -> 1;
            case "LOW" -> 2;
            default -> 3;
        };
    }

    /** One task the user may see, for its form page. */
    public TaskView find(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        return view(visible(taskId, actor), actor);
    }

    public TaskView claim(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        WorkItem task = doable(taskId, actor);
        if (task.assignee() != null && !task.assignee().equals(actor.username())) {
            throw new Conflict("the task is already held by someone else");
        }
        workflow.claim(taskId, actor.username());
        // a claim changes the holder alone: the task as read for the check, now hers (a second read cost ten statements)
        return view(task.heldBy(actor.username()), actor);
    }

    /** The holder gives a task back to its groups (a supervisor does so with {@link #release}). */
    public TaskView unclaim(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        WorkItem task = visible(taskId, actor);
        if (!actor.username().equals(task.assignee())) {
            throw new Forbidden("only the holder gives a task back; a supervisor releases it with a reason");
        }
        workflow.assign(taskId, null);
        return view(task.heldBy(null), actor);
    }

    /**
     * A supervisor of the case's station or above takes a task away from whoever holds it and offers it to its
     * groups again, saying why (recorded in the case's timeline): one absent mediator must not freeze her cases.
     */
    public TaskView release(String taskId, String reason) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        WorkItem task = visible(taskId, actor);
        requireReason(reason);
        String holder = task.assignee();
        workflow.assign(taskId, null);
        recordHandOver(actor, task, "退回站点" + (holder == null ? "" : "（原由" + displayName(holder) + "办理）"), reason);
        return find(taskId);
    }

    /**
     * A supervisor of the case's station or above hands a task to another active user who may do it — one of its
     * groups' role at the group's station or a station above it — saying why (recorded in the timeline).
     */
    public TaskView reassign(String taskId, String username, String reason) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        WorkItem task = visible(taskId, actor);
        requireReason(reason);
        User user = users.byUsername(username == null ? "" : username).filter(User::enabled)
                .filter(u -> task.candidateGroups().stream().anyMatch(g -> mayTake(u, g)))
                .orElseThrow(() -> InvalidInput.of("assignee", "is not an active user who may do this task"));
        String holder = task.assignee();
        workflow.assign(taskId, user.username());
        recordHandOver(actor, task, "改派给" + user.displayName()
                + (holder == null ? "" : "（原由" + displayName(holder) + "办理）"), reason);
        // a case left without a mediator (moved here from another station) gets the one its work was handed to
        caseOf(task).filter(c -> c.mediator() == null && c.status() == org.weiquan.casefile.CaseStatus.OPEN)
                .filter(c -> user.roles().contains(Role.MEDIATOR)
                        && task.candidateGroups().stream().anyMatch(g -> g.endsWith(":mediator")))
                .ifPresent(c -> {
                    handling.assignMediator(c, new AssignMediatorForm(user.username()),
                            Act.now(actor, clock.instant()));
                    workflow.mediatorAssigned(c.number(), user.username());
                });
        return find(taskId);
    }

    /** The active users a supervisor may hand this task to, for the choice on the task's page. */
    public List<User> whoMayTake(String taskId) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        WorkItem task = visible(taskId, actor);
        return task.candidateGroups().stream()
                .map(g -> g.split(":"))
                .filter(parts -> parts.length == 3)
                .flatMap(parts -> stations.byCode(parts[1]).stream())
                // users of a group's station or of a station above it all lie in the tree of its county
                .map(s -> county(s.path()))
                .distinct()
                .flatMap(root -> users.inSubtree(root).stream())
                .filter(User::enabled)
                .filter(u -> !u.username().equals(task.assignee()))
                .filter(u -> task.candidateGroups().stream().anyMatch(g -> mayTake(u, g)))
                .distinct()
                .toList();
    }

    /** The path of the tree's root: "/1/" of "/1/5/17/". */
    private static String county(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second + 1);
    }

    /** Taking work from someone, or giving it to someone, is said and recorded. */
    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required: say why the task changes hands");
        }
        if (reason.length() > 500) {
            throw InvalidInput.of("reason", "is longer than 500 characters");
        }
    }

    /** A group {@code station:<code>:<role>} takes users of that role at that station or a station above it. */
    private boolean mayTake(User user, String group) {
        return user.roles().stream().anyMatch(role -> role.stationOf(group).flatMap(stations::byCode)
                .map(s -> s.path().startsWith(user.station().path())).orElse(false));
    }

    private void recordHandOver(Actor actor, WorkItem task, String what, String reason) {
        String label = CaseTask.byId(task.taskKey()).map(Labels::of).orElse(task.name());
        String text = "任务「" + label + "」" + what + (reason == null || reason.isBlank() ? "" : "：" + reason.strip());
        if (task.caseNumber() != null) {
            cases.byNumber(task.caseNumber()).ifPresent(c -> timeline.append(actor, c.contactId(), c.id(),
                    EventType.TASK_REASSIGNED, text));
        } else if (task.contactId() != null) {
            timeline.append(actor, task.contactId(), null, EventType.TASK_REASSIGNED, text);
        }
    }

    private String displayName(String username) {
        return users.byUsername(username).map(User::displayName).orElse(username);
    }

    /**
     * The task when the actor may see it now — holds it, belongs to one of its groups, or supervises the station its
     * case or contact belongs to — and its case or contact lies in the actor's scope now; otherwise "not found".
     */
    public WorkItem visible(String taskId, Actor actor) {
        WorkItem task = workflow.task(taskId).orElseThrow(() -> new NotFound("task " + taskId));
        if (!inScope(task, actor)) {
            throw new NotFound("task " + taskId);
        }
        boolean holds = actor.username().equals(task.assignee());
        if (!holds && !actor.has(Role.SUPERVISOR) && !offeredTo(task, actor)) {
            throw new NotFound("task " + taskId);
        }
        return task;
    }

    /**
     * The task when the actor may do it: holds it or belongs to one of its groups (a supervisor who sees a
     * mediator's task may hand it on, not do it); in scope as {@link #visible}.
     */
    public WorkItem doable(String taskId, Actor actor) {
        WorkItem task = visible(taskId, actor);
        if (!actor.username().equals(task.assignee()) && !offeredTo(task, actor)) {
            throw new Forbidden("this task is done by " + task.candidateGroups().stream()
                    .map(g -> g.substring(g.lastIndexOf(':') + 1)).distinct().sorted()
                    .reduce((a, b) -> a + " or " + b).orElse("its holder") + "; a supervisor may hand it on");
        }
        return task;
    }

    /** Whether one of the task's candidate groups is one of the actor's. */
    private boolean offeredTo(WorkItem task, Actor actor) {
        return candidateGroups.includesAny(actor, task.candidateGroups());
    }

    /** Whether the task's case (or contact) lies in the actor's scope now. */
    private boolean inScope(WorkItem task, Actor actor) {
        // the inbox row's path says "yes" without reading the case; a "no" is checked again on the case or contact as
        // they stand now (the row may be older than a move). Her own path was read as her request began: Actor.sees
        // decides by her station's id, so a move of her station committed since does not hide her task from her
        if (task.stationPath() != null && actor.sees(task.stationPath())) {
            return true;
        }
        if (task.caseNumber() != null) {
            return cases.byNumber(task.caseNumber()).map(c -> actor.sees(c.station().path())).orElse(false);
        }
        if (task.contactId() != null) {
            return contacts.byIdWithStation(task.contactId()).map(c -> actor.sees(c.station().path())).orElse(false);
        }
        return false;
    }

    /**
     * One task as its form shows it, with its case's facts and, for an extension's approval, what was asked; the
     * actor's own name is known, so a task she holds needs no read of it.
     */
    public TaskView view(WorkItem item, Actor actor) {
        TaskView plain = views(List.of(item), actor).get(0);
        return plain.task() == CaseTask.APPROVE_EXTENSION ? withExtension(plain, caseOf(item)) : plain;
    }

    /** For an extension's approval: the days and the reason asked for, from its case. */
    private TaskView withExtension(TaskView plain, Optional<Case> aCase) {
        if (plain.task() != CaseTask.APPROVE_EXTENSION) {
            return plain;
        }
        TaskView.ExtensionAsked asked = aCase
                .flatMap(c -> c.currentRound().pendingExtension())
                .map(e -> new TaskView.ExtensionAsked(e.days(), e.reason(), e.requestedAt(),
                        displayName(e.requestedBy()), e.late()))
                .orElse(null);
        return new TaskView(plain.id(), plain.task(), plain.name(), plain.model(), plain.caseNumber(),
                plain.contactId(), plain.referralKey(), plain.assignee(), plain.assigneeName(),
                plain.candidateGroups(), plain.created(), plain.due(), plain.overdue(), plain.riskLevel(),
                plain.chasing(), asked, plain.stationName(), plain.complainant(), plain.category(), plain.daysLeft());
    }

    /**
     * The tasks as lists show them, with the facts of their cases and contacts read for all of them at once: one
     * statement for the cases, one for the contacts without a case (each with its complainant), one for the holders'
     * names but the actor's (she is the holder of every task she claims and of her own inbox's): null when no one
     * acts.
     */
    List<TaskView> views(List<WorkItem> items, Actor actor) {
        if (items.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        java.util.Set<String> numbers = new java.util.HashSet<>();
        // contacts whose station and category a view takes from the contact: those without a case, or of a case that
        // does not carry its category
        java.util.Set<Long> describedByContact = new java.util.HashSet<>();
        java.util.Set<String> holders = new java.util.HashSet<>();
        for (WorkItem item : items) {
            if (item.caseNumber() != null) {
                numbers.add(item.caseNumber());
            } else if (item.contactId() != null) {
                describedByContact.add(item.contactId());
            }
            if (item.assignee() != null) {
                holders.add(item.assignee());
            }
        }
        // case number -> {number, contact id, station name, category, risk, complainant}
        java.util.Map<String, Object[]> caseFacts = new java.util.HashMap<>();
        // contact id -> {id, station name, category, complainant}; the complainant (masked) of every contact named
        java.util.Map<Long, Object[]> contactFacts = new java.util.HashMap<>();
        java.util.Map<Long, String> complainants = new java.util.HashMap<>();
        if (!numbers.isEmpty()) {
            // the contact's key from the case's own column: a join to the contact for it let the planner merge along
            // the contact's key, 200-700 ms a page at a million contacts once autovacuum had set the visibility map.
            // The complainant comes with each row (a subquery per row on the party's contact index), where a query of
            // its own was one more statement for every page and every claim
            List<String> wanted = List.copyOf(numbers);
            for (Object[] r : rows("SELECT c.number, c.contact_id, s.name, c.primary_category, c.risk_level, "
                    + complainantOf("c.contact_id") + " FROM case_file c JOIN station s ON s.id = c.station_id"
                    + " WHERE c.number IN (" + placeholders(wanted.size()) + ")", wanted)) {
                caseFacts.put((String) r[0], r);
                Long contactId = r[1] == null ? null : ((Number) r[1]).longValue();
                if (r[3] == null && contactId != null) {
                    describedByContact.add(contactId);
                }
                if (r[5] != null && contactId != null) {
                    complainants.put(contactId, org.weiquan.intake.PersonName.mask((String) r[5]));
                }
            }
        }
        if (!describedByContact.isEmpty()) {
            List<Long> wanted = List.copyOf(describedByContact);
            for (Object[] r : rows("SELECT k.id, s.name, k.primary_category, " + complainantOf("k.id")
                    + " FROM contact k JOIN station s ON s.id = k.station_id WHERE k.id IN ("
                    + placeholders(wanted.size()) + ")", wanted)) {
                Long contactId = ((Number) r[0]).longValue();
                contactFacts.put(contactId, r);
                if (r[3] != null) {
                    complainants.put(contactId, org.weiquan.intake.PersonName.mask((String) r[3]));
                }
            }
        }
        java.util.Map<String, String> names = new java.util.HashMap<>();
        if (actor != null && actor.displayName() != null && holders.remove(actor.username())) {
            names.put(actor.username(), actor.displayName());
        }
        if (!holders.isEmpty()) {
            for (Object[] r : em.createQuery("SELECT u.username, u.displayName FROM User u WHERE u.username IN :u",
                    Object[].class).setParameter("u", List.copyOf(holders)).getResultList()) {
                names.put((String) r[0], (String) r[1]);
            }
        }
        List<TaskView> views = new java.util.ArrayList<>(items.size());
        for (WorkItem item : items) {
            CaseTask task = CaseTask.byId(item.taskKey())
                    .orElseThrow(() -> new IllegalStateException("a model has a task CaseTask does not name"));
            Object[] aCase = item.caseNumber() == null ? null : caseFacts.get(item.caseNumber());
            Long contactId = aCase == null ? item.contactId() : aCase[1] == null ? null : ((Number) aCase[1]).longValue();
            Object[] contact = contactId == null ? null : contactFacts.get(contactId);
            // the case's own risk level: the engine's copy lives in whichever process assessed it
            String risk = aCase != null && aCase[4] != null ? (String) aCase[4] : item.riskLevel();
            String station = aCase != null ? (String) aCase[2] : contact == null ? null : (String) contact[1];
            String category = (String) (aCase != null && aCase[3] != null ? aCase[3] : contact == null ? null : contact[2]);
            Deadline chasing = task.isChase() && item.overdue() != null ? Deadline.valueOf(item.overdue()) : null;
            views.add(new TaskView(item.id(), task, Labels.of(task), item.model(), item.caseNumber(), item.contactId(),
                    item.referralKey(), item.assignee(),
                    item.assignee() == null ? null : names.getOrDefault(item.assignee(), item.assignee()),
                    item.candidateGroups(), item.created(), item.due(), item.due() != null && now.isAfter(item.due()),
                    risk, chasing, null, station, contactId == null ? "" : complainants.getOrDefault(contactId, ""),
                    category, TaskView.daysLeft(item.due(), now)));
        }
        return views;
    }

    /** The name of the first complainant (by position) of the contact the column names, as a subquery for each row. */
    private static String complainantOf(String contactColumn) {
        return "(SELECT p.name FROM party p WHERE p.contact_id = " + contactColumn + " AND p.role = 'COMPLAINANT'"
                + " ORDER BY p.position FETCH FIRST 1 ROWS ONLY)";
    }

    private static String placeholders(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append(i == 1 ? "?" : ", ?").append(i);
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, List<?> parameters) {
        jakarta.persistence.Query query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.getResultList();
    }

    public Optional<Case> caseOf(WorkItem item) {
        return item.caseNumber() == null ? Optional.empty() : cases.byNumber(item.caseNumber());
    }
}
