package dev.helpdesk.contract;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.search.SearchText;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Tickets} adapter's {@link Tickets#search} must do: find tickets by the words of
 * their subject and messages (internal notes for staff only), by every filter, in every sort, page
 * after page by keyset, with no ticket twice or missing; and, as a property, return for random
 * tickets, conversations and queries exactly what a brute-force filter over a plain list returns.
 *
 * <p>Extend it in the adapter's tests and implement {@link #tickets()}; it is called once per test
 * and once per example of the property, and must return an empty store each time. Timestamps in
 * this suite are whole seconds.
 */
public abstract class TicketSearchContract {

  /** A ticket store holding no tickets. */
  protected abstract Tickets tickets();

  /** How many random examples the property tries; stores on a network may ask for fewer. */
  protected int examples() {
    return 40;
  }

  private static final StatusTransitions RULES = StatusTransitions.defaults();
  private static final AgentId A1 = AgentId.of("a-1");
  private static final AgentId A2 = AgentId.of("a-2");
  private static final Actor AGENT = Actor.agent(A1);

  /** Words of the random conversations; "ab" is shorter and "www" a stop word on some engines. */
  private static final List<String> VOCABULARY =
      List.of("train", "late", "refund", "seat", "wifi", "ab", "www", "zug9", "delay", "cancelled");

  private long nextKey = 1000;

  @Test
  void findsByWordsOfSubjectAndPublicMessagesAndStaffAlsoByNotes() {
    Tickets store = tickets();
    Ticket train = open(store, spec("c-1", "Train cancelled", T0).body("My train never came"));
    Ticket wifi = open(store, spec("c-1", "Wifi broken", T0.plusSeconds(1)).body("No wifi"));
    update(store, wifi, T0.plusSeconds(5), e -> e.addMessage(note("refund approved", 5)));

    assertEquals(List.of(train), find(store, query().text("TRAIN"), false));
    assertEquals(List.of(train), find(store, query().text("never came"), false));
    assertEquals(List.of(), find(store, query().text("train wifi"), false));
    assertEquals(List.of(), find(store, query().text("refund"), false));
    assertEquals(
        List.of(store.byId(wifi.id()).orElseThrow()), find(store, query().text("refund"), true));
    assertEquals(List.of(), find(store, query().text("trai"), true));
  }

  @Test
  void wordsOfLaterMessagesAreFoundAndThoseOfARefusedChangeAreNot() {
    Tickets store = tickets();
    Ticket t = open(store, spec("c-1", "Seat question", T0));
    Ticket v2 =
        update(store, t, T0.plusSeconds(10), e -> e.addMessage(reply("window seat please", 10)));
    TicketChange stale =
        TicketEdit.of(t, AGENT, T0.plusSeconds(20), RULES)
            .addMessage(reply("aisle instead", 20))
            .done();

    assertThrows(ConcurrentUpdateException.class, () -> store.save(stale));

    assertEquals(List.of(v2), find(store, query().text("window"), false));
    assertEquals(List.of(), find(store, query().text("aisle"), true));
  }

  @Test
  void everyFilterNarrowsTheResult() {
    Tickets store = tickets();
    Ticket a =
        open(
            store,
            spec("c-1", "Refund for booking", T0)
                .priority(Priority.HIGH)
                .channel(Channel.EMAIL)
                .tag("vip")
                .group("payments")
                .booking("BK-1"));
    Ticket b = open(store, spec("c-2", "Refund again", T0.plusSeconds(60)).booking("BK-2"));
    Ticket c = open(store, spec("c-2", "Refund third", T0.plusSeconds(120)));
    Ticket a2 = update(store, a, T0.plusSeconds(200), e -> e.assign(A1));
    Ticket c2 =
        update(store, c, T0.plusSeconds(300), e -> e.assign(A2).changeStatus(Status.SOLVED));

    assertEquals(List.of(c2, a2, b), find(store, query().text("refund"), true));
    assertEquals(List.of(b), find(store, query().status(Status.NEW), true));
    assertEquals(List.of(a2, b), find(store, query().unsolved(), true));
    assertEquals(List.of(a2), find(store, query().priority(Priority.HIGH), true));
    assertEquals(List.of(a2), find(store, query().assignee(A1), true));
    assertEquals(List.of(b), find(store, query().unassigned(), true));
    assertEquals(List.of(a2), find(store, query().group(GroupId.of("payments")), true));
    assertEquals(List.of(a2), find(store, query().tag("vip"), true));
    assertEquals(List.of(), find(store, query().tag("vip").tag("other"), true));
    assertEquals(List.of(c2, b), find(store, query().customer(CustomerId.of("c-2")), true));
    assertEquals(List.of(b), find(store, query().bookingReference("BK-2"), true));
    assertEquals(List.of(), find(store, query().bookingReference("BK"), true));
    assertEquals(List.of(a2), find(store, query().channel(Channel.EMAIL), true));
    assertEquals(
        List.of(b), find(store, query().created(T0.plusSeconds(60), T0.plusSeconds(120)), true));
    assertEquals(List.of(c2, a2), find(store, query().updated(T0.plusSeconds(200), null), true));
    assertEquals(List.of(b), find(store, query().updated(null, T0.plusSeconds(200)), true));
  }

