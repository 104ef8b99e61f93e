package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.privacy.Erasure;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Erasing and exporting a customer's data, and the retention of closed tickets, through a whole
 * desk on a store: after an erase no personal value of the customer can be read back through any
 * port (ticket, conversation, history, files, search, outbox, mail threads, customer record), while
 * ids, statuses, ratings and metrics are as before, and the erase is in the staff audit. Subclass
 * it with a fresh store per test.
 */
public abstract class PrivacyContract {

  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor BO = Actor.customer("c-bo");
  private static final Actor BEA = Actor.agent("a-bea");

  /** Words of Ana's that must not survive her erase. */
  static final List<String> PERSONAL =
      List.of(
          "Ana Quartz",
          "ana@example.com",
          "Zanzibar",
          "BK-QX-77",
          "quartz-passport.pdf",
          "zed.quartz@example.org",
          "Zed Quartz");

  /**
   * Sets an empty store (tickets and outbox at least) on the builder and returns the outbox that
   * store writes to, for the test to look into.
   */
  protected abstract Outbox withFreshStore(HelpDeskBuilder builder);

  /** Called after Ana's erase, for a store to check its own tables; nothing by default. */
  protected void noPersonalValueStored(List<String> personal) {}

  private final SettableClock clock = SettableClock.at(START);
  private HelpDesk desk;
  private Outbox outbox;

  @BeforeEach
  void freshDesk() {
    desk = build(HelpDesk.builder());
  }

  private HelpDesk build(HelpDeskBuilder builder) {
    outbox = withFreshStore(builder.clock(clock));
    HelpDesk built = builder.build();
    built.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    return built;
  }

  private List<AuditRecord> audit(StaffAction action) {
    return desk.staffAudit(BEA, AuditQuery.newest(100)).stream()
        .filter(r -> r.action() == action)
        .toList();
  }

  private Ticket openForAna(String subject) {
    return desk.open(
        ANA,
        NewTicket.builder()
            .requester("c-ana", "Ana Quartz", "ana@example.com")
            .subject(subject)
            .description("My suitcase went to Zanzibar without me.")
            .bookingReference("BK-QX-77")
            .build());
  }

  /**
   * Ana's ticket, worked and solved, rated, with a file, a note, a mail thread and her husband
   * copied on it.
   */
  private Ticket anasSolvedTicket() {
    Ticket t = openForAna("Suitcase sent to Zanzibar");
    desk.addCc(ANA, t.id(), Cc.of("zed.quartz@example.org", "Zed Quartz"));
    desk.reply(
        ANA,
        t.id(),
        MessageDraft.text("Here is my passport, Zanzibar stamp included.")
            .attach(
                new NewAttachment(
                    "quartz-passport.pdf",
                    "application/pdf",
                    "Ana Quartz passport".getBytes(StandardCharsets.UTF_8))));
    desk.assign(BEA, t.id(), dev.helpdesk.agent.AgentId.of("a-bea"));
    desk.note(BEA, t.id(), "Ana Quartz called about Zanzibar again.");
    desk.reply(BEA, t.id(), "Dear Ana Quartz, your suitcase is back from Zanzibar.");
    desk.messageThreads().remember("<zanzibar-1@ana.example.com>", t.id());
    clock.set(clock.instant().plus(Duration.ofHours(2)));
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    desk.rate(ANA, t.id(), Rating.GOOD, "Thanks, Zanzibar was close.");
    return desk.ticket(BEA, t.id()).ticket();
  }

