package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.request;
import static dev.helpdesk.SlaFixture.berlin;
import static dev.helpdesk.SlaFixture.count;
import static dev.helpdesk.SlaFixture.hasTimer;
import static dev.helpdesk.SlaFixture.slaEvents;
import static dev.helpdesk.SlaFixture.timer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SLA timers through the facade, with a settable clock; the clock starts Mon 2026-03-02 10:00
 * Berlin.
 */
class SlaDeskTest {

  private final DeskFixture f = SlaFixture.desk();
  private final HelpDesk desk = f.desk;

  private SlaMonitor monitor() {
    return desk.slaMonitor().orElseThrow();
  }

  private Ticket open(Priority p) {
    return desk.open(ANA, request("c-ana").priority(p).build());
  }

  // ---------------------------------------------------------------- intake

  @Test
  void theAcknowledgementPromisesTheFirstReply() {
    Ticket t = open(Priority.NORMAL);
    // 4 business hours from Mon 10:00: 10:00-12:30, 13:30-15:00.
    Instant due = berlin("2026-03-02T15:00");
    assertEquals(Optional.of(due), desk.firstReplyDue(ANA, t.id()));
    Notification ack = f.deliver().get(0);
    assertEquals(NotificationKind.TICKET_RECEIVED, ack.kind());
    assertEquals("2026-03-02T14:00:00Z", ack.values().get(Notification.FIRST_REPLY_DUE));
    assertEquals(due, timer(f, t, SlaTarget.FIRST_REPLY).dueAt());
    // Resolution: 14h = Monday's 7h and Tuesday's 7h... counted from 10:00: due Wed 10:00.
    assertEquals(berlin("2026-03-04T10:00"), timer(f, t, SlaTarget.RESOLUTION).dueAt());
  }

  @Test
  void withoutSlaThereAreNoTimers() {
    DeskFixture plain = new DeskFixture();
    Ticket t = plain.openByAna();
    assertEquals(Optional.empty(), plain.desk.firstReplyDue(ANA, t.id()));
    assertTrue(plain.desk.slaStatus(BEA, t.id()).isEmpty());
    assertTrue(plain.desk.slaMonitor().isEmpty());
    assertFalse(plain.deliver().get(0).values().containsKey(Notification.FIRST_REPLY_DUE));
  }

  @Test
  void aTicketNoPolicyAppliesToHasNoTimers() {
    Ticket t = open(Priority.LOW);
    assertEquals(Optional.empty(), desk.firstReplyDue(ANA, t.id()));
    assertTrue(desk.slaStatus(BEA, t.id()).isEmpty());
    assertFalse(f.deliver().get(0).values().containsKey(Notification.FIRST_REPLY_DUE));
  }

  @Test
  void theFirstMatchingPolicyWins() {
    // VIP comes before RAIL_CHAT in the list, whatever the priority.
    Ticket vip =
        desk.open(
            ANA,
            request("c-ana")
                .priority(Priority.LOW)
                .tag("vip")
                .channel(Channel.CHAT)
                .group("rail")
                .build());
    assertEquals(berlin("2026-03-02T10:30"), desk.firstReplyDue(ANA, vip.id()).orElseThrow());
    Ticket gold = desk.open(ANA, request("c-ana").field("tier", "gold").build());
    assertEquals(berlin("2026-03-02T10:30"), desk.firstReplyDue(ANA, gold.id()).orElseThrow());
    Ticket chat =
        desk.open(
            ANA,
            request("c-ana").priority(Priority.URGENT).channel(Channel.CHAT).group("rail").build());
    assertEquals(berlin("2026-03-02T10:15"), desk.firstReplyDue(ANA, chat.id()).orElseThrow());
    assertFalse(hasTimer(f, chat, SlaTarget.RESOLUTION));
    Ticket webRail =
        desk.open(ANA, request("c-ana").priority(Priority.URGENT).group("rail").build());
    assertEquals(berlin("2026-03-02T11:00"), desk.firstReplyDue(ANA, webRail.id()).orElseThrow());
  }

  @Test
  void customersSeeTheirFirstReplyDueButNotTheTimersOrSomeoneElses() {
    Ticket t = open(Priority.NORMAL);
    assertThrows(AccessDeniedException.class, () -> desk.slaStatus(ANA, t.id()));
    assertThrows(NotFoundException.class, () -> desk.firstReplyDue(DeskFixture.BOB, t.id()));
  }

