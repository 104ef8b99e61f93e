package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.CAL;
import static dev.helpdesk.DeskFixture.CAL_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  @Test
  void openingAcknowledgesToTheCustomerAtOnce() {
    Ticket t = f.openByAna();
    List<Notification> sent = f.deliver();
    assertEquals(1, sent.size());
    Notification ack = sent.get(0);
    assertEquals(NotificationKind.TICKET_RECEIVED, ack.kind());
    assertEquals("c-ana@example.com", ack.recipient().email().value());
    assertEquals(t.key(), ack.ticketKey());
    assertEquals(t.id(), ack.ticketId());
    assertEquals(f.clock.instant(), ack.createdAt());
  }

  @Test
  void everyMailToTheCustomerOfATicketWithALocaleCarriesItAndAgentMailsDoNot() {
    Ticket t =
        desk.open(ANA, DeskFixture.request("c-ana").locale(Locale.forLanguageTag("fr-CH")).build());
    desk.assign(CAL, t.id(), BEA_ID);
    desk.reply(BEA, t.id(), "Votre place est 42A.");
    f.clock.advance(java.time.Duration.ofMinutes(2)); // apart: the reply is not merged with SOLVED
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.deliverHeld();
    List<Notification> sent = List.copyOf(f.sent);
    List<NotificationKind> toCustomer = new ArrayList<>();
    for (Notification n : sent) {
      if (n.kind() == NotificationKind.TICKET_ASSIGNED) {
        assertEquals(Optional.empty(), n.locale(), "the agent's mail");
        assertFalse(n.values().containsKey(Notification.LOCALE));
      } else {
        assertEquals(Optional.of(Locale.forLanguageTag("fr-CH")), n.locale(), n.kind().name());
        assertEquals("fr-CH", n.values().get(Notification.LOCALE));
        toCustomer.add(n.kind());
      }
    }
    assertEquals(
        List.of(
            NotificationKind.TICKET_RECEIVED,
            NotificationKind.AGENT_REPLIED,
            NotificationKind.STATUS_CHANGED),
        toCustomer);
    assertTrue(sent.stream().anyMatch(n -> n.kind() == NotificationKind.TICKET_ASSIGNED));
  }

  @Test
  void aTicketWithoutALocaleLeavesTheLanguageToTheDeliveryAdapter() {
    f.openByAna();
    Notification ack = single(f.deliver());
    assertEquals(Optional.empty(), ack.locale());
    assertFalse(ack.values().containsKey(Notification.LOCALE));
  }

  @Test
  void aRequestWithTheAcknowledgementOffIsNotAcknowledgedButLaterMailStillGoes() {
    Ticket t = desk.open(ANA, DeskFixture.request("c-ana").acknowledge(false).build());
    assertTrue(f.deliver().isEmpty(), "no acknowledgement");
    desk.assign(BEA, t.id(), BEA_ID);
    desk.reply(BEA, t.id(), "We are on it.");
    assertEquals(NotificationKind.AGENT_REPLIED, single(f.deliverHeld()).kind());
  }

  @Test
  void theAcknowledgementIsOnByDefault() {
    assertTrue(DeskFixture.request("c-ana").build().acknowledge());
  }

  @Test
  void staffAndSystemsFindACustomerByAddressButCustomersMayNot() {
    f.openByAna();
    dev.helpdesk.common.EmailAddress ana = dev.helpdesk.common.EmailAddress.of("c-ana@example.com");
    assertEquals(
        "c-ana",
        desk.customerByEmail(dev.helpdesk.actor.Actor.system("mail-intake"), ana)
            .orElseThrow()
            .id()
            .value());
    assertTrue(
        desk.customerByEmail(BEA, dev.helpdesk.common.EmailAddress.of("nobody@example.com"))
            .isEmpty());
    org.junit.jupiter.api.Assertions.assertThrows(
        dev.helpdesk.actor.AccessDeniedException.class, () -> desk.customerByEmail(ANA, ana));
  }

  @Test
  void anAgentsPublicReplyIsMailedWithItsText() {
    Ticket t = f.openAssigned();
    f.deliver();
    desk.reply(BEA, t.id(), "Your seat is 42A.");
    Notification reply = single(f.deliverHeld());
    assertEquals(NotificationKind.AGENT_REPLIED, reply.kind());
    assertEquals("Your seat is 42A.", reply.values().get(Notification.BODY));
    assertEquals("Bea Agent", reply.values().get(Notification.AUTHOR));
  }

  @Test
  void anAgentsReplyNamesItsMessageAndFilesAndANotesFilesAreNeverAnnounced() {
    Ticket t = f.openAssigned();
    f.deliver();
    MessageDraft draft =
        MessageDraft.text("Your new boarding pass.")
            .attach(new NewAttachment("pass.pdf", "application/pdf", new byte[] {1, 2, 3}))
            .attach(new NewAttachment("seat map.png", "image/png", new byte[] {4}));
    Message reply = desk.reply(BEA, t.id(), draft).message();
    desk.note(
        BEA,
        t.id(),
        MessageDraft.text("Internal log")
            .attach(new NewAttachment("log.txt", "text/plain", new byte[] {5})));

    Notification n = single(f.deliverHeld());

    assertEquals(NotificationKind.AGENT_REPLIED, n.kind());
    assertEquals(reply.id().toString(), n.values().get(Notification.MESSAGE));
    assertEquals(reply.attachments(), n.attachments());
    assertEquals("3", n.values().get(Notification.attachmentSize(1)));
    // A reply without files announces none.
    desk.reply(BEA, t.id(), "And that is all.");
    assertEquals(List.of(), single(f.deliverHeld()).attachments());
  }

  @Test
  void anErasedEntrysFilesNoLongerReadAsFiles() {
    Ticket t = f.openAssigned();
    f.deliver();
    desk.reply(
        BEA,
        t.id(),
        MessageDraft.text("File")
            .attach(new NewAttachment("pass.pdf", "application/pdf", new byte[] {1})));
    Notification n = single(f.deliverHeld());
    java.util.Map<String, String> erased = new java.util.HashMap<>(n.values());
    erased.replaceAll((k, v) -> dev.helpdesk.notification.OutboxErasure.PLACEHOLDER);

    Notification after =
        new Notification(
            n.id(),
            n.kind(),
            n.recipient(),
            n.ticketId(),
            n.ticketKey(),
            n.ticketSubject(),
            erased,
            n.createdAt());

    assertEquals(1, n.attachments().size());
    assertEquals(List.of(), after.attachments());
  }

  @Test
  void theCustomersOwnReplyIsNotMailedBack() {
    Ticket t = f.openAssigned();
    f.deliver();
    desk.reply(ANA, t.id(), "Thanks");
    assertTrue(
        f.deliverHeld().stream().noneMatch(n -> n.recipient().email().value().startsWith("c-ana")));
  }

  @Test
  void pendingAndSolvedAreToldToTheCustomer() {
    Ticket t = f.openAssigned();
    f.deliver();
    desk.changeStatus(BEA, t.id(), Status.PENDING);
    Notification pending = single(f.deliverHeld());
    assertEquals(NotificationKind.STATUS_CHANGED, pending.kind());
    assertEquals("PENDING", pending.values().get(Notification.STATUS));
    assertEquals("OPEN", pending.values().get(Notification.PREVIOUS_STATUS));

    desk.changeStatus(BEA, t.id(), Status.ON_HOLD);
    desk.changePriority(BEA, t.id(), Priority.HIGH);
    assertTrue(
        f.deliverHeld().isEmpty(),
        "on hold is an internal matter, and Bea changed her own ticket's priority");

    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    assertEquals("SOLVED", single(f.deliverHeld()).values().get(Notification.STATUS));
  }

  @Test
  void anAgentIsToldWhenSomeoneElseAssignsThem() {
    Ticket t = f.openByAna();
    f.deliver();
    desk.assign(BEA, t.id(), CAL_ID);
    Notification assigned = single(f.deliverHeld());
    assertEquals(NotificationKind.TICKET_ASSIGNED, assigned.kind());
    assertEquals("cal@desk.example", assigned.recipient().email().value());
    assertEquals("Bea Agent", assigned.values().get(Notification.AUTHOR));

    desk.assign(BEA, t.id(), BEA_ID);
    assertTrue(f.deliverHeld().isEmpty(), "taking a ticket yourself needs no mail");
    desk.unassign(CAL, t.id());
    assertTrue(f.deliverHeld().isEmpty());
  }

  @Test
  void notificationsAreStoredWithTheChangeAndWaitForDispatch() {
    f.openByAna();
    assertEquals(1, f.outbox.undelivered());
    assertTrue(f.sent.isEmpty(), "nothing is sent inside the change");
    f.deliver();
    assertEquals(0, f.outbox.undelivered());
  }

  @Test
  void aFailedDeliveryIsKeptAndRetried() {
    java.util.concurrent.atomic.AtomicBoolean smtpUp =
        new java.util.concurrent.atomic.AtomicBoolean(false);
    List<Notification> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    DeskFixture down =
        new DeskFixture(
            b ->
                b.notifier(
                    n -> {
                      if (!smtpUp.get()) {
                        throw new IllegalStateException("SMTP down");
                      }
                      delivered.add(n);
                    }));
    down.openByAna();
    assertEquals(0, down.desk.dispatchNotifications());
    assertEquals(1, down.outbox.undelivered());
    smtpUp.set(true);
    assertEquals(0, down.desk.dispatchNotifications(), "not before the backoff");
    down.clock.advance(java.time.Duration.ofMinutes(1));
    assertEquals(1, down.desk.dispatchNotifications());
    assertEquals(1, delivered.size());
    assertEquals(0, down.outbox.undelivered());
  }

  private static Notification single(List<Notification> sent) {
    assertEquals(1, sent.size(), sent.toString());
    return sent.get(0);
  }
}
