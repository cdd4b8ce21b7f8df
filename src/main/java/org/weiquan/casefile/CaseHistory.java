package org.weiquan.casefile;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.camunda.bpm.engine.RuntimeService;
import org.weiquan.shared.NotFound;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.Instant;

/**
 * A case's history brought in from elsewhere (a station's ledger): the mediation outcome, the closure
 * and the follow-up as they happened, so that the case counts in the indicators of its own periods.
 * The caller checks who may do this.
 */
@Stateless
public class CaseHistory {

    @PersistenceContext
    EntityManager em;

    @Inject
    RuntimeService runtime;

    @Inject
    Timeline timeline;

    /** Records the outcome of the last mediation session (WRITTEN_AGREEMENT, ORAL_AGREEMENT, TERMINATED, REFUSED). */
    public void mediated(String number, String outcome, Instant at, String by) {
        Case aCase = byNumber(number);
        record(aCase, "Task_HoldMediationSession", outcome, at, by);
        timeline.appendAt(at, by, aCase.station().code(), aCase.contact().id(), aCase.id(), EventType.TASK_COMPLETED,
                "调解（台账补录）：" + outcome);
    }

    /** Closes the case as it was closed, and ends its handling process: a closed ledger case has no open work. */
    public void closed(String number, ClosureReason reason, Instant at, String by) {
        Case aCase = byNumber(number);
        aCase.requestClosure(reason, "台账补录", at);
        aCase.close(at, by, false);
        record(aCase, "Task_ApproveClosure", "APPROVED", at, by);
        timeline.appendAt(at, by, aCase.station().code(), aCase.contact().id(), aCase.id(), EventType.TASK_COMPLETED,
                "结案（台账补录）：" + reason);
        runtime.createProcessInstanceQuery().processDefinitionKey(CaseHandlingProcess.PROCESS)
                .processInstanceBusinessKey(number).list()
                .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "closed in the ledger before import"));
    }

    /** Records the follow-up visit's result (SATISFIED, NOT_SATISFIED, UNREACHABLE). */
    public void followedUp(String number, String result, Instant at, String by) {
        Case aCase = byNumber(number);
        record(aCase, "Task_FollowUpVisit", result, at, by);
        timeline.appendAt(at, by, aCase.station().code(), aCase.contact().id(), aCase.id(), EventType.TASK_COMPLETED,
                "回访（台账补录）：" + result);
    }

    private void record(Case aCase, String key, String outcome, Instant at, String by) {
        em.persist(new TaskRecord(aCase, "ledger-" + aCase.number() + "-" + key, key, outcome, at, by,
                "{\"source\":\"ledger\"}"));
    }

    private Case byNumber(String number) {
        return em.createQuery("SELECT c FROM CaseFile c WHERE c.number = :n", Case.class).setParameter("n", number)
                .getResultStream().findFirst().orElseThrow(() -> new NotFound("case " + number));
    }
}
