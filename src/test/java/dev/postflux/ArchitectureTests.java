package dev.postflux;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The layout rules of docs/design.md, checked on the compiled code. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.postflux");

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("dev.postflux.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void repositoriesStayInsideTheirFeature() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .check(CLASSES);
    }

    @Test
    void routesAreFunctionalNotAnnotatedControllers() {
        noClasses()
                .should()
                .beAnnotatedWith(RestController.class)
                .orShould()
                .beAnnotatedWith(Controller.class)
                .check(CLASSES);
    }

    @Test
    void limitsStringLengthsInCharactersNotUtf16Units() {
        noFields()
                .that()
                .haveRawType(String.class)
                .should()
                .beAnnotatedWith(Size.class)
                .because("@Size counts UTF-16 units, where docs/api.md and the CHECK constraints count characters"
                        + " (@CodePointLength): 51 emoji would fail a limit of 100")
                .check(CLASSES);
    }

    @Test
    void onlyStartUpCodeWaitsForAReactiveResult() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.postflux.database")
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "a block*() of Reactor",
                        call -> call.getTarget().getName().startsWith("block")
                                && call.getTargetOwner().getPackageName().startsWith("reactor.core.publisher")))
                .because("request paths run on event loops, where waiting stalls every connection")
                .check(CLASSES);
    }

    @Test
    void nothingSleeps() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class).check(CLASSES);
    }
}
