package io.tributary.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link DependencyRules} fails on a class that breaks it: the same rules as
 * {@link DependencyRulesTest}, rooted at the {@code fixture} package whose classes break them on
 * purpose. Rules on Netty and Ratis share their code with the rules shown here; the libraries are
 * not on this module's class path to write a violating fixture with.
 */
class DependencyRulesCatchViolationsTest {

    private static final String ROOT = "io.tributary.architecture.fixture";

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(ROOT);
    }

    @Test
    void moduleRuleCatchesRecordsDependingOnProtocol() {
        assertFails(DependencyRules.moduleDependsOnlyOnAllowedModules(Module.RECORDS, ROOT), "RecordsReadingProtocol");
    }

    @Test
    void moduleRuleAllowsProtocolDependingOnRecords() {
        DependencyRules.moduleDependsOnlyOnAllowedModules(Module.PROTOCOL, ROOT).check(fixtures);
    }

    @Test
    void moduleRuleCatchesStorageDependingOnBroker() {
        assertFails(DependencyRules.moduleDependsOnlyOnAllowedModules(Module.STORAGE, ROOT), "StorageCallingBroker");
    }

    @Test
    void diskRuleCatchesRecordsUsingFileChannel() {
        assertFails(DependencyRules.knowsNothingOfDisksOrNetty(Module.RECORDS, ROOT), "RecordsOnDisk");
    }

    @Test
    void diskRuleCatchesProtocolUsingNioFiles() {
        assertFails(DependencyRules.knowsNothingOfDisksOrNetty(Module.PROTOCOL, ROOT), "ProtocolOnDisk");
    }

    @Test
    void networkRuleCatchesStorageUsingTheNetwork() {
        assertFails(DependencyRules.storageKnowsNothingOfTheNetwork(ROOT), "StorageServingTheNetwork");
    }

    @Test
    void kafkaRuleCatchesAKafkaClass() {
        assertFails(DependencyRules.noDependencyOnKafka(), "MetadataUsingKafka");
    }

    @Test
    void brokerRuleCatchesADependencyOnBroker() {
        assertFails(DependencyRules.nothingDependsOnBroker(ROOT), "StorageCallingBroker");
    }

    @Test
    void cycleRuleCatchesRecordsAndProtocolUsingEachOther() {
        assertFails(DependencyRules.noCyclesBetweenTopLevelPackages(ROOT), "RecordsReadingProtocol");
    }

    private static void assertFails(ArchRule rule, String offendingClass) {
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(fixtures),
                () -> "rule passed on fixtures that break it: " + rule.getDescription());
        assertTrue(failure.getMessage().contains(offendingClass),
                "the failure should name " + offendingClass + ":\n" + failure.getMessage());
    }
}
