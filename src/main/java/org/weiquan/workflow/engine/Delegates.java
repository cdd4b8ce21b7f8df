package org.weiquan.workflow.engine;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.casefile.HandlingService;
import org.weiquan.security.Act;
import org.weiquan.shared.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * The service tasks of the case models, as named CDI beans bound by {@code delegateExpression}. Each loads the
 * case by its number (the business key), asks the capability that owns the work, and is safe to run twice.
 */
@Dependent
public class Delegates {

    @Inject
    CaseFiles cases;

    @Inject
    HandlingService handling;

    @Inject
    Clock clock;

    private Case caseOf(String number) {
        return cases.byNumber(number).orElseThrow(() -> new NotFound("case " + number));
    }

    /** Round robin among the station's mediators; the BPMN error NoMediator when the station has none. */
    @Produces
    @Named("assignMediatorRoundRobin")
    JavaDelegate assignMediatorRoundRobin() {
        return execution -> {
            Case aCase = caseOf(execution.getProcessBusinessKey());
            String mediator = aCase.mediator() != null ? aCase.mediator()
                    : handling.assignInTurn(aCase, Act.system(aCase.stationCode(), clock.instant()))
                    .orElseThrow(() -> new BpmnError("NoMediator", "the station has no active mediator"));
            execution.setVariable("mediator", mediator);
        };
    }

    /** Hands the danger assessment's waiting steps to the mediator once she is known. */
    @Produces
    @Named("handOverToMediator")
    ExecutionListener handOverToMediator() {
        return new MediatorHandOver();
    }

    /** A follow-up found the problem back and the case file opened a new round: its number and deadline run now. */
    @Produces
    @Named("startNewRound")
    JavaDelegate startNewRound() {
        return execution -> {
            Case aCase = caseOf(execution.getProcessBusinessKey());
            Instant due = aCase.currentDue();
            execution.setVariable("roundNumber", aCase.currentRound().number());
            execution.setVariable("handlingDue", Date.from(due));
            execution.setVariable("handlingWarning", Date.from(due.minus(CamundaCaseWorkflow.WARNING_BEFORE)));
        };
    }
}
