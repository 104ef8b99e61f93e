package dev.helpdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import java.util.List;
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
    "dev.helpdesk.live..",
    "dev.helpdesk.webhook.."
  };

  @Test
  void theCoreDependsOnTheJdkAndSlf4jOnly() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.crypto..", "org.slf4j..", "dev.helpdesk..")
        .because("javax.crypto, part of the JDK, signs webhook deliveries")
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
        .resideInAnyPackage(
            "dev.helpdesk",
            "dev.helpdesk.memory..",
            "dev.helpdesk.files..",
            "dev.helpdesk.testing..")
        .check(CORE);
  }

  /** The kernel the ticket domain may build on: values shared by every area. */
  private static final String[] KERNEL = {
    "dev.helpdesk.ticket..",
    "dev.helpdesk.common..",
    "dev.helpdesk.actor..",
    "dev.helpdesk.agent..",
    "dev.helpdesk.customer..",
    "dev.helpdesk.conversation.."
  };

  @Test
  void theTicketDomainDependsOnNoOtherAreaOfTheDesk() {
    classes()
        .that()
        .resideInAPackage("dev.helpdesk.ticket..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(concat(KERNEL, "java..", "org.slf4j.."))
        .because("notifications, instant answers, SLA and assignment build on tickets, not back")
        .check(CORE);
  }

  @Test
  void onlyTheFacadeAndTheInternalsUseTheInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.helpdesk.internal..", "dev.helpdesk")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.internal..")
        .because("the API and the SPI are public; dev.helpdesk.internal is not part of either")
        .check(CORE);
  }

  @Test
  void onlyTheChangePipelineStoresTicketChanges() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.helpdesk.internal.change")
        .and()
        .doNotImplement(Tickets.class)
        .should()
        .callMethod(Tickets.class, "save", TicketChange.class)
        .orShould()
        .callMethod(Tickets.class, "saveAll", List.class)
        .orShould()
        .callMethod(TicketEdit.class, "done")
        .because("every change goes through access checks, steps and publication in one place")
        .check(CORE);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void inMemoryAndFileAdaptersDoNotUseTheFacade() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.helpdesk.memory..", "dev.helpdesk.files..")
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
