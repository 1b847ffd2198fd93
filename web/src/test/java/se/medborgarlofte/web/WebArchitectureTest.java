package se.medborgarlofte.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The web talks to the query side over HTTP only, and its features do not lean on each other. */
class WebArchitectureTest {

    static final JavaClasses WEB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("se.medborgarlofte.web");

    @Test
    void theWebKnowsNeitherSideNorTheEventStoreOnlyThePublishedLanguage() {
        noClasses().that().resideInAPackage("se.medborgarlofte.web..")
                .should().dependOnClassesThat().resideInAnyPackage("se.medborgarlofte.command..",
                        "se.medborgarlofte.query..", "se.medborgarlofte.eventstore..", "se.medborgarlofte.security..",
                        "org.axonframework..", "com.mongodb..", "org.springframework.data..")
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
