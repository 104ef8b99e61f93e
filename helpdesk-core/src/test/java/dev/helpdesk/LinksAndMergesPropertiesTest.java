package dev.helpdesk;

import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Invariants of links and merges after any sequence of operations by two customers and an agent:
 * every link is kept at both of its ends, as each end sees it; a customer never sees a link (nor a
 * link event) to another customer's ticket; a closed ticket never changes again; a merged duplicate
 * is closed and the ticket it went into holds copies of its public messages, as its {@link
 * TicketEvent.Merged} event lists them.
 */
class LinksAndMergesPropertiesTest {

  private static final Actor AGENT = Actor.agent("a-1");
  private static final Actor STAFF = Actor.system("check");
  private static final List<String> CUSTOMERS = List.of("c-1", "c-2");

  @Test
  void linksAndMergesKeepTheirInvariants() {
    qt().withExamples(150)
        .withShrinkCycles(50)
        .forAll(SourceDSL.lists().of(operation()).ofSizeBetween(1, 40))
        .checkAssert(LinksAndMergesPropertiesTest::run);
  }

  private static void run(List<Op> ops) {
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
    HelpDesk desk = HelpDesk.builder().clock(clock).notifier(n -> {}).build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-1", "Agent", "a-1@desk.example"));
    List<TicketId> tickets = new ArrayList<>();
    Map<TicketId, TicketDetails> frozen = new HashMap<>();
    StringBuilder trace = new StringBuilder();
    for (Op op : ops) {
      clock.advance(Duration.ofMinutes(7));
      trace.append("\n  ").append(op);
      try {
        op.apply(desk, tickets);
      } catch (HelpDeskException refused) {
        trace.append(" -> refused: ").append(refused.getMessage());
      }
      check(desk, tickets, frozen, trace);
    }
  }

  private static void check(
      HelpDesk desk,
      List<TicketId> tickets,
      Map<TicketId, TicketDetails> frozen,
      StringBuilder trace) {
    Map<TicketId, TicketDetails> all = new HashMap<>();
    for (TicketId id : tickets) {
      all.put(id, desk.ticket(STAFF, id));
    }
    for (TicketDetails d : all.values()) {
      Ticket t = d.ticket();
      for (TicketLink link : d.links()) {
        TicketDetails other = all.get(link.other());
        expect(trace, t.key() + " links to a ticket the desk knows", true, other != null);
        expect(
            trace,
            "the other end of " + t.key() + "'s link to " + link.otherKey(),
            List.of(link.reversed(t)),
            other.links().stream().filter(l -> l.other().equals(t.id())).toList());
      }
      TicketDetails own = desk.ticket(Actor.customer(t.requester().id()), t.id());
      for (TicketLink link : own.links()) {
        expect(trace, t.key() + ": the customer's link", t.requester().id(), link.otherRequester());
        expect(
            trace,
            t.key() + ": the linked ticket's customer",
            t.requester().id(),
            all.get(link.other()).ticket().requester().id());
      }
      for (TicketEvent e : own.history()) {
        TicketLink shown =
            e instanceof TicketEvent.Linked l
                ? l.link()
                : e instanceof TicketEvent.Unlinked u ? u.link() : null;
        if (shown != null) {
          expect(
              trace,
              t.key() + ": a link event the customer sees",
              t.requester().id(),
              shown.otherRequester());
        }
      }
      boolean closedSeen = false;
      for (TicketEvent e : d.history()) {
        expect(trace, t.key() + ": an event after CLOSED " + e, false, closedSeen);
        closedSeen = e instanceof TicketEvent.StatusChanged s && s.to() == Status.CLOSED;
        if (e instanceof TicketEvent.Merged m) {
          mergedCopies(trace, d, all.get(m.duplicate()), m);
        }
        if (e instanceof TicketEvent.MergedInto) {
          expect(trace, t.key() + " was merged: it is closed", Status.CLOSED, t.status());
        }
      }
      if (t.status() == Status.CLOSED) {
        TicketDetails before = frozen.putIfAbsent(t.id(), d);
        if (before != null) {
          expect(trace, t.key() + " is closed and must not change", before.ticket(), t);
          expect(trace, t.key() + "'s history", before.history(), d.history());
          expect(trace, t.key() + "'s conversation", before.conversation(), d.conversation());
        }
      }
    }
  }

