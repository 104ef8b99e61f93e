package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.CAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.notification.NotificationRule;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notification table: each default rule by example, each switch, no mail for one's own change,
 * and the coalescing of what one person is told of one ticket within the window.
 */
class NotificationTableTest {

  private static final Duration WINDOW = NotificationPolicy.DEFAULT_COALESCING_WINDOW;
  private static final GroupId BILLING = GroupId.of("billing");

  private static DeskFixture desk(NotificationPolicy policy) {
    DeskFixture f = new DeskFixture(b -> b.notifications(policy));
    f.desk.saveAgent(
        Actor.system("admin"),
        new Agent(
            AgentId.of("a-dan"),
            "Dan Agent",
            EmailAddress.of("dan@desk.example"),
            Set.of(BILLING)));
    f.desk.saveAgent(
        Actor.system("admin"),
        new Agent(
            AgentId.of("a-eve"),
            "Eve Agent",
            EmailAddress.of("eve@desk.example"),
            Set.of(BILLING)));
    return f;
  }

  /** What the rule's trigger needs, starting from a ticket Ana opened and Bea took. */
  private static final Map<NotificationRule, BiConsumer<DeskFixture, Ticket>> SCENARIOS =
      Map.ofEntries(
          Map.entry(NotificationRule.CUSTOMER_RECEIVED, (f, t) -> f.openByAna()),
          Map.entry(
              NotificationRule.CUSTOMER_AGENT_REPLY, (f, t) -> f.desk.reply(BEA, t.id(), "42A")),
          Map.entry(
              NotificationRule.CUSTOMER_PENDING_SOLVED,
              (f, t) -> f.desk.changeStatus(BEA, t.id(), Status.SOLVED)),
          Map.entry(
              NotificationRule.CUSTOMER_MERGED,
              (f, t) -> f.desk.merge(BEA, f.openByAna().id(), t.id())),
          Map.entry(
              NotificationRule.ASSIGNEE_ASSIGNED,
              (f, t) -> f.desk.assign(BEA, t.id(), DeskFixture.CAL_ID)),
          Map.entry(
              NotificationRule.ASSIGNEE_CUSTOMER_REPLY,
              (f, t) -> f.desk.reply(ANA, t.id(), "Any news?")),
          Map.entry(
              NotificationRule.ASSIGNEE_REOPENED,
              (f, t) -> {
                f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
                f.desk.changeStatus(CAL, t.id(), Status.OPEN);
              }),
          Map.entry(
              NotificationRule.ASSIGNEE_BAD_RATING,
              (f, t) -> {
                f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
                f.desk.rate(ANA, t.id(), Rating.BAD, "Still no seat.");
              }),
          Map.entry(
              NotificationRule.ASSIGNEE_PRIORITY,
              (f, t) -> f.desk.changePriority(CAL, t.id(), Priority.URGENT)),
          Map.entry(
              NotificationRule.ASSIGNEE_GROUP, (f, t) -> f.desk.changeGroup(CAL, t.id(), BILLING)),
          Map.entry(
              NotificationRule.GROUP_UNASSIGNED,
              (f, t) -> f.desk.open(ANA, DeskFixture.request("c-ana").group("billing").build())));

  static Stream<NotificationRule> rulesWithScenarios() {
    return NotificationRule.ALL.stream().filter(SCENARIOS::containsKey);
  }

  /** Runs the rule's scenario on a fresh desk and returns the kinds mailed afterwards. */
  private static List<Notification> mailed(NotificationRule rule, NotificationPolicy policy) {
    DeskFixture f = desk(policy);
    Ticket t = f.openAssigned();
    f.deliverHeld();
    SCENARIOS.get(rule).accept(f, t);
    return f.deliverHeld();
  }