  @Test
  void anErasedCustomerLeavesNoPersonalValueAndTheFactsStay() {
    Ticket solved = anasSolvedTicket();
    Ticket open = openForAna("Another trip to Zanzibar");
    Ticket bos =
        desk.open(
            BO,
            NewTicket.builder()
                .requester("c-bo", "Bo Other", "bo@example.com")
                .subject("Seat missing")
                .description("Seat 12A is not shown.")
                .build());
    Instant end = clock.instant().plus(Duration.ofDays(1));
    MetricsReport before = desk.metrics(BEA, START, end);

    Erasure erasure = desk.eraseCustomer(BEA, CustomerId.of("c-ana"));

    assertEquals(new Erasure(CustomerId.of("c-ana"), 2, 5, 1), erasure);
    TicketDetails read = desk.ticket(BEA, solved.id());
    Ticket t = read.ticket();
    assertEquals(solved.key(), t.key());
    assertEquals(Status.SOLVED, t.status());
    assertEquals(solved.assignee(), t.assignee());
    assertEquals(solved.createdAt(), t.createdAt());
    assertEquals(solved.solvedAt(), t.solvedAt());
    assertEquals(Erasure.PLACEHOLDER, t.subject());
    assertEquals("", t.description());
    assertEquals(CustomerId.of("c-ana"), t.requester().id());
    assertEquals(Erasure.NAME, t.requester().name());
    assertEquals(Erasure.EMAIL, t.requester().email());
    assertEquals(Map.of("booking_reference", Erasure.PLACEHOLDER), t.customFields());
    assertEquals(List.of(), t.ccs(), "the people she copied go with her data");
    assertEquals(solved.version() + 1, t.version());
    for (Message m : read.conversation()) {
      assertEquals(Erasure.PLACEHOLDER, m.body());
      for (Attachment a : m.attachments()) {
        assertEquals(Erasure.FILE_NAME, a.name());
        assertThrows(NotFoundException.class, () -> desk.attachment(BEA, t.id(), a.ref()));
      }
    }
    assertEquals(4, read.conversation().size(), "no message removed");
    assertTrue(read.conversation().stream().anyMatch(m -> !m.attachments().isEmpty()));
    assertFalse(read.history().toString().contains("Zanzibar"), read.history().toString());
    TicketEvent.Rated rated =
        read.history().stream()
            .filter(TicketEvent.Rated.class::isInstance)
            .map(TicketEvent.Rated.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(Rating.GOOD, rated.rating());
    assertEquals("", rated.comment());
    assertEquals(Erasure.PLACEHOLDER, desk.ticket(BEA, open.id()).ticket().subject());

    assertEquals(before, desk.metrics(BEA, START, end), "metrics stay countable");
    assertEquals(
        List.of(), desk.search(BEA, TicketQuery.builder().text("zanzibar").build()).items());
    assertEquals(
        List.of(),
        desk.search(BEA, TicketQuery.builder().bookingReference("BK-QX-77").build()).items());
    assertTrue(desk.messageThreads().ticketOf("<zanzibar-1@ana.example.com>").isEmpty());
    assertTrue(desk.customerByEmail(BEA, EmailAddress.of("ana@example.com")).isEmpty());

    // Bo's ticket is untouched.
    assertEquals("Seat missing", desk.ticket(BEA, bos.id()).ticket().subject());
    assertEquals(
        List.of(bos.id()),
        desk.search(BEA, TicketQuery.builder().text("seat").build()).items().stream()
            .map(Ticket::id)
            .toList());

    // No mail to Ana is left to send, and no entry quotes her.
    List<OutboxEntry> left =
        outbox.claim(end.plus(Duration.ofDays(365)), 1000, Duration.ofMinutes(1), "check");
    assertFalse(left.isEmpty(), "the agent's notifications stay");
    for (OutboxEntry e : left) {
      if (!e.notification().ticketId().equals(bos.id())) {
        assertFalse(
            e.notification().recipient().email().equals(EmailAddress.of("ana@example.com")),
            "" + e);
        for (String word : PERSONAL) {
          assertFalse(e.toString().contains(word), word + " in " + e);
        }
      }
    }

    List<AuditRecord> audit = audit(StaffAction.CUSTOMER_ERASED);
    assertEquals(1, audit.size());
    assertEquals(BEA, audit.get(0).actor());
    assertEquals("c-ana", audit.get(0).subject());
    assertEquals(Map.of("tickets", "2", "messages", "5", "attachments", "1"), audit.get(0).after());

    noPersonalValueStored(PERSONAL);

    // Twice is harmless: the same values again.
    desk.eraseCustomer(BEA, CustomerId.of("c-ana"));
    assertEquals(read.conversation(), desk.ticket(BEA, solved.id()).conversation());
    noPersonalValueStored(PERSONAL);
  }

  @Test
  void onlyStaffEraseAndACustomerExportsOnlyTheirOwnData() {
    anasSolvedTicket();
    assertThrows(
        AccessDeniedException.class, () -> desk.eraseCustomer(ANA, CustomerId.of("c-ana")));
    assertThrows(
        AccessDeniedException.class, () -> desk.exportCustomer(BO, CustomerId.of("c-ana")));
    assertThrows(NotFoundException.class, () -> desk.eraseCustomer(BEA, CustomerId.of("c-nobody")));
    assertThrows(
        AccessDeniedException.class,
        () -> desk.eraseCustomer(Actor.agent("a-unknown"), CustomerId.of("c-ana")));
    assertTrue(desk.exportCustomer(ANA, CustomerId.of("c-ana")).contains("Zanzibar"));
    assertEquals(List.of(), audit(StaffAction.CUSTOMER_ERASED));
  }

  @Test
  void anExportHoldsTheTicketsPublicMessagesRatingsAndFilesButNoNote() {
    Ticket t = anasSolvedTicket();
    String json = desk.exportCustomer(BEA, CustomerId.of("c-ana"));

    assertTrue(json.startsWith("{\"customer\":{\"id\":\"c-ana\",\"name\":\"Ana Quartz\""), json);
    assertTrue(json.contains("\"key\":\"" + t.key().value() + "\""), json);
    assertTrue(json.contains("\"subject\":\"Suitcase sent to Zanzibar\""), json);
    assertTrue(json.contains("Dear Ana Quartz, your suitcase is back from Zanzibar."), json);
    assertTrue(json.contains("\"rating\":\"GOOD\",\"comment\":\"Thanks, Zanzibar was close.\""));
    assertTrue(json.contains("\"name\":\"quartz-passport.pdf\""), json);
    assertTrue(json.contains("\"media_type\":\"application/pdf\""), json);
    assertFalse(json.contains("called about"), "internal notes are the team's: " + json);

    desk.eraseCustomer(BEA, CustomerId.of("c-ana"));
    String after = desk.exportCustomer(ANA, CustomerId.of("c-ana"));
    for (String word : PERSONAL) {
      assertFalse(after.contains(word), word + " in " + after);
    }
  }

  @Test
  void theRetentionErasesClosedTicketsOnceTheyAreOldEnoughAndOnlyOnce() {
    desk = build(HelpDesk.builder().eraseClosedTicketsAfterMonths(6).retentionBatch(1));
    Ticket closed = anasSolvedTicket();
    desk.changeStatus(BEA, closed.id(), Status.CLOSED);
    Ticket closedAt = desk.ticket(BEA, closed.id()).ticket();
    Ticket stillOpen = openForAna("Zanzibar again");
    Ticket secondClosed = anasSolvedTicket();
    desk.changeStatus(BEA, secondClosed.id(), Status.CLOSED);

    clock.set(closedAt.updatedAt().plus(Duration.ofDays(150)));
    assertEquals(0, desk.eraseExpiredTickets(), "five months are not six");

    clock.set(closedAt.updatedAt().plus(Duration.ofDays(200)));
    assertEquals(2, desk.eraseExpiredTickets(), "in batches of one, until none is left");
    assertEquals(0, desk.eraseExpiredTickets(), "erased once");

    TicketDetails read = desk.ticket(BEA, closed.id());
    assertEquals(Erasure.PLACEHOLDER, read.ticket().subject());
    assertEquals(Status.CLOSED, read.ticket().status());
    assertTrue(read.conversation().stream().allMatch(m -> m.body().equals(Erasure.PLACEHOLDER)));
    assertEquals(
        "Zanzibar again", desk.ticket(BEA, stillOpen.id()).ticket().subject(), "not closed");
    assertTrue(
        desk.customerByEmail(BEA, EmailAddress.of("ana@example.com")).isPresent(),
        "the retention erases tickets, not the customer");

    List<AuditRecord> audit = audit(StaffAction.TICKET_ERASED);
    assertEquals(2, audit.size());
    assertEquals(Actor.system("retention"), audit.get(0).actor());
    assertEquals(
        List.of(secondClosed.key().value(), closed.key().value()),
        audit.stream().map(AuditRecord::subject).toList());
  }

  @Test
  void withoutARetentionNothingIsErasedByAge() {
    Ticket closed = anasSolvedTicket();
    desk.changeStatus(BEA, closed.id(), Status.CLOSED);
    clock.set(START.plus(Duration.ofDays(3650)));
    assertEquals(0, desk.eraseExpiredTickets());
    assertTrue(desk.closedTicketRetention().isEmpty());
    assertEquals("Suitcase sent to Zanzibar", desk.ticket(BEA, closed.id()).ticket().subject());
  }
}
