package io.tributary.architecture;

import static io.tributary.architecture.Module.ROOT_PACKAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The dependency arrows of DESIGN.md section 2, checked on the production classes of every module
 * in the build, generated message classes included (they are part of {@code protocol}).
 *
 * <p>Classes are imported from this module's test class path: the modules it declares as
 * test-scoped dependencies (jars or {@code target/classes}), never test classes or test jars, never
 * harness modules. {@link ModuleGraphTest} makes sure every checked module is declared there, and
 * {@link #everyModuleInTheBuildHasItsClassesImported()} that each one actually arrived, so that
 * no rule passes because it saw nothing.
 */
class DependencyRulesTest {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    private static JavaClasses production;
    private static MavenReactor reactor;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(DependencyRulesTest::isNotTestJar)
                .withImportOption(DependencyRulesTest::isNotHarness)
                .importPackages(ROOT_PACKAGE);
        reactor = MavenReactor.locate();
    }

    private static boolean isNotTestJar(Location location) {
        return !location.matches(TEST_JAR);
    }

    private static boolean isNotHarness(Location location) {
        return Arrays.stream(Module.values())
                .filter(m -> !m.isChecked())
                .noneMatch(m -> location.contains("/" + m.packageName(ROOT_PACKAGE).replace('.', '/') + "/"));
    }

    @Test
    void everyModuleInTheBuildHasItsClassesImported() {
        List<Module> checked = reactor.presentModules().stream().filter(Module::isChecked).toList();
        assertTrue(checked.containsAll(List.of(Module.PROTOCOL_GENERATOR, Module.RECORDS, Module.PROTOCOL)),
                "the build lists " + reactor.presentModules());
        for (Module module : checked) {
            if (!reactor.hasMainSources(module)) {
                continue;
            }
            String packagePrefix = module.packageName(ROOT_PACKAGE) + ".";
            assertTrue(production.stream().anyMatch(c -> c.getName().startsWith(packagePrefix)),
                    "no classes of module '" + module.directory() + "' (package " + packagePrefix
                            + ".) were imported: declare it as a test-scoped dependency in architecture/pom.xml");
        }
    }

    @Test
    void generatedMessageClassesAreCheckedAsProtocol() {
        for (String generated : List.of("io.tributary.protocol.message.ProduceRequestData",
                "io.tributary.protocol.message.FetchResponseData$PartitionData")) {
            assertTrue(production.contain(generated), generated + " was not imported");
            assertTrue(production.get(generated).getPackageName().startsWith(Module.PROTOCOL.packageName(ROOT_PACKAGE)));
        }
    }

    @Test
    void onlyProductionClassesAreImported() {
        for (JavaClass javaClass : production) {
            String source = javaClass.getSource().map(s -> s.getUri().toString()).orElse("");
            assertFalse(source.contains("/test-classes/") || source.contains("-tests.jar"),
                    javaClass.getName() + " is test code (" + source + ")");
            assertFalse(javaClass.getPackageName().startsWith(Module.ARCHITECTURE.packageName(ROOT_PACKAGE)),
                    javaClass.getName() + " belongs to this harness");
        }
        assertEquals(List.of(), production.stream()
                .filter(c -> c.getPackageName().startsWith("io.tributary.protocol.testmessage"))
                .map(JavaClass::getName).toList(), "protocol's test schemas' classes");
    }

    @TestFactory
    Stream<DynamicTest> eachModuleDependsOnlyOnTheModulesItMay() {
        return Module.checked().stream().map(module -> DynamicTest.dynamicTest(
                module.directory() + " -> " + module.allowedDependencies(),
                () -> DependencyRules.moduleDependsOnlyOnAllowedModules(module, ROOT_PACKAGE).check(production)));
    }

    @Test
    void recordsKnowsNothingOfDisksOrNetty() {
        DependencyRules.knowsNothingOfDisksOrNetty(Module.RECORDS, ROOT_PACKAGE).check(production);
    }

    @Test
    void protocolKnowsNothingOfDisksOrNetty() {
        DependencyRules.knowsNothingOfDisksOrNetty(Module.PROTOCOL, ROOT_PACKAGE).check(production);
    }

    @Test
    void storageKnowsNothingOfTheNetwork() {
        DependencyRules.storageKnowsNothingOfTheNetwork(ROOT_PACKAGE).check(production);
    }

    @Test
    void onlyTheControllersRatisPackageImportsRatis() {
        DependencyRules.onlyTheRatisAdapterImportsRatis(ROOT_PACKAGE).check(production);
    }

    @Test
    void noProductionClassDependsOnKafka() {
        DependencyRules.noDependencyOnKafka().check(production);
    }

    @Test
    void nothingDependsOnBroker() {
        DependencyRules.nothingDependsOnBroker(ROOT_PACKAGE).check(production);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        DependencyRules.noCyclesBetweenTopLevelPackages(ROOT_PACKAGE).check(production);
    }
}
