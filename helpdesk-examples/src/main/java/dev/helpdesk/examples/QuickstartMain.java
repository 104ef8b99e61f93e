package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketLink;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The quickstart: an in-memory desk and one ticket's whole life, from the customer's query to the
 * automatic close four days after it was solved, printing what happens and then the history.
 */
public final class QuickstartMain {

  private QuickstartMain() {}

  /** Runs the quickstart, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the quickstart, printing to {@code out}; returns the ticket as it ends. */
  public static TicketDetails run(PrintStream out) {
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z"); // tests and examples only
    HelpDesk desk =
        HelpDesk.builder() // every port in memory until you say otherwise
            .clock(clock)
            .notifier(n -> out.printf("  mail to %s: %s%n", n.recipient().email(), n.kind()))
            .listener(e -> out.printf("  event: %s%n", describe(e)))
            .build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-7", "Bea Agent", "bea@desk.example"));
    Actor customer = Actor.customer("c-42");
    Actor agent = Actor.agent("a-7");

    out.println("1. The customer raises a query about a booking");
    Ticket ticket =
        desk.open(
            customer,
            NewTicket.builder()
                .requester("c-42", "Ana Traveller", "ana@example.com")
                .subject("Payment taken but no ticket issued")
                .description("I paid for train RX-881 but got no e-ticket.")
                .bookingReference("BK-2026-0042")
                .build());
    out.printf("   -> %s is %s%n", ticket.key(), ticket.status());
    desk.dispatchNotifications();

    out.println("2. An agent takes it");
    desk.assign(agent, ticket.id(), AgentId.of("a-7"));
    desk.dispatchNotifications();

    out.println("3. The agent asks for the payment reference and waits on the customer");
    clock.advance(Duration.ofMinutes(20));
    desk.reply(agent, ticket.id(), "Sorry for this! Could you send the payment reference?");
    desk.note(agent, ticket.id(), "Payment provider shows a timeout at 08:57."); // staff only
    desk.changeStatus(agent, ticket.id(), Status.PENDING); // waiting on the customer
    desk.dispatchNotifications(); // from a scheduler in an application

    out.println("4. The customer answers, which reopens the ticket");
    clock.advance(Duration.ofHours(1));
    desk.reply(customer, ticket.id(), "It is PAY-77813.");

    out.println("5. The agent issues the ticket and solves");
    clock.advance(Duration.ofMinutes(15));
    desk.reply(agent, ticket.id(), "Your e-ticket is issued and on its way.");
    desk.changeStatus(agent, ticket.id(), Status.SOLVED);
    desk.dispatchNotifications();

    out.println("6. Four days later the sweep closes it");
    clock.advance(Duration.ofDays(4));
    out.printf("   -> closed %d ticket(s)%n", desk.closeSolvedTickets());

    TicketDetails seenByCustomer = desk.ticket(customer, ticket.id());
    TicketDetails seenByAgent = desk.ticket(agent, ticket.id());
    out.printf(
        "%nThe customer sees %s (%s), %d messages:%n",
        seenByCustomer.ticket().key(),
        seenByCustomer.ticket().status(),
        seenByCustomer.conversation().size());
    for (Message m : seenByCustomer.conversation()) {
      out.printf("  [%s] %s: %s%n", m.at(), m.author().describe(), m.body());
    }
    out.printf("%nThe agent sees the full history:%n");
    for (TicketEvent e : seenByAgent.history()) {
      out.printf("  [%s] %s%n", e.at(), describe(e));
    }
    return seenByAgent;
  }

  /** One readable line per event, as a desk's activity log would show it. */
  public static String describe(TicketEvent e) {
    return e.accept(new Describe(e.actor().describe()));
  }

  /** The line of each event type, starting with who did it; every type has one. */
  private record Describe(String who) implements TicketEvent.Visitor<String> {

    @Override
    public String created(TicketEvent.Created c) {
      return who + " opened " + c.key() + " \"" + c.subject() + "\"";
    }

    @Override
    public String assigned(TicketEvent.Assigned a) {
      return who + " assigned it to " + a.to().map(AgentId::value).orElse("nobody");
    }

