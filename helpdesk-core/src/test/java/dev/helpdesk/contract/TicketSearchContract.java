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
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.SearchText;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketScope;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTimer;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.TargetRule;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * <p>The SLA filters and the {@link TicketSort#SLA_DUE} order read the {@link SlaState} the store
 * keeps from the timers its {@link SlaTimers} adapter stores: breached, due soon, overdue, paused,
 * met, and none at all, each hit carrying the state it was found by.
 *
 * <p>Extend it in the adapter's tests and implement {@link #tickets()} and {@link #slaTimers()};
 * they are called once per test and once per example of the property, and must return an empty
 * store each time. Timestamps in this suite are whole seconds; searches run at {@link #NOW}.
 */
public abstract class TicketSearchContract {

  /** A ticket store holding no tickets. */
  protected abstract Tickets tickets();

  /**
   * The SLA timers of the store {@link #tickets()} returned last, whose state its search reads;
   * called after it.
   */
  protected abstract SlaTimers slaTimers();

  /** The instant every search of this suite runs at. */
  protected static final Instant NOW = T0.plusSeconds(100);

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

  private static final TargetRule FIRST_REPLY_RULE =
      new TargetRule(
          SlaTarget.FIRST_REPLY, Duration.ofHours(1), Set.of(), WarningLead.percentElapsed(50));
  private static final TargetRule RESOLUTION_RULE =
      new TargetRule(
          SlaTarget.RESOLUTION, Duration.ofHours(8), Set.of(), WarningLead.percentElapsed(50));

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
      List<Ticket> expected =
          all.stream()
              .map(t -> new SearchHit(t, SlaState.NONE))
              .sorted(sort.hits())
              .map(SearchHit::ticket)
              .toList();
      assertEquals(expected, find(store, query().sort(sort).pageSize(100), true), sort.name());
      assertEquals(expected, allPages(store, query().text("late").sort(sort).pageSize(2), true));
    }
  }

  @Test
  void aScopeKeepsEveryPageWithinTheTicketsTheReaderMaySee() {
    Tickets store = tickets();
    List<Ticket> all = new ArrayList<>();
    String[] customers = {"c-1", "c-2", "c-3"};
    String[] groups = {"g-1", "g-2", ""};
    for (int i = 0; i < 18; i++) {
      Spec s =
          spec(
              customers[i % 3],
              "Late train " + (i % 2 == 0 ? "refund" : "delay"),
              T0.plusSeconds(i / 2));
      if (i % 3 != 2) {
        s.organisation("org-1"); // c-1 and c-2 are colleagues, c-3 in no organisation
      }
      if (!groups[(i / 3) % 3].isEmpty()) {
        s.group(groups[(i / 3) % 3]);
      }
      Ticket t = open(store, s);
      if (i % 4 == 0) {
        t = update(store, t, T0.plusSeconds(10 + i), e -> e.assign(A1));
      } else if (i % 4 == 1) {
        t = update(store, t, T0.plusSeconds(10 + i), e -> e.assign(A2));
      }
      all.add(t);
    }
    List<TicketScope> scopes =
        List.of(
            new TicketScope.Requester(CustomerId.of("c-1"), Optional.empty()),
            new TicketScope.Requester(
                CustomerId.of("c-1"), Optional.of(OrganisationId.of("org-1"))),
            new TicketScope.Requester(
                CustomerId.of("c-3"), Optional.of(OrganisationId.of("org-2"))),
            new TicketScope.Groups(A1, Set.of()),
            new TicketScope.Groups(A1, Set.of(GroupId.of("g-1"))),
            new TicketScope.Groups(A2, Set.of(GroupId.of("g-1"), GroupId.of("g-2"))));
    for (TicketScope scope : scopes) {
      for (TicketSort sort : TicketSort.values()) {
        List<Ticket> expected =
            all.stream()
                .filter(scope::includes)
                .map(t -> new SearchHit(t, SlaState.NONE))
                .sorted(sort.hits())
                .map(SearchHit::ticket)
                .toList();
        assertTrue(!expected.isEmpty(), scope + " finds something");
        assertEquals(
            expected,
            allPages(store, query().sort(sort).pageSize(2).build(), true, scope).stream()
                .map(SearchHit::ticket)
                .toList(),
            scope + " " + sort + ": every page full, none repeated or skipped");
        assertEquals(
            expected.stream().filter(t -> t.assignee().isEmpty()).toList(),
            allPages(store, query().sort(sort).unassigned().pageSize(3).build(), true, scope)
                .stream()
                .map(SearchHit::ticket)
                .toList(),
            scope + " " + sort + " and a filter");
      }
      assertEquals(
          all.stream()
              .filter(scope::includes)
              .filter(t -> t.subject().endsWith("refund"))
              .map(t -> new SearchHit(t, SlaState.NONE))
              .sorted(TicketSort.UPDATED_NEWEST.hits())
              .map(SearchHit::ticket)
              .toList(),
          allPages(store, query().text("refund").pageSize(1).build(), false, scope).stream()
              .map(SearchHit::ticket)
              .toList(),
          scope + " with words");
    }
  }

  @Test
  void aCursorOfAnotherQueryOrAnAlteredOneIsRefusedNamingTheCursor() {
    Tickets store = tickets();
    for (int i = 0; i < 3; i++) {
      open(store, spec("c-1", "Late train", T0.plusSeconds(i)));
    }
    TicketQuery first = query().text("train").pageSize(1).build();
    String cursor = first.cursorAfter(hits(store, query().text("train").pageSize(1), true).get(0));
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
  void slaFiltersFindBreachedAndDueTicketsAndEachHitCarriesItsState() {
    Tickets store = tickets();
    SlaTimers timers = slaTimers();
    Ticket none = open(store, spec("c-1", "No promise", T0));
    Ticket soon = open(store, spec("c-1", "Due soon", T0));
    Ticket overdue = open(store, spec("c-1", "Overdue", T0));
    Ticket later = open(store, spec("c-1", "Due later", T0));
    Ticket breached = open(store, spec("c-1", "Breached", T0));
    Ticket paused = open(store, spec("c-1", "Paused", T0));
    Ticket met = open(store, spec("c-1", "Met", T0));
    timers.save(
        timers(
            soon,
            1,
            timer(FIRST_REPLY_RULE, TimerState.RUNNING, NOW.plusSeconds(600)),
            timer(RESOLUTION_RULE, TimerState.RUNNING, NOW.plusSeconds(7200))));
    timers.save(
        timers(overdue, 1, timer(FIRST_REPLY_RULE, TimerState.RUNNING, NOW.minusSeconds(300))));
    timers.save(
        timers(later, 1, timer(FIRST_REPLY_RULE, TimerState.RUNNING, NOW.plusSeconds(7200))));
    timers.save(
        timers(
            breached,
            1,
            timer(FIRST_REPLY_RULE, TimerState.BREACHED, NOW.minusSeconds(3600)),
            timer(RESOLUTION_RULE, TimerState.RUNNING, NOW.plusSeconds(3600))));
    timers.save(timers(paused, 1, timer(FIRST_REPLY_RULE, TimerState.PAUSED, NOW.plusSeconds(60))));
    timers.save(timers(met, 1, timer(FIRST_REPLY_RULE, TimerState.MET, NOW.plusSeconds(60))));

    assertEquals(List.of(breached), find(store, query().slaBreached(), true));
    assertEquals(
        List.of(overdue, soon),
        find(store, query().slaDueWithin(Duration.ofMinutes(30)).sort(TicketSort.SLA_DUE), true));
    assertEquals(
        List.of(overdue, soon, breached, later),
        find(store, query().slaDueWithin(Duration.ofHours(2)).sort(TicketSort.SLA_DUE), true));
    assertEquals(
        List.of(breached),
        find(store, query().slaBreached().slaDueWithin(Duration.ofHours(1)), true),
        "due exactly at the end of the window counts");
    assertEquals(
        List.of(), find(store, query().slaBreached().slaDueWithin(Duration.ofMinutes(59)), true));
    assertEquals(
        List.of(
            new SearchHit(overdue, due(NOW.minusSeconds(300), false)),
            new SearchHit(soon, due(NOW.plusSeconds(600), false)),
            new SearchHit(breached, due(NOW.plusSeconds(3600), true)),
            new SearchHit(later, due(NOW.plusSeconds(7200), false)),
            new SearchHit(none, SlaState.NONE),
            new SearchHit(paused, SlaState.NONE),
            new SearchHit(met, SlaState.NONE)),
        hits(store, query().sort(TicketSort.SLA_DUE), true),
        "earliest due first, then those with no running timer by key");
  }

  @Test
  void theNewestTimersDecideTheSlaStateAndAStaleSaveChangesNothing() {
    Tickets store = tickets();
    SlaTimers timers = slaTimers();
    Ticket t = open(store, spec("c-1", "Late train", T0));
    timers.save(timers(t, 2, timer(FIRST_REPLY_RULE, TimerState.BREACHED, NOW.minusSeconds(60))));
    timers.save(timers(t, 1, timer(FIRST_REPLY_RULE, TimerState.RUNNING, NOW.plusSeconds(60))));

    assertEquals(List.of(t), find(store, query().slaBreached(), true));
    assertEquals(List.of(), find(store, query().slaDueWithin(Duration.ofHours(1)), true));

    timers.save(
        timers(
            t,
            3,
            timer(FIRST_REPLY_RULE, TimerState.MET, NOW.minusSeconds(60)),
            timer(RESOLUTION_RULE, TimerState.RUNNING, NOW.plusSeconds(60))));

    assertEquals(List.of(), find(store, query().slaBreached(), true));
    assertEquals(List.of(t), find(store, query().slaDueWithin(Duration.ofMinutes(1)), true));
    assertEquals(List.of(), find(store, query().slaDueWithin(Duration.ofSeconds(59)), true));
  }

  @Test
  void theSlaDueOrderPagesThroughSharedDueInstantsAndTicketsWithoutTimersByKey() {
    Tickets store = tickets();
    SlaTimers timers = slaTimers();
    List<Ticket> opened = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Ticket t = open(store, spec("c-1", "Late train", T0));
      opened.add(t);
      if (i % 3 != 0) {
        Instant due = NOW.plusSeconds(60L * (i % 2));
        timers.save(timers(t, 1, timer(FIRST_REPLY_RULE, TimerState.RUNNING, due)));
      }
    }
    List<Ticket> expected = List.of(2, 4, 1, 5, 0, 3, 6).stream().map(opened::get).toList();

    assertEquals(expected, allPages(store, query().sort(TicketSort.SLA_DUE).pageSize(2), true));
    assertEquals(
        expected.subList(0, 4),
        allPages(
            store,
            query()
                .text("late")
                .slaDueWithin(Duration.ofMinutes(5))
                .sort(TicketSort.SLA_DUE)
                .pageSize(1),
            true));
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
    SlaTimers slaTimers = slaTimers();
    Map<TicketId, Ticket> model = new HashMap<>();
    Map<TicketId, SlaState> slaModel = new HashMap<>();
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
      slaModel.put(t.id(), randomTimers(r, slaTimers, t));
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
      if (r.nextInt(4) == 0) {
        b.slaBreached();
      }
      if (r.nextInt(3) == 0) {
        b.slaDueWithin(Duration.ofSeconds(1 + r.nextInt(300)));
      }
      TicketQuery query = b.build();
      boolean internal = r.nextBoolean();
      List<SearchHit> expected =
          model.values().stream()
              .map(t -> new SearchHit(t, slaModel.get(t.id())))
              .filter(h -> bruteForce(query, internal, h, conversations.get(h.ticket().id())))
              .sorted(query.sort().hits())
              .toList();
      List<SearchHit> pages = allPages(store, query, internal);
      assertEquals(expected, pages, () -> "seed " + seed + ", query " + query);
    }
  }

  /**
   * Random timers for the ticket, stored (sometimes after older ones, sometimes followed by a stale
   * save that must change nothing), and the SLA state they must give it, worked out by hand.
   */
  private static SlaState randomTimers(Random r, SlaTimers store, Ticket t) {
    int kind = r.nextInt(5);
    if (kind == 0) {
      return SlaState.NONE;
    }
    if (r.nextInt(4) == 0) {
      // Older timers, which the newer ones replace.
      store.save(timers(t, 1, timer(FIRST_REPLY_RULE, TimerState.BREACHED, T0)));
    }
    Instant first = T0.plusSeconds(60L * r.nextInt(6));
    Instant resolution = T0.plusSeconds(60L * r.nextInt(6));
    boolean resolutionRuns = r.nextBoolean();
    TimerState state =
        switch (kind) {
          case 1 -> TimerState.RUNNING;
          case 2 -> TimerState.BREACHED;
          case 3 -> TimerState.PAUSED;
          default -> TimerState.MET;
        };
    List<SlaTimer> timers = new ArrayList<>();
    timers.add(timer(FIRST_REPLY_RULE, state, first));
    if (resolutionRuns) {
      timers.add(timer(RESOLUTION_RULE, TimerState.RUNNING, resolution));
    }
    store.save(timers(t, 2, timers.toArray(SlaTimer[]::new)));
    if (r.nextInt(4) == 0) {
      store.save(timers(t, 2, timer(RESOLUTION_RULE, TimerState.BREACHED, T0)));
    }
    Instant due = null;
    if (state == TimerState.RUNNING) {
      due = first;
    }
    if (resolutionRuns && (due == null || resolution.isBefore(due))) {
      due = resolution;
    }
    return new SlaState(Optional.ofNullable(due), state == TimerState.BREACHED);
  }

  /** The query checked field by field against the hit and every word of its conversation. */
  private static boolean bruteForce(
      TicketQuery q, boolean internal, SearchHit hit, List<Message> conversation) {
    Ticket t = hit.ticket();
    Optional<Instant> due = hit.sla().due();
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
        && (q.updatedBefore().isEmpty() || t.updatedAt().compareTo(q.updatedBefore().get()) < 0)
        && (!q.slaBreached() || hit.sla().breached())
        && (q.slaDueWithin().isEmpty()
            || (due.isPresent() && due.get().compareTo(NOW.plus(q.slaDueWithin().get())) <= 0));
  }

  /** Every page of the query, read through cursors, each checked to be at most a page long. */
  private static List<SearchHit> allPages(Tickets store, TicketQuery query, boolean internal) {
    return allPages(store, query, internal, TicketScope.everything());
  }

  private static List<SearchHit> allPages(
      Tickets store, TicketQuery query, boolean internal, TicketScope scope) {
    List<SearchHit> all = new ArrayList<>();
    TicketQuery page = query;
    for (int n = 0; n < 200; n++) {
      List<SearchHit> found =
          store.search(new TicketSearch(page, internal, query.pageSize() + 1, NOW, scope));
      assertTrue(found.size() <= query.pageSize() + 1, "a page longer than asked");
      List<SearchHit> items = found.subList(0, Math.min(found.size(), query.pageSize()));
      all.addAll(items);
      if (found.size() <= query.pageSize()) {
        return all;
      }
      page = query.after(query.cursorAfter(items.get(items.size() - 1)));
    }
    throw new AssertionError("more than 200 pages");
  }

  private static List<Ticket> allPages(Tickets store, TicketQuery.Builder query, boolean internal) {
    return allPages(store, query.build(), internal).stream().map(SearchHit::ticket).toList();
  }

  private static List<Ticket> find(Tickets store, TicketQuery.Builder query, boolean internal) {
    return search(store, query, internal);
  }

  private static List<Ticket> search(Tickets store, TicketQuery.Builder query, boolean internal) {
    return hits(store, query, internal).stream().map(SearchHit::ticket).toList();
  }

  private static List<SearchHit> hits(Tickets store, TicketQuery.Builder query, boolean internal) {
    TicketQuery q = query.build();
    return store.search(new TicketSearch(q, internal, q.pageSize(), NOW));
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

    Spec organisation(String organisation) {
      request.requester(
          new Customer(
              CustomerId.of(customer),
              "Customer " + customer,
              EmailAddress.of(customer + "@example.com"),
              Optional.of(OrganisationId.of(organisation))));
      return this;
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

  private static SlaTimer timer(TargetRule rule, TimerState state, Instant due) {
    Instant start = due.minus(rule.goal());
    return new SlaTimer(
        rule,
        1,
        start,
        Duration.ZERO,
        state == TimerState.PAUSED ? Optional.of(start) : Optional.empty(),
        state,
        due,
        start.plus(rule.goal().dividedBy(2)),
        state == TimerState.BREACHED,
        state == TimerState.MET ? Optional.of(start) : Optional.empty());
  }

  private static TicketTimers timers(Ticket t, long version, SlaTimer... timers) {
    Map<SlaTarget, SlaTimer> byTarget = new EnumMap<>(SlaTarget.class);
    for (SlaTimer timer : timers) {
      byTarget.put(timer.target(), timer);
    }
    return new TicketTimers(t.id(), version, Optional.of("contract"), byTarget);
  }

  private static SlaState due(Instant at, boolean breached) {
    return new SlaState(Optional.of(at), breached);
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