  // ---------------------------------------------------------------- warning and breach

  @Test
  void theMonitorWarnsAndBreachesEachOnce() {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    f.deliver();
    // Warning one business hour before 15:00: at 14:00 Berlin (13:00Z).
    f.clock.set(berlin("2026-03-02T13:59"));
    assertEquals(0, monitor().tick());
    assertTrue(slaEvents(f, t).isEmpty());
    f.clock.set(berlin("2026-03-02T14:00"));
    assertEquals(1, monitor().tick());
    assertEquals(0, monitor().tick());
    List<TicketEvent> events = slaEvents(f, t);
    assertEquals(1, events.size());
    TicketEvent.SlaWarned w = (TicketEvent.SlaWarned) events.get(0);
    assertEquals(SlaTarget.FIRST_REPLY, w.target());
    assertEquals(1, w.cycle());
    assertEquals(berlin("2026-03-02T15:00"), w.dueAt());
    List<Notification> mail = f.deliver();
    assertEquals(1, mail.size());
    assertEquals(NotificationKind.SLA_WARNING, mail.get(0).kind());
    assertEquals("bea@desk.example", mail.get(0).recipient().email().value());
    assertEquals("FIRST_REPLY", mail.get(0).values().get(Notification.SLA_TARGET));

    f.clock.set(berlin("2026-03-02T15:00"));
    assertEquals(1, monitor().tick());
    f.clock.set(berlin("2026-03-02T16:00"));
    monitor().tick();
    events = slaEvents(f, t);
    assertEquals(2, events.size());
    assertTrue(events.get(1) instanceof TicketEvent.SlaBreached);
    assertEquals(NotificationKind.SLA_BREACHED, f.deliver().get(0).kind());
    SlaStatus s = timer(f, t, SlaTarget.FIRST_REPLY);
    assertEquals(TimerState.BREACHED, s.state());
    assertEquals(Duration.ofHours(-1), s.remaining());
    // Listeners heard both; customers do not see them in the history.
    assertEquals(
        2,
        f.events.stream()
            .filter(e -> e instanceof TicketEvent.SlaWarned || e instanceof TicketEvent.SlaBreached)
            .count());
    assertTrue(
        desk.ticket(ANA, t.id()).history().stream()
            .noneMatch(
                e -> e instanceof TicketEvent.SlaWarned || e instanceof TicketEvent.SlaBreached));
    assertEquals(
        2,
        desk.ticket(BEA, t.id()).history().stream()
            .filter(e -> e instanceof TicketEvent.SlaWarned || e instanceof TicketEvent.SlaBreached)
            .count());
  }

  @Test
  void aReplyAfterTheDueInstantIsABreachEvenWithoutAMonitor() {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    f.clock.set(berlin("2026-03-02T15:30"));
    desk.reply(BEA, t.id(), "Sorry for the wait.");
    List<TicketEvent> events = slaEvents(f, t);
    assertEquals(1, count(events, TicketEvent.SlaWarned.class, SlaTarget.FIRST_REPLY, 1));
    assertEquals(1, count(events, TicketEvent.SlaBreached.class, SlaTarget.FIRST_REPLY, 1));
    SlaStatus s = timer(f, t, SlaTarget.FIRST_REPLY);
    assertEquals(TimerState.BREACHED, s.state());
    assertEquals(Optional.of(berlin("2026-03-02T15:30")), s.endedAt());
    assertEquals(Optional.empty(), desk.firstReplyDue(ANA, t.id()));
    assertEquals(0, monitor().tick());
  }

  @Test
  void aReplyInTimeMeetsTheTargetAndNothingFiresLater() {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    f.clock.set(berlin("2026-03-02T11:00"));
    desk.reply(BEA, t.id(), "On it.");
    SlaStatus s = timer(f, t, SlaTarget.FIRST_REPLY);
    assertEquals(TimerState.MET, s.state());
    assertEquals(Duration.ofHours(3), s.remaining());
    // The periodic update starts with the reply: 7h from Mon 11:00 is Tue 11:00.
    assertEquals(berlin("2026-03-03T11:00"), timer(f, t, SlaTarget.PERIODIC_UPDATE).dueAt());
    f.clock.set(berlin("2026-03-02T16:00"));
    assertEquals(0, monitor().tick());
    assertTrue(slaEvents(f, t).isEmpty());
  }

