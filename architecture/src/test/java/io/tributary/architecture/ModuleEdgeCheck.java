package io.tributary.architecture;

import io.tributary.architecture.PomFile.Dependency;
import io.tributary.architecture.PomFile.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one module's pom against the {@link Module} table: its dependencies on our own modules,
 * the build-time dependencies of its plugins, and where Apache Kafka's artifacts may appear.
 * Returns violations as sentences naming the pom and the dependency; empty means the pom is fine.
 *
 * <p>Edges allowed, for a module M:
 * <ul>
 *   <li>compile, runtime, provided: the modules the table lists for M;</li>
 *   <li>test: those, plus {@code protocol-generator} (its schema model drives random-message tests);</li>
 *   <li>plugin dependencies: {@code protocol-generator} only, the one build-time tool;</li>
 *   <li>{@code org.apache.kafka} artifacts (DESIGN D2): test scope anywhere; compile scope in
 *       {@code protocol-generator}, which reads the schemas out of the kafka-clients jar; in a plugin
 *       only next to {@code protocol-generator}. Harness modules, which are never shipped, may use
 *       Kafka in any scope (side-by-side benchmarks and system tests drive real Kafka).</li>
 * </ul>
 */
final class ModuleEdgeCheck {

    static final String GROUP_ID = "io.tributary";
    static final String KAFKA_GROUP_ID = "org.apache.kafka";

    private ModuleEdgeCheck() {
    }

    static List<String> violations(Module module, PomFile pom) {
        List<String> violations = new ArrayList<>();
        for (Dependency d : pom.dependencies()) {
            if (d.groupId().equals(GROUP_ID)) {
                checkModuleEdge(module, pom, d, violations);
            } else if (d.groupId().equals(KAFKA_GROUP_ID) && !kafkaAllowed(module, d)) {
                violations.add(pom.path() + ": " + d + " may only be test-scoped (DESIGN D2); "
                        + "only protocol-generator reads Kafka's schemas at build time");
            }
        }
        for (Plugin plugin : pom.plugins()) {
            checkPlugin(pom, plugin, violations);
        }
        return violations;
    }

    private static void checkModuleEdge(Module module, PomFile pom, Dependency d, List<String> violations) {
        Optional<Module> target = Module.forDirectory(d.artifactId());
        if (target.isEmpty()) {
            violations.add(pom.path() + ": " + d + " is not a module of the DESIGN.md section 2 table (Module.java)");
            return;
        }
        boolean allowed = module.mayDependOn(target.get())
                || (d.isTestScoped() && target.get() == Module.PROTOCOL_GENERATOR);
        if (!allowed) {
            violations.add(pom.path() + ": " + module.directory() + " -> " + d + " is not an allowed arrow; "
                    + module.directory() + " may depend on " + module.allowedDependencies()
                    + (d.isTestScoped() ? " and, in tests, protocol-generator" : ""));
        }
    }

    private static void checkPlugin(PomFile pom, Plugin plugin, List<String> violations) {
        boolean runsGenerator = plugin.dependencies().stream()
                .anyMatch(d -> d.groupId().equals(GROUP_ID) && d.artifactId().equals(Module.PROTOCOL_GENERATOR.directory()));
        for (Dependency d : plugin.dependencies()) {
            if (d.groupId().equals(GROUP_ID) && !d.artifactId().equals(Module.PROTOCOL_GENERATOR.directory())) {
                violations.add(pom.path() + ": plugin " + plugin + " depends on " + d
                        + "; only protocol-generator runs at build time");
            } else if (d.groupId().equals(KAFKA_GROUP_ID) && !runsGenerator) {
                violations.add(pom.path() + ": plugin " + plugin + " depends on " + d
                        + "; Kafka's jars are on the build class path only to feed protocol-generator (DESIGN D2)");
            }
        }
    }

    private static boolean kafkaAllowed(Module module, Dependency d) {
        return d.isTestScoped() || module == Module.PROTOCOL_GENERATOR || module.kind() == Module.Kind.HARNESS;
    }
}
