package org.weiquan.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A test double for a {@code delegateExpression} bean: remembers every call (process instance and activity) and
 * does what the real bean is expected to do to the process variables.
 */
final class RecordingDelegate implements JavaDelegate {

    record Call(String processInstanceId, String activityId) { }

    private final Consumer<DelegateExecution> behaviour;
    private final List<Call> calls = new ArrayList<>();

    RecordingDelegate(Consumer<DelegateExecution> behaviour) {
        this.behaviour = behaviour;
    }

    RecordingDelegate() {
        this(execution -> { });
    }

    @Override
    public void execute(DelegateExecution execution) {
        calls.add(new Call(execution.getProcessInstanceId(), execution.getCurrentActivityId()));
        behaviour.accept(execution);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }
}