  @Test
  void aBreachCanRaiseThePriorityAndReassignToSupervisors() {
    DeskFixture g =
        SlaFixture.desk(
            SlaFixture.settings()
                .onBreach(
                    Escalation.raisePriority(),
                    Escalation.reassignTo(GroupId.of("supervisors")),
                    Escalation.notifyAssignee())
                .build());
    Ticket t = g.desk.assign(BEA, g.desk.open(ANA, request("c-ana").build()).id(), BEA_ID);
    g.deliver();
    g.clock.set(berlin("2026-03-02T15:00"));
    assertEquals(1, g.desk.slaMonitor().orElseThrow().tick());
    Ticket after = g.tickets.byId(t.id()).orElseThrow();
    assertEquals(Priority.HIGH, after.priority());
    assertEquals(Optional.of(GroupId.of("supervisors")), after.group());
    assertTrue(after.assignee().isEmpty());
    List<TicketEvent> history = g.tickets.history(t.id());
    assertTrue(
        history.stream()
            .anyMatch(e -> e instanceof TicketEvent.PriorityChanged p && p.to() == Priority.HIGH));
    // Escalations run in order: the reassignment took the ticket from Bea before notifyAssignee
    // ran, so nobody is mailed about the breach (the supervisors' queue now holds it).
    List<Notification> mail = g.deliver();
    assertTrue(mail.stream().allMatch(n -> n.kind() != NotificationKind.SLA_BREACHED));
  }

