package org.weiquan.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.Contact;
import org.weiquan.shared.Conflict;
import org.weiquan.station.Station;

import java.time.Duration;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The case-handling process ({@code bpmn/CaseHandling.bpmn}) from the case's side: started when a
 * contact is accepted, in the same transaction; messages for extension and withdrawal; a transfer moves
 * the open tasks to the new station. Variables: ids, codes, flags and dates only.
 */
@ApplicationScoped
public class CaseHandlingProcess {

    public static final String PROCESS = "CaseHandling";
    public static final String REFERRAL = "Referral";
    /** Family disputes and domestic violence get a follow-up visit after closure (回访). */
    static final Set<Category> FOLLOWED_UP = EnumSet.of(Category.DOMESTIC_VIOLENCE, Category.MARRIAGE_DISPUTE,
            Category.DIVORCE_PROPERTY, Category.CHILD_CUSTODY_SUPPORT, Category.ELDER_SUPPORT, Category.INHERITANCE);
    static final Duration WARNING_BEFORE = Duration.ofDays(7);

    @Inject
    RuntimeService runtime;

    @Inject
    TaskService tasks;

    @Inject
    org.camunda.bpm.engine.HistoryService history;

    public void start(Case aCase) {
        start(aCase, aCase.handlingDue());
    }

    /**
     * A closed case reopened outside the follow-up (a failed closure audit): any process still waiting
     * for its follow-up ends, and a new handling round starts with its own 60 days.
     */
    public void restartHandling(Case aCase, java.time.Instant now) {
        for (ProcessInstance running : runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(aCase.number()).list()) {
            runtime.deleteProcessInstance(running.getId(), "reopened after a closure audit");
        }
        start(aCase, now.plus(Case.HANDLING_PERIOD));
    }

    private void start(Case aCase, java.time.Instant handlingDue) {
        Contact contact = aCase.contact();
        Station station = aCase.station();
        boolean dv = contact.primaryCategory() == Category.DOMESTIC_VIOLENCE
                || contact.otherCategories().contains(Category.DOMESTIC_VIOLENCE);
        boolean writtenReply = contact.channel() == Channel.LETTER
                || contact.primaryCategory() == Category.SEXUAL_HARASSMENT;
        runtime.startProcessInstanceByKey(PROCESS, aCase.number(), Variables.createVariables()
                .putValue("caseNumber", aCase.number())
                .putValue("caseId", aCase.id())
                .putValue("stationCode", station.code())
                .putValue("escalationStationCode", (station.parent() == null ? station : station.parent()).code())
                .putValue("category", contact.primaryCategory() == null ? "OTHER" : contact.primaryCategory().name())
                .putValue("channel", contact.channel().name())
                .putValue("minorInvolved", contact.flags().minorInvolved())
                .putValue("withoutCapacity", contact.flags().withoutCapacity())
                .putValue("domesticViolence", dv)
                .putValue("needsWrittenReply", writtenReply)
                .putValue("needsFollowUp", needsFollowUp(aCase))
                .putValue("autoAssign", autoAssigns(station))
                .putValue("handlingDue", Date.from(handlingDue))
                .putValue("handlingWarning", Date.from(handlingDue.minus(WARNING_BEFORE)))
                .putValue("followUpAfter", "P" + followUpDays() + "D")
                .putValue("mandatoryReportChaseAfter", "PT4H")
                .putValue("urgentActionWithin", "PT24H"));
    }

    /** Stations listed in {@code WEIQUAN_AUTO_ASSIGN_STATIONS} get their mediator by round robin. */
    static boolean autoAssigns(Station station) {
        return ConfigProvider.getConfig(CaseHandlingProcess.class.getClassLoader())
                .getOptionalValues("weiquan.auto.assign.stations", String.class).orElse(List.of())
                .stream().map(String::strip).anyMatch(station.code()::equals);
    }

