package dev.rlx.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the picture of DESIGN.md honest as the code grows. */
class ArchitectureTest {

  private static final JavaClasses RLX = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.rlx")
      .that(com.tngtech.archunit.base.DescribedPredicate.not(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.rlx.testkit..")));

  @Test
  void theApiDependsOnNothingOfThePlatform() {
    noClasses().that().resideInAPackage("dev.rlx.api..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.rlx.core..", "dev.rlx.cli..", "dev.rlx.sweeps..")
        .check(RLX);
  }

  @Test
  void sweepsIsALibraryWithoutThePlatform() {
    noClasses().that().resideInAPackage("dev.rlx.sweeps..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.rlx.core..", "dev.rlx.cli..", "dev.rlx.api..")
        .check(RLX);
    noClasses().that().resideInAPackage("dev.rlx.sweeps..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..")
        .check(RLX);
  }

  @Test
  void pluginsSeeOnlyTheApi() {
    noClasses().that().resideInAnyPackage("dev.rlx.algorithms..", "dev.rlx.environments..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.rlx.core..", "dev.rlx.cli..", "dev.rlx.sweeps..")
        .check(RLX);
  }

  @Test
  void onlyTheCliWritesToTheConsole() {
    noClasses().that().resideOutsideOfPackage("dev.rlx.cli..")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .check(RLX);
  }

  @Test
  void onlyTheMainsExit() {
    noClasses().that().doNotHaveFullyQualifiedName(RlxCommand.class.getName())
        .and().doNotHaveFullyQualifiedName(dev.rlx.core.exec.TrialWorker.class.getName())
        .should().callMethod(System.class, "exit", int.class)
        .check(RLX);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.rlx.(**)").should().beFreeOfCycles().check(RLX);
  }
}
