package dev.helpdesk.mail.outbound;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * What the core accepts, mail can send: every subject and customer name that {@code open} takes
 * passes the composer's header check, so no notification is dead-lettered for a value the caller
 * was never told was wrong.
 */
class HeaderAgreementPropertyTest {

  /** Characters that break, fold or confuse header lines, and ordinary ones between them. */
  private static final List<String> TRICKY =
      List.of(
          "\r",
          "\n",
          "\0",
          "\t",
          "\u000b",
          "\f",
          "\u0085",
          "\u2028",
          "\u2029",
          "\u00a0",
          "\u200b",
          "\ufeff",
          "\ud83d\ude80",
          "\ud800",
          "=?utf-8?q?x?=",
          ":",
          ";",
          ",",
          "<",
          ">",
          "\"",
          "\\",
          " ",
          "a",
          "Ä",
          "€",
          "Bcc: x@evil.example");

  private static final Gen<String> VALUES =
      lists()
          .of(Generate.pick(TRICKY))
          .ofSizeBetween(1, 12)
          .map(parts -> String.join("", parts))
          .mix(strings().allPossible().ofLengthBetween(1, 40));

  private final MailSettings settings =
      MailTestSupport.settings(MailTestSupport.freePort()).build();
  private final MailComposer composer =
      new MailComposer(
          settings,
          new MailTemplates(settings.templateRoot(), MailComposer.class.getClassLoader()),
          java.util.Optional.empty());
  private final Session session = Session.getInstance(new Properties());
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final HelpDesk desk =
      HelpDesk.builder().tickets(new InMemoryTickets(outbox), outbox).build();

  @Test
  void everySubjectAndNameTheCoreAcceptsPassesTheMailComposer() {
    qt().withExamples(1_000)
        .forAll(VALUES, VALUES)
        .check(
            (subject, name) -> {
              Ticket ticket;
              try {
                ticket =
                    desk.open(
                        Actor.customer("c-p"),
                        NewTicket.builder()
                            .requester("c-p", name, "p@example.com")
                            .subject(subject)
                            .build());
              } catch (ValidationException refused) {
                return true; // refused up front, typed: the caller knows
              }
              List<OutboxEntry> queued =
                  outbox.claim(
                      Instant.parse("2100-01-01T00:00:00Z"),
                      100,
                      Duration.ofMinutes(1),
                      "property");
              for (OutboxEntry e : queued) {
                Notification n = e.notification();
                if (n.ticketId().equals(ticket.id())) {
                  // Throws HeaderInjectionException for a value the core let through.
                  composer.compose(session, n);
                }
                outbox.delivered(n.id(), "property");
              }
              return !queued.isEmpty();
            });
  }
}
