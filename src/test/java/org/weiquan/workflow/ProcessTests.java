package org.weiquan.workflow;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

/**
 * What the process tests share: the engine's clock, the tasks and timers of a business key across the instances
 * that share it (a case's handling and what it calls), and firing a timer as the job executor would.
 */
final class ProcessTests {

    /** A Monday morning, 09:30 in Beijing. */
    static final Instant T0 = Instant.parse("2026-03-02T01:30:00Z");
    static final String STATION = "QX-0102";
    static final String STATION_ABOVE = "QX-01";
    static final String ESCALATE_AFTER = "P3D";

    private ProcessTests() {
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    static void at(Instant instant) {
        ClockUtil.setCurrentTime(date(instant));
    }

    static Instant clock() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** The one open task with this key among all instances of the business key. */
    static Task task(String businessKey, String taskKey) {
        List<Task> found = tasks(businessKey, taskKey);
        assertThat(found).as("open " + taskKey + " of " + businessKey).hasSize(1);
        return found.get(0);
    }

    static List<Task> tasks(String businessKey, String taskKey) {
        return taskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).list();
    }

    static boolean waitsAt(String businessKey, String taskKey) {
        return !tasks(businessKey, taskKey).isEmpty();
    }

    static void complete(String businessKey, String taskKey, Object... variables) {
        taskService().complete(task(businessKey, taskKey).getId(), vars(variables));
    }

    static VariableMap vars(Object... keyValues) {
        VariableMap map = Variables.createVariables();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.putValue((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static Job timer(String timerId) {
        List<Job> jobs = timers(timerId);
        assertThat(jobs).as("timer " + timerId).hasSize(1);
        return jobs.get(0);
    }

    static List<Job> timers(String timerId) {
        return jobQuery().timers().activityId(timerId).list();
    }

    /** Moves the clock to the timer's due date (unless it is later already) and fires it. */
    static void fire(String timerId) {
        Job job = timer(timerId);
        if (job.getDuedate().after(ClockUtil.getCurrentTime())) {
            ClockUtil.setCurrentTime(job.getDuedate());
        }
        execute(job);
    }

    /** The chase of a deadline that passed: asked of the station's supervisors, then of the level above. */
    static void assertChasedThenEscalated(String businessKey, String overdue, String station, String stationAbove) {
        Task chase = task(businessKey, "Task_ChaseOverdue");
        assertThat(taskService().getVariable(chase.getId(), "overdue")).isEqualTo(overdue);
        assertThat(candidateGroups(chase)).containsExactly("station:" + station + ":supervisor");
        assertThat(chase.getDueDate()).isEqualTo(date(clock().plus(java.time.Duration.ofDays(3))));
        fire("Timer_EscalateOverdue");
        Task escalated = task(businessKey, "Task_EscalateOverdue");
        assertThat(candidateGroups(escalated)).containsExactly("station:" + stationAbove + ":supervisor");
        assertThat(waitsAt(businessKey, "Task_ChaseOverdue")).as("the station's chase stays open").isTrue();
    }

    static List<String> candidateGroups(Task task) {
        return taskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).sorted().toList();
    }
}