    static boolean needsFollowUp(Case aCase) {
        Category primary = aCase.contact().primaryCategory();
        return primary != null && FOLLOWED_UP.contains(primary);
    }

    static boolean needsWrittenReply(Case aCase) {
        return aCase.contact().channel() == Channel.LETTER
                || aCase.contact().primaryCategory() == Category.SEXUAL_HARASSMENT;
    }

    /** Days after closure to the follow-up visit: {@code WEIQUAN_FOLLOW_UP_DAYS}, 30 by default. */
    static int followUpDays() {
        return ConfigProvider.getConfig(CaseHandlingProcess.class.getClassLoader())
                .getOptionalValue("weiquan.follow.up.days", Integer.class).orElse(30);
    }

    ProcessInstance instance(Case aCase) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(aCase.number()).singleResult();
        if (instance == null) {
            throw new Conflict("the case has no running handling process");
        }
        return instance;
    }

    void requestExtension(Case aCase, int days) {
        runtime.createMessageCorrelation("ExtensionRequested").processInstanceId(instance(aCase).getId())
                .setVariable("extensionDays", days).correlate();
    }

    void withdraw(Case aCase) {
        runtime.createMessageCorrelation("CaseWithdrawn").processInstanceId(instance(aCase).getId()).correlate();
        for (ProcessInstance referral : referrals(aCase)) {
            runtime.deleteProcessInstance(referral.getId(), "case withdrawn");
        }
    }

    /** Starts a referral's own process; its business key is the case number and a running number. */
    String startReferral(Case aCase, String agencyCode, String agencyKind, int answerDays) {
        // history holds running and finished referrals alike
        String key = aCase.number() + "/R" + (history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(REFERRAL).processInstanceBusinessKeyLike(aCase.number() + "/R%").count() + 1);
        Station station = aCase.station();
        runtime.startProcessInstanceByKey(REFERRAL, key, Variables.createVariables()
                .putValue("caseNumber", aCase.number())
                .putValue("stationCode", station.code())
                .putValue("escalationStationCode", (station.parent() == null ? station : station.parent()).code())
                .putValue("mediator", aCase.mediator())
                .putValue("agencyCode", agencyCode)
                .putValue("agencyKind", agencyKind)
                .putValue("answerDue", Date.from(java.time.Instant.now().plus(Duration.ofDays(answerDays)))));
        return key;
    }

    /** Revokes a running referral of the case (REVOKED); false when it is not running. */
    boolean revokeReferral(Case aCase, int referralNumber) {
        String key = aCase.number() + "/R" + referralNumber;
        if (runtime.createProcessInstanceQuery().processDefinitionKey(REFERRAL).processInstanceBusinessKey(key)
                .count() == 0) {
            return false;
        }
        runtime.createMessageCorrelation("ReferralRevoked").processInstanceBusinessKey(key).correlate();
        return true;
    }

    List<ProcessInstance> referrals(Case aCase) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(REFERRAL)
                .variableValueEquals("caseNumber", aCase.number()).list();
    }

    /** The case and its open tasks now belong to another station: variables and candidate groups follow. */
    void transfer(Case aCase, Station from, Station to) {
        Station escalation = to.parent() == null ? to : to.parent();
        List<ProcessInstance> instances = new java.util.ArrayList<>(referrals(aCase));
        instances.add(instance(aCase));
        for (ProcessInstance pi : instances) {
            runtime.setVariable(pi.getId(), "stationCode", to.code());
            runtime.setVariable(pi.getId(), "escalationStationCode", escalation.code());
            for (Task task : tasks.createTaskQuery().processInstanceId(pi.getId()).list()) {
                for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                    if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                        String group = link.getGroupId();
                        String moved = group.replace("station:" + from.code() + ":", "station:" + to.code() + ":");
                        if (!moved.equals(group)) {
                            tasks.deleteCandidateGroup(task.getId(), group);
                            tasks.addCandidateGroup(task.getId(), moved);
                        }
                    }
                }
            }
        }
    }
}