  @Test
  void everySortIsTotalAndPagesNeitherRepeatNorSkipTicketsThatShareATime() {
    Tickets store = tickets();
    List<Ticket> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Priority p = i % 2 == 0 ? Priority.NORMAL : Priority.URGENT;
      all.add(open(store, spec("c-" + (i % 2), "Late train", T0.plusSeconds(i / 3)).priority(p)));
    }
    for (TicketSort sort : TicketSort.values()) {
      List<Ticket> expected = all.stream().sorted(sort.tickets()).toList();
      assertEquals(expected, find(store, query().sort(sort).pageSize(100), true), sort.name());
      assertEquals(expected, allPages(store, query().text("late").sort(sort).pageSize(2), true));
    }
  }

  @Test
  void aCursorOfAnotherQueryOrAnAlteredOneIsRefusedNamingTheCursor() {
    Tickets store = tickets();
    for (int i = 0; i < 3; i++) {
      open(store, spec("c-1", "Late train", T0.plusSeconds(i)));
    }
    TicketQuery first = query().text("train").pageSize(1).build();
    String cursor = first.cursorAfter(find(store, query().text("train").pageSize(1), true).get(0));
    String altered =
        cursor.substring(0, cursor.length() - 2)
            + (cursor.charAt(cursor.length() - 2) == 'A' ? 'B' : 'A')
            + cursor.charAt(cursor.length() - 1);

    assertEquals("cursor", invalid(() -> first.after(altered)).field());
    assertEquals("cursor", invalid(() -> first.after("not a cursor")).field());
    assertEquals(
        "cursor", invalid(() -> query().text("late").pageSize(1).after(cursor).build()).field());
    assertEquals(
        "cursor",
        invalid(() -> query().text("train").sort(TicketSort.CREATED_OLDEST).after(cursor).build())
            .field());
    assertEquals(2, search(store, query().text("train").pageSize(5).after(cursor), true).size());
  }

  @Test
  void randomTicketsAndQueriesFindWhatABruteForceFilterFinds() {
    qt().withExamples(examples())
        .withShrinkCycles(20)
        .forAll(longs().all())
        .checkAssert(this::agree);
  }

  /** One example: random tickets and conversations, then random queries read page by page. */
  private void agree(long seed) {
    Random r = new Random(seed);
    Tickets store = tickets();
    Map<TicketId, Ticket> model = new HashMap<>();
    Map<TicketId, List<Message>> conversations = new HashMap<>();
    int count = 1 + r.nextInt(14);
    for (int i = 0; i < count; i++) {
      Spec s =
          spec("c-" + r.nextInt(3), words(r, 1 + r.nextInt(3)), T0.plusSeconds(r.nextInt(4)))
              .body(words(r, r.nextInt(4)))
              .priority(pick(r, Priority.values()))
              .channel(pick(r, Channel.values()));
      if (r.nextBoolean()) {
        s.tag(pick(r, new String[] {"vip", "bug"}));
      }
      if (r.nextInt(3) == 0) {
        s.group("payments");
      }
      if (r.nextInt(3) == 0) {
        s.booking("BK-" + r.nextInt(3));
      }
      Ticket t = open(store, s);
      List<Message> said = new ArrayList<>(store.conversation(t.id()));
      int changes = r.nextInt(3);
      for (int c = 0; c < changes; c++) {
        Instant at = t.updatedAt().plusSeconds(r.nextInt(3));
        Message m =
            new Message(
                MessageId.random(),
                AGENT,
                r.nextBoolean() ? Visibility.PUBLIC : Visibility.INTERNAL,
                words(r, 1 + r.nextInt(3)),
                List.of(),
                at);
        int move = t.status() == Status.SOLVED ? 0 : r.nextInt(4);
        t =
            update(
                store,
                t,
                at,
                e -> {
                  e.addMessage(m);
                  if (move == 1) {
                    e.assign(r.nextBoolean() ? A1 : A2);
                  } else if (move == 2) {
                    e.assign(A1).changeStatus(Status.SOLVED);
                  } else if (move == 3) {
                    e.changeStatus(Status.PENDING);
                  }
                  return e;
                });
        said.add(m);
      }
      model.put(t.id(), t);
      conversations.put(t.id(), said);
    }
    for (int q = 0; q < 6; q++) {
      TicketQuery.Builder b = query().sort(pick(r, TicketSort.values())).pageSize(1 + r.nextInt(4));
      if (r.nextInt(3) > 0) {
        b.text(words(r, 1 + r.nextInt(2)));
      }
      if (r.nextInt(4) == 0) {
        b.status(pick(r, Status.values()), pick(r, Status.values()));
      }
      if (r.nextInt(5) == 0) {
        b.priority(pick(r, Priority.values()));
      }
      int who = r.nextInt(6);
      if (who == 0) {
        b.assignee(r.nextBoolean() ? A1 : A2);
      } else if (who == 1) {
        b.unassigned();
      }
      if (r.nextInt(6) == 0) {
        b.group(GroupId.of("payments"));
      }
      if (r.nextInt(6) == 0) {
        b.tag(pick(r, new String[] {"vip", "bug"}));
      }
      if (r.nextInt(4) == 0) {
        b.customer(CustomerId.of("c-" + r.nextInt(3)));
      }
      if (r.nextInt(6) == 0) {
        b.bookingReference("BK-" + r.nextInt(3));
      }
      if (r.nextInt(6) == 0) {
        b.channel(pick(r, Channel.values()));
      }
      if (r.nextInt(5) == 0) {
        b.created(T0.plusSeconds(r.nextInt(3)), null);
      }
      if (r.nextInt(5) == 0) {
        b.updated(null, T0.plusSeconds(1 + r.nextInt(6)));
      }
      TicketQuery query = b.build();
      boolean internal = r.nextBoolean();
      List<Ticket> expected =
          model.values().stream()
              .filter(t -> bruteForce(query, internal, t, conversations.get(t.id())))
              .sorted(query.sort().tickets())
              .toList();
      List<Ticket> pages = allPages(store, query, internal);
      assertEquals(expected, pages, () -> "seed " + seed + ", query " + query);
    }
  }

  /** The query checked field by field against the ticket and every word of its conversation. */
  private static boolean bruteForce(
      TicketQuery q, boolean internal, Ticket t, List<Message> conversation) {
    Set<String> words = new HashSet<>(SearchText.words(t.subject()));
    for (Message m : conversation) {
      if (internal || m.visibility() == Visibility.PUBLIC) {
        words.addAll(SearchText.words(m.body()));
      }
    }
    return words.containsAll(q.words())
        && (q.statuses().isEmpty() || q.statuses().contains(t.status()))
        && (q.priorities().isEmpty() || q.priorities().contains(t.priority()))
        && (q.assignee().isEmpty() || t.assignee().equals(q.assignee()))
        && (!q.unassigned() || t.assignee().isEmpty())
        && (q.group().isEmpty() || t.group().equals(q.group()))
        && t.tags().containsAll(q.tags())
        && (q.customer().isEmpty() || Optional.of(t.requester().id()).equals(q.customer()))
        && (q.bookingReference().isEmpty() || t.bookingReference().equals(q.bookingReference()))
        && (q.channels().isEmpty() || q.channels().contains(t.channel()))
        && (q.createdFrom().isEmpty() || t.createdAt().compareTo(q.createdFrom().get()) >= 0)
        && (q.createdBefore().isEmpty() || t.createdAt().compareTo(q.createdBefore().get()) < 0)
        && (q.updatedFrom().isEmpty() || t.updatedAt().compareTo(q.updatedFrom().get()) >= 0)
        && (q.updatedBefore().isEmpty() || t.updatedAt().compareTo(q.updatedBefore().get()) < 0);
  }

  /** Every page of the query, read through cursors, each checked to be at most a page long. */
  private static List<Ticket> allPages(Tickets store, TicketQuery query, boolean internal) {
    List<Ticket> all = new ArrayList<>();
    TicketQuery page = query;
    for (int n = 0; n < 200; n++) {
      List<Ticket> found = store.search(new TicketSearch(page, internal, query.pageSize() + 1));
      assertTrue(found.size() <= query.pageSize() + 1, "a page longer than asked");
      List<Ticket> items = found.subList(0, Math.min(found.size(), query.pageSize()));
      all.addAll(items);
      if (found.size() <= query.pageSize()) {
        return all;
      }
      page = query.after(query.cursorAfter(items.get(items.size() - 1)));
    }
    throw new AssertionError("more than 200 pages");
  }

  private static List<Ticket> allPages(Tickets store, TicketQuery.Builder query, boolean internal) {
    return allPages(store, query.build(), internal);
  }

  private static List<Ticket> find(Tickets store, TicketQuery.Builder query, boolean internal) {
    return search(store, query, internal);
  }

  private static List<Ticket> search(Tickets store, TicketQuery.Builder query, boolean internal) {
    TicketQuery q = query.build();
    return store.search(new TicketSearch(q, internal, q.pageSize()));
  }

  private static ValidationException invalid(Runnable r) {
    return assertThrows(ValidationException.class, r::run);
  }

  private static TicketQuery.Builder query() {
    return TicketQuery.builder().pageSize(100);
  }

  private static String words(Random r, int n) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String word = VOCABULARY.get(r.nextInt(VOCABULARY.size()));
      w.add(r.nextInt(4) == 0 ? word.toUpperCase(java.util.Locale.ROOT) : word);
    }
    return n == 0 ? "" : String.join(r.nextBoolean() ? " " : ", ", w);
  }

  private static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  /** What a ticket is opened with. */
  private static final class Spec {
    final NewTicket.Builder request = NewTicket.builder();
    final String customer;
    final Instant at;
    String body = "";

    Spec(String customer, String subject, Instant at) {
      this.customer = customer;
      this.at = at;
      request
          .requester(
              new Customer(
                  CustomerId.of(customer),
                  "Customer " + customer,
                  EmailAddress.of(customer + "@example.com")))
          .subject(subject.isBlank() ? "No subject" : subject);
    }

    Spec body(String body) {
      this.body = body;
      request.description(body);
      return this;
    }

    Spec priority(Priority p) {
      request.priority(p);
      return this;
    }

    Spec channel(Channel c) {
      request.channel(c);
      return this;
    }

    Spec tag(String tag) {
      request.tag(tag);
      return this;
    }

    Spec group(String group) {
      request.group(group);
      return this;
    }

    Spec booking(String reference) {
      request.bookingReference(reference);
      return this;
    }
  }

  private static Spec spec(String customer, String subject, Instant at) {
    return new Spec(customer, subject, at);
  }

  private Ticket open(Tickets store, Spec s) {
    TicketEdit edit =
        TicketEdit.open(
            TicketId.random(),
            TicketKey.of("HD", nextKey++),
            s.request.build(),
            Optional.empty(),
            Actor.customer(s.customer),
            s.at,
            RULES);
    if (!s.body.isBlank()) {
      edit.addMessage(
          new Message(
              MessageId.random(),
              Actor.customer(s.customer),
              Visibility.PUBLIC,
              s.body,
              List.of(),
              s.at));
    }
    TicketChange change = edit.done();
    store.save(change);
    return change.after();
  }

  private static Ticket update(
      Tickets store, Ticket ticket, Instant at, UnaryOperator<TicketEdit> operations) {
    TicketChange change = operations.apply(TicketEdit.of(ticket, AGENT, at, RULES)).done();
    store.save(change);
    return change.after();
  }

  private static Message reply(String body, int second) {
    return new Message(
        MessageId.random(), AGENT, Visibility.PUBLIC, body, List.of(), T0.plusSeconds(second));
  }

  private static Message note(String body, int second) {
    return new Message(
        MessageId.random(), AGENT, Visibility.INTERNAL, body, List.of(), T0.plusSeconds(second));
  }
}
