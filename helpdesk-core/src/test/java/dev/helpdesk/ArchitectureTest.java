package dev.helpdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core's dependency rules: pure, acyclic, and the domain unaware of adapters and facade. */
class ArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.helpdesk");

  private static final String[] DOMAIN = {
    "dev.helpdesk.common..",
    "dev.helpdesk.customer..",
    "dev.helpdesk.agent..",
    "dev.helpdesk.actor..",
    "dev.helpdesk.conversation..",
    "dev.helpdesk.notification..",
    "dev.helpdesk.ticket..",
    "dev.helpdesk.knowledge..",
    "dev.helpdesk.macro..",
    "dev.helpdesk.live.."
  };

  @Test
  void theCoreDependsOnTheJdkAndSlf4jOnly() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.slf4j..", "dev.helpdesk..")
        .check(CORE);
  }

  @Test
  void thePackagesHaveNoCycles() {
    slices().matching("dev.helpdesk.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void theDomainKnowsNeitherTheFacadeNorTheAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.helpdesk", "dev.helpdesk.memory..", "dev.helpdesk.testing..")
        .check(CORE);
  }

  @Test
  void inMemoryAdaptersDoNotUseTheFacade() {
    noClasses()
        .that()
        .resideInAPackage("dev.helpdesk.memory..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk")
        .check(CORE);
  }

  @Test
  void timeIsReadFromTheInjectedClock() {
    noClasses()
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.Clock.class, "systemDefaultZone")
        .because("time comes from the Clock given to the builder")
        .check(CORE);
  }
}