  @Test
  void aWarningAndABreachMailTheAssigneeAndTheSupervisorGroupsMembers() {
    DeskFixture g =
        SlaFixture.desk(
            SlaFixture.settings()
                .onWarning(Escalation.notifyAssignee(), Escalation.notifySupervisors())
                .onBreach(
                    Escalation.notifyAssignee(),
                    Escalation.notifySupervisors(),
                    Escalation.notifyGroup(GroupId.of("leads")))
                .build());
    GroupId supervisors = GroupId.of("supervisors");
    g.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea Agent", "bea@desk.example")
            .withEscalationGroup(Optional.of(supervisors)));
    g.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-sue", "Sue Super", "sue@desk.example").withGroups(Set.of(supervisors)));
    g.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-sam", "Sam Super", "sam@desk.example")
            .withGroups(Set.of(supervisors, GroupId.of("leads"))));
    Ticket t = g.desk.assign(BEA, g.desk.open(ANA, request("c-ana").build()).id(), BEA_ID);
    g.deliver();

    g.clock.set(berlin("2026-03-02T14:00"));
    g.desk.slaMonitor().orElseThrow().tick();
    List<Notification> warned = g.deliver();
    assertEquals(
        Set.of("bea@desk.example", "sam@desk.example", "sue@desk.example"),
        warned.stream().map(n -> n.recipient().email().value()).collect(Collectors.toSet()));
    assertTrue(warned.stream().allMatch(n -> n.kind() == NotificationKind.SLA_WARNING));
    assertEquals(3, warned.size());

    g.clock.set(berlin("2026-03-02T15:00"));
    g.desk.slaMonitor().orElseThrow().tick();
    List<Notification> breached = g.deliver();
    assertTrue(breached.stream().allMatch(n -> n.kind() == NotificationKind.SLA_BREACHED));
    // Sam is a supervisor and a lead: two escalations, two mails; Cal is in neither group.
    assertEquals(
        List.of("bea@desk.example", "sam@desk.example", "sam@desk.example", "sue@desk.example"),
        breached.stream().map(n -> n.recipient().email().value()).sorted().toList());
    assertTrue(
        breached.stream()
            .allMatch(
                n ->
                    n.ticketId().equals(t.id())
                        && "FIRST_REPLY".equals(n.values().get(Notification.SLA_TARGET))
                        && "2026-03-02T14:00:00Z".equals(n.values().get(Notification.SLA_DUE))));
  }

  @Test
  void byDefaultTheAssigneeAndTheSupervisorsAreMailed() {
    DeskFixture g = SlaFixture.desk();
    g.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea Agent", "bea@desk.example")
            .withEscalationGroup(Optional.of(GroupId.of("supervisors"))));
    g.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-sue", "Sue Super", "sue@desk.example")
            .withGroups(Set.of(GroupId.of("supervisors"))));
    g.desk.assign(BEA, g.desk.open(ANA, request("c-ana").build()).id(), BEA_ID);
    g.deliver();
    g.clock.set(berlin("2026-03-02T15:00"));
    g.desk.slaMonitor().orElseThrow().tick();
    List<String> mailed =
        g.deliver().stream()
            .map(n -> n.kind() + " " + n.recipient().email().value())
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "SLA_BREACHED bea@desk.example",
            "SLA_BREACHED sue@desk.example",
            "SLA_WARNING bea@desk.example",
            "SLA_WARNING sue@desk.example"),
        mailed);
  }

  @Test
  void supervisorsAreNotMailedWithoutAnAssigneeOrEscalationGroup() {
    DeskFixture g =
        SlaFixture.desk(
            SlaFixture.settings()
                .onWarning(Escalation.notifySupervisors())
                .onBreach(Escalation.notifySupervisors())
                .build());
    g.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-sue", "Sue Super", "sue@desk.example")
            .withGroups(Set.of(GroupId.of("supervisors"))));
    Ticket unassigned = g.desk.open(ANA, request("c-ana").build());
    Ticket bea = g.desk.assign(BEA, g.desk.open(ANA, request("c-ana").build()).id(), BEA_ID);
    g.deliver();
    g.clock.set(berlin("2026-03-02T15:00"));
    assertEquals(2, g.desk.slaMonitor().orElseThrow().tick());
    assertEquals(
        1,
        count(slaEvents(g, unassigned), TicketEvent.SlaBreached.class, SlaTarget.FIRST_REPLY, 1));
    assertEquals(
        1, count(slaEvents(g, bea), TicketEvent.SlaBreached.class, SlaTarget.FIRST_REPLY, 1));
    assertTrue(
        g.deliver().stream()
            .noneMatch(
                n ->
                    n.kind() == NotificationKind.SLA_BREACHED
                        || n.kind() == NotificationKind.SLA_WARNING));
  }

  @Test
  void escalationsCanBeLimitedToTargetsAndMailAFixedAddress() {
    Recipient supervisors = new Recipient("Supervisors", EmailAddress.of("sup@desk.example"));
    DeskFixture g =
        SlaFixture.desk(
            SlaFixture.settings()
                .onWarning(Escalation.notify(supervisors).onlyFor(Set.of(SlaTarget.RESOLUTION)))
                .onBreach(Escalation.notify(supervisors))
                .build());
    Ticket t = g.desk.assign(BEA, g.desk.open(ANA, request("c-ana").build()).id(), BEA_ID);
    g.deliver();
    g.clock.set(berlin("2026-03-02T14:00")); // the first reply warns: not a resolution target
    g.desk.slaMonitor().orElseThrow().tick();
    assertTrue(g.deliver().isEmpty());
    assertEquals(1, slaEvents(g, t).size());
    g.clock.set(berlin("2026-03-02T15:00")); // the first reply breaches: everyone is told
    g.desk.slaMonitor().orElseThrow().tick();
    List<Notification> mail = g.deliver();
    assertEquals(1, mail.size());
    assertEquals(NotificationKind.SLA_BREACHED, mail.get(0).kind());
    assertEquals("sup@desk.example", mail.get(0).recipient().email().value());
    assertEquals("2026-03-02T14:00:00Z", mail.get(0).values().get(Notification.SLA_DUE));
  }

  // ---------------------------------------------------------------- pauses and policy changes

  @Test
  void aPauseAcrossAWeekendMovesResolutionByTheBusinessTimePaused() {
    f.clock.set(berlin("2026-03-06T09:00")); // Friday
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    // 14h: Friday 7h, Monday 7h.
    assertEquals(berlin("2026-03-09T17:00"), timer(f, t, SlaTarget.RESOLUTION).dueAt());
    f.clock.set(berlin("2026-03-06T15:00"));
    desk.changeStatus(BEA, t.id(), Status.PENDING);
    assertEquals(TimerState.PAUSED, timer(f, t, SlaTarget.RESOLUTION).state());
    // PENDING does not pause the first reply, which was due at 14:00 and so breached with this
    // change.
    assertEquals(TimerState.BREACHED, timer(f, t, SlaTarget.FIRST_REPLY).state());
    f.clock.set(berlin("2026-03-09T11:00")); // Monday
    desk.reply(ANA, t.id(), "Here is the booking number.");
    // Paused Fri 15:00-17:00 and Mon 09:00-11:00: 4h. Mon 17:00 + 4h = Tue 14:00.
    SlaStatus r = timer(f, t, SlaTarget.RESOLUTION);
    assertEquals(TimerState.RUNNING, r.state());
    assertEquals(Duration.ofHours(4), r.pausedSoFar());
    assertEquals(berlin("2026-03-10T14:00"), r.dueAt());
    assertEquals(berlin("2026-03-06T09:00"), r.startedAt());
    assertEquals(Duration.ofHours(9), r.remaining());
    // Urgent (7h) keeps the Friday start and the 4h paused: due Mon 14:00, 2h from now.
    desk.changePriority(BEA, t.id(), Priority.URGENT);
    SlaStatus urgent = timer(f, t, SlaTarget.RESOLUTION);
    assertEquals(berlin("2026-03-09T14:00"), urgent.dueAt());
    assertEquals(Duration.ofHours(2), urgent.remaining());
  }

  @Test
  void onHoldPausesResolutionOnlyAndPendingPausesNextReplyToo() {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    desk.reply(BEA, t.id(), "Which train?");
    f.clock.set(berlin("2026-03-02T10:30"));
    desk.reply(ANA, t.id(), "The 10:12 to Hamburg.");
    assertEquals(TimerState.RUNNING, timer(f, t, SlaTarget.NEXT_REPLY).state());
    desk.changeStatus(BEA, t.id(), Status.ON_HOLD);
    assertEquals(TimerState.RUNNING, timer(f, t, SlaTarget.NEXT_REPLY).state());
    assertEquals(TimerState.PAUSED, timer(f, t, SlaTarget.RESOLUTION).state());
    assertEquals(TimerState.RUNNING, timer(f, t, SlaTarget.PERIODIC_UPDATE).state());
    desk.changeStatus(BEA, t.id(), Status.PENDING);
    assertEquals(TimerState.PAUSED, timer(f, t, SlaTarget.NEXT_REPLY).state());
    assertEquals(TimerState.PAUSED, timer(f, t, SlaTarget.RESOLUTION).state());
  }

  @Test
  void aPriorityChangeReappliesThePolicyWithoutLosingElapsedTime() {
    Ticket t = open(Priority.NORMAL);
    f.clock.set(berlin("2026-03-02T10:30"));
    desk.changePriority(BEA, t.id(), Priority.URGENT);
    // Urgent: 1h from the opening at 10:00, not from the change.
    SlaStatus s = timer(f, t, SlaTarget.FIRST_REPLY);
    assertEquals(berlin("2026-03-02T11:00"), s.dueAt());
    assertEquals(berlin("2026-03-02T10:00"), s.startedAt());
    assertEquals(Duration.ofMinutes(30), s.remaining());
    // (Not at 10:45: that is 75% of the urgent hour, and the change would record the warning.)
    f.clock.set(berlin("2026-03-02T10:40"));
    desk.changePriority(BEA, t.id(), Priority.NORMAL);
    assertEquals(berlin("2026-03-02T15:00"), timer(f, t, SlaTarget.FIRST_REPLY).dueAt());
    // Down to LOW: no policy, no timers running, nothing fires.
    desk.changePriority(BEA, t.id(), Priority.LOW);
    assertEquals(Optional.empty(), desk.firstReplyDue(ANA, t.id()));
    f.clock.set(berlin("2026-03-09T10:00"));
    assertEquals(0, monitor().tick());
    assertTrue(slaEvents(f, t).isEmpty());
  }

  @Test
  void aRaisedPriorityWhoseTargetHasPassedBreachesInThatChange() {
    Ticket t = open(Priority.NORMAL);
    f.clock.set(berlin("2026-03-02T11:30"));
    desk.changePriority(BEA, t.id(), Priority.URGENT);
    List<TicketEvent> events = slaEvents(f, t);
    assertEquals(1, count(events, TicketEvent.SlaWarned.class, SlaTarget.FIRST_REPLY, 1));
    assertEquals(1, count(events, TicketEvent.SlaBreached.class, SlaTarget.FIRST_REPLY, 1));
  }

  // ---------------------------------------------------------------- cycles

  @Test
  void nextReplyCyclesFollowTheConversation() {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    assertFalse(hasTimer(f, t, SlaTarget.NEXT_REPLY));
    desk.reply(ANA, t.id(), "Any news?"); // first reply still awaited: no next-reply cycle
    assertFalse(hasTimer(f, t, SlaTarget.NEXT_REPLY));
    desk.reply(BEA, t.id(), "Looking into it.");
    f.clock.set(berlin("2026-03-02T11:00"));
    desk.reply(ANA, t.id(), "Thanks, and the seat?");
    SlaStatus first = timer(f, t, SlaTarget.NEXT_REPLY);
    assertEquals(1, first.cycle());
    assertEquals(berlin("2026-03-02T16:00"), first.dueAt());
    f.clock.set(berlin("2026-03-02T11:30"));
    desk.reply(ANA, t.id(), "Hello?"); // does not restart the running cycle
    assertEquals(first.dueAt(), timer(f, t, SlaTarget.NEXT_REPLY).dueAt());
    desk.reply(BEA, t.id(), "Seat 42 is yours.");
    assertEquals(TimerState.MET, timer(f, t, SlaTarget.NEXT_REPLY).state());
    f.clock.set(berlin("2026-03-02T12:00"));
    desk.reply(ANA, t.id(), "Great, one more thing.");
    SlaStatus second = timer(f, t, SlaTarget.NEXT_REPLY);
    assertEquals(2, second.cycle());
    assertEquals(TimerState.RUNNING, second.state());
    // Internal notes neither fulfil nor start anything.
    desk.note(BEA, t.id(), "Customer is chatty.");
    assertEquals(TimerState.RUNNING, timer(f, t, SlaTarget.NEXT_REPLY).state());
  }

  @Test
  void solvingEndsEveryTimerAndReopeningStartsANewResolutionCycle() {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    desk.reply(BEA, t.id(), "Done.");
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    for (SlaStatus s : desk.slaStatus(BEA, t.id())) {
      assertEquals(TimerState.MET, s.state(), s.toString());
    }
    f.clock.set(berlin("2026-03-03T10:00"));
    desk.reply(ANA, t.id(), "It is not done.");
    SlaStatus r = timer(f, t, SlaTarget.RESOLUTION);
    assertEquals(2, r.cycle());
    assertEquals(TimerState.RUNNING, r.state());
    assertEquals(berlin("2026-03-03T10:00"), r.startedAt());
    assertEquals(TimerState.RUNNING, timer(f, t, SlaTarget.NEXT_REPLY).state());
  }

  @Test
  void aWarningFiresAgainInTheNextCycle() {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    desk.reply(BEA, t.id(), "Hi.");
    desk.reply(ANA, t.id(), "Hi back."); // next reply cycle 1 from 10:00, due 15:00, warns 14:00
    f.clock.set(berlin("2026-03-02T14:00"));
    monitor().tick();
    desk.reply(BEA, t.id(), "Answer.");
    desk.reply(ANA, t.id(), "Question."); // cycle 2 from 14:00, due Tue 10:00, warns Tue 09:00
    f.clock.set(berlin("2026-03-03T09:30"));
    monitor().tick();
    List<TicketEvent> events = slaEvents(f, t);
    assertEquals(1, count(events, TicketEvent.SlaWarned.class, SlaTarget.NEXT_REPLY, 1));
    assertEquals(1, count(events, TicketEvent.SlaWarned.class, SlaTarget.NEXT_REPLY, 2));
    assertEquals(0, count(events, TicketEvent.SlaBreached.class, SlaTarget.NEXT_REPLY, 1));
  }

  // ---------------------------------------------------------------- scheduled runner

  @Test
  void theScheduledRunnerTicksOnItsOwn() throws InterruptedException {
    Ticket t = desk.assign(BEA, open(Priority.NORMAL).id(), BEA_ID);
    f.clock.set(berlin("2026-03-02T16:00"));
    try (SlaMonitor.Running running = monitor().start(Duration.ofMillis(5))) {
      assertTrue(running.isRunning());
      for (int i = 0; i < 1_000 && slaEvents(f, t).size() < 2; i++) {
        Thread.sleep(5);
      }
    }
    assertEquals(2, slaEvents(f, t).size());
  }
}