  @ParameterizedTest
  @MethodSource("rulesWithScenarios")
  void eachDefaultRuleSendsItsKindToItsRecipients(NotificationRule rule) {
    List<Notification> mail = mailed(rule, NotificationPolicy.defaults());
    List<Notification> ofKind =
        mail.stream().filter(n -> n.coalescedKinds().contains(rule.kind())).toList();
    assertTrue(!ofKind.isEmpty(), rule + ": " + mail);
    for (Notification n : ofKind) {
      boolean toCustomer = n.recipient().email().value().equals("c-ana@example.com");
      assertEquals(rule.to() == NotificationRule.Recipients.CUSTOMER, toCustomer, n.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("rulesWithScenarios")
  void eachRuleCanBeSwitchedOff(NotificationRule rule) {
    List<Notification> mail = mailed(rule, NotificationPolicy.defaults().without(rule));
    assertTrue(
        mail.stream().noneMatch(n -> n.coalescedKinds().contains(rule.kind())),
        rule + " is off: " + mail);
  }

  @Test
  void everyRuleOfTheTableHasAnExampleHereOrInThePendingFollowUpTests() {
    assertEquals(
        Set.of(NotificationRule.CUSTOMER_PENDING_REMINDER),
        NotificationRule.ALL.stream()
            .filter(r -> !SCENARIOS.containsKey(r))
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void theAssigneeHearsTheCustomersReplyWithItsText() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    f.desk.reply(ANA, t.id(), "The seat is still missing.");
    Notification n = single(f.deliverHeld());
    assertEquals(NotificationKind.CUSTOMER_REPLIED, n.kind());
    assertEquals("bea@desk.example", n.recipient().email().value());
    assertEquals("The seat is still missing.", n.values().get(Notification.BODY));
    assertEquals("Name of c-ana", n.values().get(Notification.AUTHOR), "the requester's name");
  }

  @Test
  void aReplyThatReopensASolvedTicketIsOneMailToTheAssignee() {
    DeskFixture f = desk(NotificationPolicy.defaults().coalescingWindow(Duration.ZERO));
    Ticket t = f.openAssigned();
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.deliver();
    f.desk.reply(ANA, t.id(), "It is not solved.");
    Notification n = single(f.deliver());
    assertEquals(NotificationKind.CUSTOMER_REPLIED, n.kind());
    assertEquals(
        List.of(NotificationKind.CUSTOMER_REPLIED, NotificationKind.TICKET_REOPENED),
        n.coalescedKinds());
    assertEquals("OPEN", n.values().get(Notification.STATUS));
    assertEquals("SOLVED", n.values().get(Notification.PREVIOUS_STATUS));
    assertEquals("It is not solved.", n.values().get(Notification.BODY));
  }

  @Test
  void aBadRatingTellsTheAgentWhoHadTheTicketWithTheComment() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.deliverHeld();
    f.desk.rate(ANA, t.id(), Rating.BAD, "Still no seat.");
    Notification n = single(f.deliverHeld());
    assertEquals(NotificationKind.BAD_RATING, n.kind());
    assertEquals("bea@desk.example", n.recipient().email().value());
    assertEquals("Still no seat.", n.values().get(Notification.COMMENT));
    assertEquals(
        List.of(NotificationKind.BAD_RATING, NotificationKind.TICKET_REOPENED),
        n.coalescedKinds(),
        "the bad rating reopened the ticket (BadRatingAction.REOPEN), told in the same mail");
  }

  @Test
  void priorityAndGroupChangesByAnotherAgentAreOneMailToTheAssignee() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    f.desk.changePriority(CAL, t.id(), Priority.URGENT);
    f.clock.advance(Duration.ofSeconds(20));
    f.desk.changeGroup(CAL, t.id(), BILLING);
    Notification n = single(f.deliverHeld());
    assertEquals("bea@desk.example", n.recipient().email().value());
    assertEquals(NotificationKind.PRIORITY_CHANGED, n.kind());
    assertEquals(
        List.of(NotificationKind.PRIORITY_CHANGED, NotificationKind.GROUP_CHANGED),
        n.coalescedKinds());
    assertEquals("URGENT", n.values().get(Notification.PRIORITY));
    assertEquals("NORMAL", n.values().get(Notification.PREVIOUS_PRIORITY));
    assertEquals("billing", n.values().get(Notification.GROUP));
    assertEquals("Cal Agent", n.values().get(Notification.AUTHOR));
  }

  @Test
  void nobodyIsToldOfAChangeTheyMadeThemselves() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    f.desk.changePriority(BEA, t.id(), Priority.URGENT);
    f.desk.changeGroup(BEA, t.id(), BILLING);
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.desk.changeStatus(BEA, t.id(), Status.OPEN);
    assertEquals(
        List.of("c-ana@example.com"),
        f.deliverHeld().stream().map(n -> n.recipient().email().value()).toList(),
        "only the customer hears of the solve; Bea of none of her own changes");

    Ticket routed = f.openByAna();
    f.deliverHeld();
    f.desk.changeGroup(
        Actor.agent("a-dan"), routed.id(), BILLING); // Dan routes it to his own group
    assertEquals(
        List.of("eve@desk.example"),
        f.deliverHeld().stream().map(n -> n.recipient().email().value()).toList(),
        "the group but the agent who routed it");
  }

  @Test
  void aTicketArrivingInAGroupWithoutAnAssigneeTellsEveryMember() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    f.desk.open(ANA, DeskFixture.request("c-ana").group("billing").build());
    List<Notification> mail = f.deliverHeld();
    assertEquals(
        Set.of("dan@desk.example", "eve@desk.example"),
        mail.stream()
            .filter(n -> n.kind() == NotificationKind.UNASSIGNED_IN_GROUP)
            .map(n -> n.recipient().email().value())
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void theCustomerOfAMergedDuplicateIsToldWhereItGoesOn() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket into = f.openAssigned();
    Ticket dup = f.openByAna();
    f.deliverHeld();
    f.desk.merge(BEA, dup.id(), into.id());
    Notification n = single(f.deliver());
    assertEquals(NotificationKind.TICKET_MERGED, n.kind());
    assertEquals(dup.id(), n.ticketId());
    assertEquals(into.key().value(), n.values().get(Notification.MERGED_INTO));
    assertEquals("c-ana@example.com", n.recipient().email().value());
  }

  // ------------------------------------------------------------------ coalescing

  @Test
  void aReplyFollowedByPendingWithinTheWindowIsOneMail() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    f.desk.reply(BEA, t.id(), "Please send us the booking number.");
    f.clock.advance(Duration.ofSeconds(1));
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    assertTrue(f.deliver().isEmpty(), "held for the window");

    f.clock.advance(WINDOW.minusSeconds(1));
    Notification n = single(f.deliver());
    assertEquals(NotificationKind.AGENT_REPLIED, n.kind());
    assertEquals(
        List.of(NotificationKind.AGENT_REPLIED, NotificationKind.STATUS_CHANGED),
        n.coalescedKinds());
    assertEquals("Please send us the booking number.", n.values().get(Notification.BODY));
    assertEquals("PENDING", n.values().get(Notification.STATUS));
    assertEquals("OPEN", n.values().get(Notification.PREVIOUS_STATUS));
    assertEquals(0, f.outbox.undelivered(), "both entries are delivered");
  }

