package io.tributary.architecture;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The modules of DESIGN.md section 2 and the dependency arrows between them: the one table that
 * both the class-level rules ({@link DependencyRulesTest}) and the Maven-level check
 * ({@link ModuleGraphTest}) enforce. A module's classes and pom may use the modules listed in its
 * row and no other module of ours; a transitive dependency it uses directly is listed too.
 *
 * <p>Constants are declared bottom-up and may only name constants declared before them, so the
 * table cannot describe a cycle. Modules that do not exist yet are listed so the rules are ready
 * when they arrive; a module added to the build but not to this table fails {@link ModuleGraphTest}.
 *
 * <p>Decisions the design leaves open, taken here and easy to revisit in one row:
 * <ul>
 *   <li>{@code common} is not in DESIGN section 2; it holds what every layer needs (the injected
 *       {@code Time} of STYLE habit 6), depends on nothing, and every shipped module may use it.</li>
 *   <li>{@code cli} does not depend on {@code broker} ("nothing depends on broker"); the broker
 *       module may depend on {@code cli} instead, e.g. to host {@code tributary start} in its
 *       {@code main()} or to register itself with the CLI through a {@link java.util.ServiceLoader}.</li>
 *   <li>{@code network} does not depend on {@code storage}: zero-copy fetch has to reach the file
 *       region through the {@code records} abstraction (or this row changes).</li>
 *   <li>{@code coordinator} does not depend on {@code storage}: it writes through a partition-writer
 *       interface (DESIGN section 2).</li>
 * </ul>
 */
enum Module {

    /** Build-time tool: schemas to Java; never on a run-time class path (DESIGN D2). */
    PROTOCOL_GENERATOR("protocol-generator", "generator", Kind.BUILD_TOOL),
    /** What every layer needs (injected time): a leaf any shipped module may use. */
    COMMON("common", "common", Kind.PRODUCTION),
    RECORDS("records", "records", Kind.PRODUCTION, COMMON),
    PROTOCOL("protocol", "protocol", Kind.PRODUCTION, RECORDS, COMMON),
    STORAGE("storage", "storage", Kind.PRODUCTION, RECORDS, COMMON),
    METADATA("metadata", "metadata", Kind.PRODUCTION, PROTOCOL, RECORDS, COMMON),
    CONTROLLER("controller", "controller", Kind.PRODUCTION, METADATA, PROTOCOL, RECORDS, COMMON),
    COORDINATOR("coordinator", "coordinator", Kind.PRODUCTION, METADATA, PROTOCOL, RECORDS, COMMON),
    NETWORK("network", "network", Kind.PRODUCTION, PROTOCOL, RECORDS, COMMON),
    CLI("cli", "cli", Kind.PRODUCTION, NETWORK, PROTOCOL, RECORDS, COMMON),
    BROKER("broker", "broker", Kind.PRODUCTION,
            CLI, NETWORK, COORDINATOR, CONTROLLER, METADATA, STORAGE, PROTOCOL, RECORDS, COMMON),
    /** Harnesses: not shipped, may depend on anything, their classes are not checked. */
    SYSTEM_TESTS("system-tests", "systemtests", Kind.HARNESS),
    BENCHMARKS("benchmarks", "benchmarks", Kind.HARNESS),
    ARCHITECTURE("architecture", "architecture", Kind.HARNESS);

    enum Kind {
        /** Shipped code: its classes are checked and it may depend only on the modules listed. */
        PRODUCTION,
        /** Runs during the build only; checked like production code. */
        BUILD_TOOL,
        /** Test and measurement code: may depend on any module, its classes are not checked. */
        HARNESS
    }

    /** The root package of every module; module packages are {@code <root>.<packageSegment>}. */
    static final String ROOT_PACKAGE = "io.tributary";

    private final String directory;
    private final String packageSegment;
    private final Kind kind;
    private final List<Module> allowedDependencies;

    Module(String directory, String packageSegment, Kind kind, Module... allowedDependencies) {
        this.directory = directory;
        this.packageSegment = packageSegment;
        this.kind = kind;
        this.allowedDependencies = List.of(allowedDependencies);
    }

    /** The module's directory under the repository root, which is also its Maven artifactId. */
    String directory() {
        return directory;
    }

    Kind kind() {
        return kind;
    }

    /** Whether ArchUnit checks this module's classes. */
    boolean isChecked() {
        return kind != Kind.HARNESS;
    }

    /** The package holding this module's classes when the product's root package is {@code root}. */
    String packageName(String root) {
        return root + "." + packageSegment;
    }

    boolean mayDependOn(Module other) {
        return other == this || kind == Kind.HARNESS || allowedDependencies.contains(other);
    }

    /** The modules this one may depend on, itself excluded; every module for a harness. */
    List<Module> allowedDependencies() {
        if (kind == Kind.HARNESS) {
            return Arrays.stream(values()).filter(m -> m != this).toList();
        }
        return allowedDependencies;
    }

    static Optional<Module> forDirectory(String directory) {
        return Arrays.stream(values()).filter(m -> m.directory.equals(directory)).findFirst();
    }

    static List<Module> checked() {
        return Arrays.stream(values()).filter(Module::isChecked).toList();
    }
}
