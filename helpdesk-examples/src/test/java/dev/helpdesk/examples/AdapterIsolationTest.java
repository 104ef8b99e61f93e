package dev.helpdesk.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Adapters depend on the core, never the other way, and never on each other. This module sees every
 * module on its class path, so the rules are checked here.
 */
class AdapterIsolationTest {

  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.helpdesk");

  @Test
  void theCoreDependsOnNoAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.helpdesk.jpa..",
            "dev.helpdesk.mail..",
            "dev.helpdesk.spring..",
            "dev.helpdesk.web..",
            "dev.helpdesk.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.helpdesk.jpa..",
            "dev.helpdesk.mail..",
            "dev.helpdesk.spring..",
            "dev.helpdesk.web..",
            "dev.helpdesk.examples..")
        .check(ALL);
  }

  @Test
  void theAdaptersDoNotDependOnTheSpringStarter() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.helpdesk.jpa..", "dev.helpdesk.mail..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.spring..")
        .check(ALL);
  }

  @Test
  void onlyApplicationsDependOnTheWebModule() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.helpdesk.jpa..", "dev.helpdesk.mail..", "dev.helpdesk.spring..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.web..")
        .check(ALL);
  }

  @Test
  void theJpaAdapterDoesNotDependOnTheMailAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.helpdesk.jpa..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.mail..")
        .allowEmptyShould(true)
        .check(ALL);
  }

  @Test
  void theMailAdapterDoesNotDependOnTheJpaAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.helpdesk.mail..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.jpa..")
        .allowEmptyShould(true)
        .check(ALL);
  }

  @Test
  void adaptersAndApplicationsUseOnlyTheApiAndTheSpi() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.helpdesk.jpa..",
            "dev.helpdesk.mail..",
            "dev.helpdesk.spring..",
            "dev.helpdesk.web..",
            "dev.helpdesk.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.internal..")
        .because("dev.helpdesk.internal is the core's own; it may change in any release")
        .check(ALL);
  }
}
