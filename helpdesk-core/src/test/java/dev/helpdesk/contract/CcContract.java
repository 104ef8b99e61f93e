package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People copied on a ticket, through a whole desk on a store: the store keeps the ticket's CCs
 * (names, case of the address, order) with every read of the ticket (by id, by key, in a search),
 * the events that changed them in the history, and the reply each CC is sent in its outbox.
 * Subclass it with a fresh store per test.
 */
public abstract class CcContract {

  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor BEA = Actor.agent("a-bea");

  /** Sets an empty store (tickets and outbox at least) on the builder; returns its outbox. */
  protected abstract Outbox withFreshStore(HelpDeskBuilder builder);

  private HelpDesk desk;
  private Outbox outbox;

  @BeforeEach
  void freshDesk() {
    HelpDeskBuilder builder = HelpDesk.builder();
    outbox = withFreshStore(builder);
    desk = builder.build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
  }

  private Ticket open() {
    return desk.open(
        ANA,
        NewTicket.builder()
            .requester("c-ana", "Ana", "ana@example.com")
            .subject("Seat missing")
            .description("Booked 12A")
            .build());
  }

  @Test
  void ccsAreStoredWithTheTicketAndTheirChangesInTheHistory() {
    Ticket t = open();
    Cc bo = Cc.of("Bo.Berg@Example.ORG", "Bo Berg – Ökonom");
    Cc li = Cc.of("li@example.net");
    Cc mo = Cc.of("mo@example.net", "Mo");
    desk.addCc(ANA, t.id(), bo);
    desk.addCc(BEA, t.id(), li);
    desk.addCc(BEA, t.id(), mo);
    Ticket after = desk.removeCc(ANA, t.id(), EmailAddress.of("LI@example.net"));
    assertEquals(List.of(bo, mo), after.ccs());
    assertEquals(after, desk.ticket(BEA, t.id()).ticket());
    assertEquals(after, desk.ticket(BEA, t.key()).ticket());
    assertEquals(
        List.of(after), desk.search(BEA, TicketQuery.builder().text("Seat").build()).items());
    List<TicketEvent> changes =
        desk.ticket(BEA, t.id()).history().stream()
            .filter(e -> e instanceof TicketEvent.CcAdded || e instanceof TicketEvent.CcRemoved)
            .toList();
    assertEquals(4, changes.size());
    assertEquals(bo, ((TicketEvent.CcAdded) changes.get(0)).cc());
    assertEquals(ANA, changes.get(0).actor());
    assertEquals(li, ((TicketEvent.CcRemoved) changes.get(3)).cc());
  }

  @Test
  void aTicketWithoutCcsReadsBackWithNone() {
    Ticket t = open();
    assertEquals(List.of(), desk.ticket(BEA, t.id()).ticket().ccs());
    desk.addCc(BEA, t.id(), Cc.of("li@example.net"));
    desk.removeCc(BEA, t.id(), EmailAddress.of("li@example.net"));
    assertEquals(List.of(), desk.ticket(BEA, t.id()).ticket().ccs());
  }

  @Test
  void eachCcsReplyWaitsInTheOutboxAddressedToThemAlone() {
    Ticket t = open();
    desk.addCc(ANA, t.id(), Cc.of("bo@example.org", "Bo"));
    desk.addCc(ANA, t.id(), Cc.of("li@example.net"));
    desk.reply(BEA, t.id(), "Your seat is 42A.");
    List<String> to =
        outbox.claim(Instant.now().plusSeconds(60), 100, Duration.ofMinutes(1), "test").stream()
            .map(e -> e.notification())
            .filter(n -> n.kind() == NotificationKind.AGENT_REPLIED)
            .map(Notification::recipient)
            .map(r -> r.name() + " <" + r.email() + ">")
            .sorted()
            .toList();
    assertEquals(
        List.of("Ana <ana@example.com>", "Bo <bo@example.org>", "li@example.net <li@example.net>"),
        to);
  }
}