  @Test
  void twoRepliesWithFilesWithinTheWindowAreOneMailNamingEachFileWithItsOwnMessage() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    Posted first =
        f.desk.reply(BEA, t.id(), MessageDraft.text("The invoice.").attach(pdf("invoice")));
    f.clock.advance(Duration.ofSeconds(1));
    Posted second =
        f.desk.reply(
            BEA,
            t.id(),
            MessageDraft.text("And your tickets.").attach(pdf("ticket-1")).attach(pdf("ticket-2")));
    f.clock.advance(WINDOW);

    Notification n = single(f.deliver());
    assertEquals(
        List.of("invoice.pdf", "ticket-1.pdf", "ticket-2.pdf"),
        n.attachments().stream().map(Attachment::name).toList());
    assertEquals(
        first.message().id().toString(), n.values().get(Notification.attachmentMessage(1)));
    assertEquals("0", n.values().get(Notification.attachmentIndex(1)));
    assertEquals(
        second.message().id().toString(), n.values().get(Notification.attachmentMessage(3)));
    assertEquals("1", n.values().get(Notification.attachmentIndex(3)));
  }

  private static NewAttachment pdf(String name) {
    return new NewAttachment(
        name + ".pdf", "application/pdf", name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aReplyAndPendingFurtherApartThanTheWindowAreTwoMailsEvenForALateDispatcher() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    f.desk.reply(BEA, t.id(), "Please send us the booking number.");
    f.clock.advance(WINDOW.plusSeconds(1));
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    List<Notification> mail = f.deliverHeld(); // nothing dispatched in between
    assertEquals(
        List.of(NotificationKind.AGENT_REPLIED, NotificationKind.STATUS_CHANGED),
        mail.stream().map(Notification::kind).toList());
    assertTrue(mail.stream().allMatch(n -> n.coalescedKinds().size() == 1));
  }

  @Test
  void aReplyAndPendingOutsideTheWindowAreTwoMails() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    f.desk.reply(BEA, t.id(), "Please send us the booking number.");
    f.clock.advance(WINDOW);
    assertEquals(NotificationKind.AGENT_REPLIED, single(f.deliver()).kind());
    f.clock.advance(Duration.ofSeconds(1));
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    assertEquals(NotificationKind.STATUS_CHANGED, single(f.deliverHeld()).kind());
  }

  @Test
  void aCoalescedMailThatFailsIsRetriedAsOne() {
    java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
    List<Notification> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    DeskFixture f =
        new DeskFixture(
            b ->
                b.notifier(
                    n -> {
                      if (!up.get()) {
                        throw new IllegalStateException("SMTP down");
                      }
                      delivered.add(n);
                    }));
    Ticket t = f.openAssigned();
    f.desk.reply(BEA, t.id(), "Please send us the booking number.");
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    f.clock.advance(WINDOW);
    assertEquals(0, f.desk.dispatchNotifications());
    up.set(true);
    f.clock.advance(Duration.ofHours(2));
    f.desk.dispatchNotifications();
    List<Notification> toAna =
        delivered.stream().filter(n -> n.kind() != NotificationKind.TICKET_RECEIVED).toList();
    assertEquals(1, toAna.size(), toAna.toString());
    assertEquals(
        List.of(NotificationKind.AGENT_REPLIED, NotificationKind.STATUS_CHANGED),
        toAna.get(0).coalescedKinds());
    assertEquals(0, f.outbox.undelivered());
  }

  @Test
  void aWindowOfZeroSendsAtOnceAndMergesOnlyOneStep() {
    DeskFixture f = desk(NotificationPolicy.defaults().coalescingWindow(Duration.ZERO));
    Ticket t = f.openAssigned();
    f.deliver();
    f.desk.reply(BEA, t.id(), "Please send us the booking number.");
    f.clock.advance(Duration.ofSeconds(1));
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    assertEquals(2, f.deliver().size());
  }

  @Test
  void thePolicyRefusesAnUnknownRuleAndAWindowOutOfRange() {
    ValidationException unknown =
        assertThrows(
            ValidationException.class,
            () -> NotificationPolicy.defaults().enabled("assignee-colour", false));
    assertTrue(unknown.getMessage().contains("rule"), unknown.getMessage());
    assertThrows(
        ValidationException.class,
        () -> NotificationPolicy.defaults().coalescingWindow(Duration.ofSeconds(-1)));
    assertThrows(
        ValidationException.class,
        () -> NotificationPolicy.defaults().coalescingWindow(Duration.ofHours(2)));
    assertEquals(
        NotificationPolicy.defaults().without(NotificationRule.ASSIGNEE_PRIORITY),
        NotificationPolicy.defaults().enabled("assignee-priority", false));
  }

  @Test
  void aHeldNotificationIsStoredWithItsWindowAndKey() {
    DeskFixture f = desk(NotificationPolicy.defaults());
    Ticket t = f.openAssigned();
    f.deliverHeld();
    f.desk.reply(BEA, t.id(), "Hello");
    List<OutboxEntry> waiting =
        f.outbox.claim(f.clock.instant().plus(WINDOW), 10, Duration.ofMinutes(5), "test");
    assertEquals(1, waiting.size());
    Notification n = waiting.get(0).notification();
    assertEquals(n.createdAt().plus(WINDOW), n.notBefore());
    assertEquals(java.util.Optional.of(t.id().value() + "/c-ana@example.com"), n.coalescingKey());
  }

  private static Notification single(List<Notification> sent) {
    assertEquals(1, sent.size(), sent.toString());
    return sent.get(0);
  }
}
