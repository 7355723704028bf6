package io.tributary.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.stream.Stream;

/**
 * The dependency rules of DESIGN.md section 2 as ArchUnit rules. Each takes the product's root
 * package so that {@link DependencyRulesCatchViolationsTest} can run the very same rules against
 * deliberately violating fixture classes under another root.
 *
 * <p>Rules about a module that does not exist yet select no classes and pass
 * ({@code allowEmptyShould}); {@link DependencyRulesTest} separately requires that every module in
 * the build has classes imported, so a rule cannot pass for lack of input once its module exists.
 */
final class DependencyRules {

    /** The one package allowed to import Apache Ratis (DESIGN D7, section 2). */
    static final String RATIS_ADAPTER_SEGMENT = "controller.ratis";

    private DependencyRules() {
    }

    /** A module's classes use only its own classes and those of the modules it may depend on. */
    static ArchRule moduleDependsOnlyOnAllowedModules(Module module, String root) {
        String[] allowedPackages = Stream.concat(Stream.of(module), module.allowedDependencies().stream())
                .map(m -> m.packageName(root) + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(module.packageName(root) + "..")
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAnyPackage(allowedPackages))))
                .because(module.directory() + " may depend only on " + module.allowedDependencies()
                        + " (DESIGN.md section 2, table in Module.java)")
                .allowEmptyShould(true);
    }

    /**
     * DESIGN section 2: "protocol and records know nothing of disks or brokers". One exception,
     * for zero-copy fetch (DESIGN D3): a {@link FileChannel} may be carried as a handle (records'
     * {@code FileChannelRecords} hands the storage engine's file to the transport), but no method
     * of it may be called, so no disk I/O happens in these modules.
     */
    static ArchRule knowsNothingOfDisksOrNetty(Module module, String root) {
        return noClasses().that().resideInAPackage(module.packageName(root) + "..")
                .should().dependOnClassesThat(or(fileIo().and(not(type(FileChannel.class))), netty()))
                .orShould().callMethodWhere(target(owner(type(FileChannel.class))))
                .because(module.directory() + " knows nothing of disks or the network (DESIGN.md section 2)")
                .allowEmptyShould(true);
    }

    /** DESIGN section 2: "storage knows nothing of the network or Netty". */
    static ArchRule storageKnowsNothingOfTheNetwork(String root) {
        return noClasses().that().resideInAPackage(Module.STORAGE.packageName(root) + "..")
                .should().dependOnClassesThat(or(netty(), resideInAPackage(Module.NETWORK.packageName(root) + "..")))
                .because("storage knows nothing of the network or Netty (DESIGN.md section 2)")
                .allowEmptyShould(true);
    }

    /** DESIGN D7: Ratis is the controller's consensus library, wrapped by one thin adapter package. */
    static ArchRule onlyTheRatisAdapterImportsRatis(String root) {
        return noClasses().that().resideOutsideOfPackage(root + "." + RATIS_ADAPTER_SEGMENT + "..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.ratis..")
                .because("only the controller's Ratis package imports Ratis (DESIGN.md section 2)");
    }

    /** DESIGN D2: Kafka's classes are a test oracle and a build-time schema source only. */
    static ArchRule noDependencyOnKafka() {
        return noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("the broker never depends on Kafka's own classes at run time (DESIGN D2)");
    }

    /** DESIGN section 2: "nothing depends on broker". */
    static ArchRule nothingDependsOnBroker(String root) {
        String broker = Module.BROKER.packageName(root) + "..";
        return noClasses().that().resideOutsideOfPackage(broker)
                .should().dependOnClassesThat().resideInAPackage(broker)
                .because("nothing depends on broker (DESIGN.md section 2)");
    }

    /** Dependencies point one way: no cycle between the top-level packages under the root. */
    static ArchRule noCyclesBetweenTopLevelPackages(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("dependencies point one way (DESIGN.md section 2)");
    }

    private static DescribedPredicate<JavaClass> fileIo() {
        return or(
                type(FileChannel.class), type(MappedByteBuffer.class), type(RandomAccessFile.class),
                type(File.class), type(FileInputStream.class), type(FileOutputStream.class),
                resideInAPackage("java.nio.file.."))
                .as("file I/O (FileChannel, MappedByteBuffer, java.io.File*, RandomAccessFile, java.nio.file)");
    }

    private static DescribedPredicate<JavaClass> netty() {
        return resideInAPackage("io.netty..");
    }
}
