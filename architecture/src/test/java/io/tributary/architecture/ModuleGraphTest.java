package io.tributary.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.architecture.PomFile.Dependency;
import io.tributary.architecture.PomFile.Plugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Maven modules follow the arrows of DESIGN.md section 2: every module of the build is in the
 * {@link Module} table, its pom's dependencies on other modules are allowed by it, Kafka's jars are
 * a test oracle or the generator's schema source only (DESIGN D2), and this module sees the classes
 * of every module it must check.
 */
class ModuleGraphTest {

    private static MavenReactor reactor;

    @BeforeAll
    static void readPoms() {
        reactor = MavenReactor.locate();
    }

    @Test
    void everyModuleOfTheBuildIsInTheDesignTable() {
        assertTrue(reactor.parent().modules().size() >= 5, "modules of " + reactor.parent().path() + ": " + reactor.parent().modules());
        for (PomFile pom : reactor.modules()) {
            String directory = pom.path().getParent().getFileName().toString();
            assertTrue(Module.forDirectory(directory).isPresent(),
                    "module '" + directory + "' is not in the DESIGN.md section 2 table: add a row to Module.java");
            assertEquals(directory, pom.artifactId(), pom.path() + ": a module's artifactId is its directory name");
        }
    }

    @Test
    void moduleDependenciesFollowTheDesignArrows() {
        List<String> violations = new ArrayList<>();
        for (PomFile pom : reactor.modules()) {
            Module.forDirectory(pom.artifactId()).ifPresent(module -> violations.addAll(ModuleEdgeCheck.violations(module, pom)));
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void parentPomDeclaresNoDependencyOnAModule() {
        List<Dependency> inherited = reactor.parent().dependencies().stream()
                .filter(d -> d.groupId().equals(ModuleEdgeCheck.GROUP_ID)
                        || (d.groupId().equals(ModuleEdgeCheck.KAFKA_GROUP_ID) && !d.isTestScoped()))
                .toList();
        assertEquals(List.of(), inherited, "dependencies every module would inherit");
    }

    @Test
    void theEdgesCheckedIncludeTheKnownOnes() {
        PomFile protocol = pom(Module.PROTOCOL);
        assertTrue(protocol.dependencies().contains(new Dependency("io.tributary", "records", "compile", "jar")),
                "protocol -> records was not read from " + protocol.path());
        assertTrue(protocol.plugins().stream().flatMap(p -> p.dependencies().stream())
                .anyMatch(d -> d.artifactId().equals("protocol-generator")), "the generator plugin of " + protocol.path());
    }

    @Test
    void architectureSeesTheClassesOfEveryCheckedModule() {
        Set<String> testDependencies = pom(Module.ARCHITECTURE).dependencies().stream()
                .filter(d -> d.groupId().equals(ModuleEdgeCheck.GROUP_ID) && d.isTestScoped() && d.type().equals("jar"))
                .map(Dependency::artifactId)
                .collect(Collectors.toSet());
        for (Module module : reactor.presentModules()) {
            if (module.isChecked()) {
                assertTrue(testDependencies.contains(module.directory()),
                        "architecture/pom.xml must declare " + module.directory() + " as a test-scoped dependency so its classes are checked");
            }
        }
    }

    @Test
    void theTableLetsNothingDependOnBroker() {
        for (Module module : Module.checked()) {
            assertFalse(module != Module.BROKER && module.mayDependOn(Module.BROKER), module + " may depend on broker");
        }
    }

    @Test
    void theTableKeepsRecordsAndProtocolAtTheBottom() {
        assertEquals(List.of(), Module.COMMON.allowedDependencies());
        assertEquals(List.of(), Module.PROTOCOL_GENERATOR.allowedDependencies());
        assertEquals(List.of(Module.COMMON), Module.RECORDS.allowedDependencies());
        assertEquals(List.of(Module.RECORDS, Module.COMMON), Module.PROTOCOL.allowedDependencies());
        assertEquals(List.of(Module.RECORDS, Module.COMMON), Module.STORAGE.allowedDependencies());
        assertTrue(Arrays.stream(Module.values()).filter(m -> m.kind() == Module.Kind.HARNESS)
                .allMatch(m -> m.mayDependOn(Module.BROKER)), "harnesses may depend on anything");
    }

    @Test
    void checkReportsAnArrowAgainstTheTable() {
        PomFile records = syntheticPom("records", List.of(new Dependency("io.tributary", "protocol", "compile", "jar")), List.of());
        assertViolation(Module.RECORDS, records, "records -> io.tributary:protocol");
    }

    @Test
    void checkReportsATestScopedArrowAgainstTheTable() {
        PomFile storage = syntheticPom("storage", List.of(new Dependency("io.tributary", "broker", "test", "jar")), List.of());
        assertViolation(Module.STORAGE, storage, "storage -> io.tributary:broker");
    }

    @Test
    void checkReportsAModuleMissingFromTheTable() {
        PomFile network = syntheticPom("network", List.of(new Dependency("io.tributary", "gateway", "compile", "jar")), List.of());
        assertViolation(Module.NETWORK, network, "io.tributary:gateway (compile) is not a module");
    }

    @Test
    void checkAllowsKafkaOnlyInTestsOrInTheGenerator() {
        Dependency kafkaCompile = new Dependency("org.apache.kafka", "kafka-clients", "compile", "jar");
        Dependency kafkaTest = new Dependency("org.apache.kafka", "kafka-clients", "test", "jar");
        assertViolation(Module.PROTOCOL, syntheticPom("protocol", List.of(kafkaCompile), List.of()), "may only be test-scoped");
        assertViolation(Module.BROKER, syntheticPom("broker", List.of(new Dependency("org.apache.kafka", "kafka-server", "runtime", "jar")), List.of()),
                "may only be test-scoped");
        assertEquals(List.of(), ModuleEdgeCheck.violations(Module.PROTOCOL, syntheticPom("protocol", List.of(kafkaTest), List.of())));
        assertEquals(List.of(), ModuleEdgeCheck.violations(Module.PROTOCOL_GENERATOR,
                syntheticPom("protocol-generator", List.of(kafkaCompile), List.of())));
    }

    @Test
    void checkAllowsOnlyTheGeneratorAsABuildTimeDependency() {
        Dependency generator = new Dependency("io.tributary", "protocol-generator", "compile", "jar");
        Dependency kafka = new Dependency("org.apache.kafka", "kafka-clients", "compile", "jar");
        Plugin runsGenerator = new Plugin("org.codehaus.mojo", "exec-maven-plugin", List.of(generator, kafka));
        Plugin runsStorage = new Plugin("org.codehaus.mojo", "exec-maven-plugin",
                List.of(new Dependency("io.tributary", "storage", "compile", "jar")));
        Plugin runsKafka = new Plugin("org.codehaus.mojo", "exec-maven-plugin", List.of(kafka));

        assertEquals(List.of(), ModuleEdgeCheck.violations(Module.PROTOCOL, syntheticPom("protocol", List.of(), List.of(runsGenerator))));
        assertViolation(Module.PROTOCOL, syntheticPom("protocol", List.of(), List.of(runsStorage)), "only protocol-generator runs at build time");
        assertViolation(Module.PROTOCOL, syntheticPom("protocol", List.of(), List.of(runsKafka)), "only to feed protocol-generator");
    }

    private static PomFile pom(Module module) {
        return reactor.modules().stream().filter(p -> p.artifactId().equals(module.directory())).findFirst()
                .orElseThrow(() -> new AssertionError(module.directory() + " is not in the build"));
    }

    private static PomFile syntheticPom(String artifactId, List<Dependency> dependencies, List<Plugin> plugins) {
        return new PomFile(Path.of(artifactId, "pom.xml"), artifactId, List.of(), dependencies, plugins);
    }

    private static void assertViolation(Module module, PomFile pom, String expected) {
        List<String> violations = ModuleEdgeCheck.violations(module, pom);
        assertEquals(1, violations.size(), "violations: " + violations);
        assertTrue(violations.get(0).contains(expected), violations.get(0) + " should mention '" + expected + "'");
    }
}
