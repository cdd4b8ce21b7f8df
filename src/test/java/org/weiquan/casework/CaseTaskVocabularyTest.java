package org.weiquan.casework;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CaseTask} and the models in {@code bpmn/} name the same user tasks, both ways, with the same form keys:
 * renaming a task in the Modeler fails this test instead of silently emptying an indicator or a page.
 */
class CaseTaskVocabularyTest {

    /** Every user task of every model, by id, with its form key. */
    private static Map<String, String> userTasksOfTheModels() throws IOException {
        Map<String, String> tasks = new HashMap<>();
        try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
                for (UserTask task : instance.getModelElementsByType(UserTask.class)) {
                    tasks.put(task.getId(), task.getCamundaFormKey());
                }
            }
        }
        return tasks;
    }

    @Test
    void everyUserTaskOfTheModelsIsNamedOnceAndNothingElseIs() throws IOException {
        Map<String, String> models = userTasksOfTheModels();
        assertThat(Arrays.stream(CaseTask.values()).map(CaseTask::id))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(models.keySet());
    }

    @Test
    void eachTaskHasTheFormKeyItsEntrySays() throws IOException {
        Map<String, String> models = userTasksOfTheModels();
        Map<String, String> expected = Arrays.stream(CaseTask.values())
                .collect(Collectors.toMap(CaseTask::id, CaseTask::formKey));
        assertThat(models).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void eachFormIsARecordAndEachPageFragmentExists() {
        for (CaseTask task : CaseTask.values()) {
            assertThat(task.form().isRecord()).as(task + " form").isTrue();
            assertThat(Path.of("src/main/webapp/WEB-INF/forms", task.formName() + ".xhtml")).as(task + " page")
                    .exists();
        }
    }

    @Test
    void byIdFindsEachTaskAndNothingForAnUnknownId() {
        for (CaseTask task : CaseTask.values()) {
            assertThat(CaseTask.byId(task.id())).contains(task);
        }
        assertThat(CaseTask.byId("Task_Renamed")).isEmpty();
    }
}
