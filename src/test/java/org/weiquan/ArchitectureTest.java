package org.weiquan;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules: each package depends on exactly the Weiquan packages its {@code package-info.java} names in
 * its "Depends on …" sentence (so the documentation and the code cannot drift apart), no package depends on the
 * engine but {@code workflow.engine}, and the packages form no cycle.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/org/weiquan");
    private static final Pattern DEPENDS = Pattern.compile("Depends on (.*?)\\.(\\s|$)", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\{@code ([a-z.]+)}");

    private static JavaClasses classes;
    private static Map<String, Set<String>> declared;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.weiquan");
        declared = declaredDependencies();
    }

    /** Package (relative to org.weiquan, e.g. "workflow.engine") → the packages its package-info allows. */
    static Map<String, Set<String>> declaredDependencies() {
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path info : files.filter(p -> p.getFileName().toString().equals("package-info.java")).sorted().toList()) {
                String name = SOURCES.relativize(info.getParent()).toString().replace('/', '.');
                String text = Files.readString(info, StandardCharsets.UTF_8).replaceAll("\\s*\\*\\s*", " ");
                Matcher sentence = DEPENDS.matcher(text);
                assertThat(sentence.find()).as(info + " says what the package depends on (\"Depends on …\")").isTrue();
                Set<String> allowed = new TreeSet<>();
                Matcher code = CODE.matcher(sentence.group(1));
                while (code.find()) {
                    allowed.add(code.group(1));
                }
                rules.put(name, allowed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules;
    }

    @Test
    void everyPackageSaysWhatItDependsOn() {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            List<String> packages = dirs.filter(Files::isDirectory).filter(d -> !d.equals(SOURCES))
                    .filter(d -> {
                        try (Stream<Path> list = Files.list(d)) {
                            return list.anyMatch(f -> f.toString().endsWith(".java"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(d -> SOURCES.relativize(d).toString().replace('/', '.')).sorted().toList();
            assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(packages);
            for (Set<String> allowed : declared.values()) {
                assertThat(packages).as("every package named as a dependency exists").containsAll(allowed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachPackageDependsOnlyOnWhatItsPackageInfoNames() {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> rule : declared.entrySet()) {
            String pkg = rule.getKey();
            List<String> forbidden = declared.keySet().stream()
                    .filter(other -> !other.equals(pkg) && !rule.getValue().contains(other)).toList();
            if (forbidden.isEmpty()) {
                continue;
            }
            ArchRule check = noClasses().that().resideInAPackage("org.weiquan." + pkg)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.stream()
                            .map(f -> "org.weiquan." + f).toArray(String[]::new))
                    .allowEmptyShould(true);
            try {
                check.check(classes);
            } catch (AssertionError e) {
                violations.add(pkg + ": " + e.getMessage());
            }
        }
        assertThat(violations).as("dependencies that the package-info does not name").isEmpty();
    }

    @Test
    void onlyTheWorkflowEngineKnowsTheEngine() {
        noClasses().that().resideOutsideOfPackage("org.weiquan.workflow.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("the engine is behind the workflow port (CaseWorkflow)")
                .check(classes);
    }

    @Test
    void jsonIsBuiltThroughTheProviderLookedUpOnce() {
        noClasses().should().dependOnClassesThat().belongToAnyOf(jakarta.json.Json.class)
                .because("each call of jakarta.json.Json looks the JSON provider up again (a scan of the jars in"
                        + " Payara); org.weiquan.shared.Jsonp holds the provider")
                .check(classes);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("org.weiquan.(**)").should().beFreeOfCycles().check(classes);
    }
}