    @Override
    public String statusChanged(TicketEvent.StatusChanged s) {
      return who + " moved it " + s.from() + " -> " + s.to();
    }

    @Override
    public String messageAdded(TicketEvent.MessageAdded m) {
      return who + (m.visibility() == Visibility.PUBLIC ? " replied" : " added an internal note");
    }

    @Override
    public String priorityChanged(TicketEvent.PriorityChanged p) {
      return who + " changed priority " + p.from() + " -> " + p.to();
    }

    @Override
    public String groupChanged(TicketEvent.GroupChanged g) {
      return who + " routed it to " + g.to().map(Object::toString).orElse("no group");
    }

    @Override
    public String escalated(TicketEvent.Escalated x) {
      return who
          + " escalated it"
          + x.from().map(a -> " from " + a.value()).orElse("")
          + " to "
          + x.toGroup()
          + " ("
          + x.reason()
          + ")";
    }

    @Override
    public String slaWarned(TicketEvent.SlaWarned w) {
      return who + " warned: " + target(w.target(), w.cycle()) + " is due at " + w.dueAt();
    }

    @Override
    public String slaBreached(TicketEvent.SlaBreached b) {
      return who
          + " recorded a breach: "
          + target(b.target(), b.cycle())
          + " was due at "
          + b.dueAt();
    }

    @Override
    public String answersSuggested(TicketEvent.AnswersSuggested s) {
      return who + " suggested " + s.answers().stream().map(a -> "\"" + a.title() + "\"").toList();
    }

    @Override
    public String answerAccepted(TicketEvent.AnswerAccepted a) {
      return who + " said \"" + a.title() + "\" solved it";
    }

    @Override
    public String macroApplied(TicketEvent.MacroApplied m) {
      return who + " applied macro " + m.macro();
    }

    @Override
    public String tagsChanged(TicketEvent.TagsChanged t) {
      return who + " tagged it " + new java.util.TreeSet<>(t.to());
    }

    @Override
    public String fieldsChanged(TicketEvent.FieldsChanged f) {
      return who + " set its fields to " + new java.util.TreeMap<>(f.to());
    }

    @Override
    public String slaMet(TicketEvent.SlaMet m) {
      return who + " met " + target(m.target(), m.cycle()) + ", due at " + m.dueAt();
    }

    @Override
    public String rated(TicketEvent.Rated r) {
      return who
          + " rated it "
          + r.rating()
          + (r.comment().isEmpty() ? "" : " (\"" + r.comment() + "\")");
    }

    @Override
    public String pendingReminderSent(TicketEvent.PendingReminderSent r) {
      return who
          + " reminded the customer ("
          + r.reminder()
          + ")"
          + r.autoSolveAt().map(at -> ", solving it at " + at).orElse("");
    }

    @Override
    public String ccAdded(TicketEvent.CcAdded c) {
      return who + " copied " + c.cc().email() + " on it";
    }

    @Override
    public String ccRemoved(TicketEvent.CcRemoved c) {
      return who + " stopped copying " + c.cc().email() + " on it";
    }

    @Override
    public String linked(TicketEvent.Linked l) {
      return who + " linked it " + link(l.link());
    }

    @Override
    public String unlinked(TicketEvent.Unlinked u) {
      return who + " removed its link " + link(u.link());
    }

    @Override
    public String merged(TicketEvent.Merged m) {
      return who + " merged " + m.duplicateKey() + " into it (" + m.carried().size() + " messages)";
    }

    @Override
    public String mergedInto(TicketEvent.MergedInto m) {
      return who + " merged it into " + m.intoKey();
    }
  }

  /** "as a follow-up of HD-1000", "followed up by HD-1001", "related to HD-1002". */
  private static String link(TicketLink link) {
    if (link.kind() == LinkKind.RELATED) {
      return "related to " + link.otherKey();
    }
    return (link.outgoing() ? "as a follow-up of " : "followed up by ") + link.otherKey();
  }

  /** {@code NEXT_REPLY}, cycle 2 reads "next reply #2"; a first cycle has no number. */
  private static String target(SlaTarget target, int cycle) {
    String name = target.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return cycle == 1 ? name : name + " #" + cycle;
  }
}
