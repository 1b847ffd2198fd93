package se.medborgarlofte.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** Module boundaries, checked on the production classes of every module (all are on this module's classpath). */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.medborgarlofte");
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .as("all modules are imported")
                .contains("se.medborgarlofte.events", "se.medborgarlofte.command.promise",
                        "se.medborgarlofte.query.progress", "se.medborgarlofte.eventstore");
    }

    @Test
    void commandSideNeverDependsOnQuerySide() {
        noClasses().that().resideInAPackage("se.medborgarlofte.command..")
                .should().dependOnClassesThat().resideInAPackage("se.medborgarlofte.query..")
                .check(classes);
    }

    @Test
    void querySideNeverDependsOnCommandSide() {
        noClasses().that().resideInAPackage("se.medborgarlofte.query..")
                .should().dependOnClassesThat().resideInAPackage("se.medborgarlofte.command..")
                .check(classes);
    }

    @Test
    void sharedEventsDependOnTheJdkOnly() {
        classes().that().resideInAPackage("se.medborgarlofte.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "se.medborgarlofte.events..")
                .check(classes);
    }

    @Test
    void theEventStoreKnowsNeitherSide() {
        noClasses().that().resideInAPackage("se.medborgarlofte.eventstore..")
                .should().dependOnClassesThat().resideInAnyPackage("se.medborgarlofte.command..", "se.medborgarlofte.query..")
                .check(classes);
    }

    @Test
    void thePackagesOfEveryModuleAreFreeOfCycles() {
        slices().matching("se.medborgarlofte.(*).(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("se.medborgarlofte.(**)").should().beFreeOfCycles().check(classes);
    }
}
