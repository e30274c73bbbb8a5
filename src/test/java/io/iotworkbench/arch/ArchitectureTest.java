package io.iotworkbench.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layer rules of ARCHITECTURE.md, as checks. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.iotworkbench");
    }

    @Test
    void theRulesSeeTheWholeCodeBase() {
        assertThat(classes.containPackage("io.iotworkbench.ui.shell")).as("ui imported").isTrue();
        assertThat(classes.containPackage("io.iotworkbench.localcore.broker")).as("core imported").isTrue();
        assertThat(classes.size()).as("a rule over no classes would pass vacuously").isGreaterThan(200);
    }

    @Test
    void coreNeverTouchesJavaFx() {
        noClasses().that().resideOutsideOfPackages("io.iotworkbench.ui..", "io.iotworkbench.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.fxmisc..")
                .because("only io.iotworkbench.ui.* and io.iotworkbench.app may use JavaFX")
                .check(classes);
    }

    @Test
    void coreNeverReachesIntoTheUiOrTheApp() {
        noClasses().that().resideOutsideOfPackages("io.iotworkbench.ui..", "io.iotworkbench.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.iotworkbench.ui..", "io.iotworkbench.app..")
                .check(classes);
    }

    @Test
    void uiDoesNotDependOnTheCompositionRoot() {
        noClasses().that().resideInAPackage("io.iotworkbench.ui..")
                .should().dependOnClassesThat().resideInAPackage("io.iotworkbench.app..")
                .check(classes);
    }

    @Test
    void panesDoNotDependOnEachOther() {
        slices().matching("io.iotworkbench.ui.(certs|access|mqtt|shadow|jobs|things|serial)..")
                .should().notDependOnEachOther()
                .check(classes);
    }
}
