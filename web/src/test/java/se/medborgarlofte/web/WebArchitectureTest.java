package se.medborgarlofte.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The web talks to the two sides over HTTP only, and its features do not lean on each other. It may use the security
 * module (who is calling: the local users, the sign-in limit, the tokens it signs for the APIs), and only its staff
 * pages do.
 */
class WebArchitectureTest {

    static final JavaClasses WEB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("se.medborgarlofte.web");

    @Test
    void theWebKnowsNeitherSideNorTheEventStoreOnlyThePublishedLanguageAndWhoIsCalling() {
        noClasses().that().resideInAPackage("se.medborgarlofte.web..")
                .should().dependOnClassesThat().resideInAnyPackage("se.medborgarlofte.command..",
                        "se.medborgarlofte.query..", "se.medborgarlofte.eventstore..",
                        "org.axonframework..", "com.mongodb..", "org.springframework.data..")
                .check(WEB);
    }

    @Test
    void onlyTheStaffPagesKnowWhoIsCalling() {
        noClasses().that().resideInAPackage("se.medborgarlofte.web..")
                .and().resideOutsideOfPackage("se.medborgarlofte.web.staff..")
                .should().dependOnClassesThat().resideInAPackage("se.medborgarlofte.security..")
                .check(WEB);
    }

    @Test
    void noCyclesBetweenThePackages() {
        slices().matching("se.medborgarlofte.web.(*)..").should().beFreeOfCycles().check(WEB);
    }

    @Test
    void pagesOfOneFeatureDoNotUseAnother() {
        slices().matching("se.medborgarlofte.web.(promises|promise|activities|feed)..").should().notDependOnEachOther()
                .check(WEB);
    }
}