  private static void mergedCopies(
      StringBuilder trace, TicketDetails into, TicketDetails duplicate, TicketEvent.Merged m) {
    List<Message> originals = duplicate.conversation().stream().filter(Message::isPublic).toList();
    Map<Object, Message> byId = new HashMap<>();
    into.conversation().forEach(msg -> byId.put(msg.id(), msg));
    expect(trace, "carried messages of " + m.duplicateKey(), originals.size(), m.carried().size());
    for (int i = 0; i < originals.size(); i++) {
      Message copy = byId.get(m.carried().get(i));
      Message original = originals.get(i);
      expect(trace, "a carried message is in the conversation", true, copy != null);
      expect(
          trace,
          "a carried message keeps author, time and text",
          List.of(original.author(), original.at(), original.body()),
          List.of(copy.author(), copy.at(), copy.body()));
    }
  }

  private static void expect(StringBuilder trace, String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(
          what + ": expected " + expected + " but was " + actual + "\nSteps:" + trace);
    }
  }

  // ================================================================ operations

  interface Op {
    void apply(HelpDesk desk, List<TicketId> tickets);
  }

  private static TicketId pick(List<TicketId> tickets, int index) {
    return tickets.isEmpty() ? null : tickets.get(tickets.size() - 1 - index % tickets.size());
  }

  record Open(int customer) implements Op {
    @Override
    public void apply(HelpDesk desk, List<TicketId> tickets) {
      String c = CUSTOMERS.get(customer);
      tickets.add(
          desk.open(
                  Actor.customer(c),
                  NewTicket.builder()
                      .requester(c, "Customer " + c, c + "@example.com")
                      .subject("Refund")
                      .description("Where is my refund?")
                      .build())
              .id());
    }
  }

  record Reply(int ticket, boolean byCustomer) implements Op {
    @Override
    public void apply(HelpDesk desk, List<TicketId> tickets) {
      TicketId id = pick(tickets, ticket);
      if (id == null) {
        return;
      }
      Actor by =
          byCustomer ? Actor.customer(desk.ticket(STAFF, id).ticket().requester().id()) : AGENT;
      Posted posted = desk.reply(by, id, "More about it");
      if (posted.followUp()) {
        tickets.add(posted.ticket().id());
      }
    }
  }

  record Note(int ticket) implements Op {
    @Override
    public void apply(HelpDesk desk, List<TicketId> tickets) {
      TicketId id = pick(tickets, ticket);
      if (id != null) {
        desk.note(AGENT, id, "Internal");
      }
    }
  }

  record SolveAndClose(int ticket, boolean close) implements Op {
    @Override
    public void apply(HelpDesk desk, List<TicketId> tickets) {
      TicketId id = pick(tickets, ticket);
      if (id != null) {
        desk.assign(AGENT, id, ((Actor.Agent) AGENT).id());
        desk.changeStatus(AGENT, id, Status.SOLVED);
        if (close) {
          desk.changeStatus(AGENT, id, Status.CLOSED);
        }
      }
    }
  }

  record Link(int from, int to, LinkKind kind) implements Op {
    @Override
    public void apply(HelpDesk desk, List<TicketId> tickets) {
      TicketId a = pick(tickets, from);
      if (a != null) {
        desk.link(AGENT, a, pick(tickets, to), kind);
      }
    }
  }

  record Unlink(int from, int to) implements Op {
    @Override
    public void apply(HelpDesk desk, List<TicketId> tickets) {
      TicketId a = pick(tickets, from);
      if (a != null) {
        desk.unlink(AGENT, a, pick(tickets, to));
      }
    }
  }

  record Merge(int duplicate, int into) implements Op {
    @Override
    public void apply(HelpDesk desk, List<TicketId> tickets) {
      TicketId d = pick(tickets, duplicate);
      if (d != null) {
        desk.merge(AGENT, d, pick(tickets, into));
      }
    }
  }

  private static Gen<Integer> index() {
    return Generate.range(0, 6);
  }

  private static Gen<Op> operation() {
    return Generate.frequency(
        List.of(
            Pair.of(4, Generate.range(0, 1).map(c -> (Op) new Open(c))),
            Pair.of(3, index().zip(Generate.booleans(), (t, c) -> (Op) new Reply(t, c))),
            Pair.of(1, index().map(t -> (Op) new Note(t))),
            Pair.of(2, index().zip(Generate.booleans(), (t, c) -> (Op) new SolveAndClose(t, c))),
            Pair.of(
                4,
                index()
                    .zip(
                        index(),
                        Generate.enumValues(LinkKind.class),
                        (a, b, k) -> (Op) new Link(a, b, k))),
            Pair.of(2, index().zip(index(), (a, b) -> (Op) new Unlink(a, b))),
            Pair.of(3, index().zip(index(), (a, b) -> (Op) new Merge(a, b)))));
  }
}
