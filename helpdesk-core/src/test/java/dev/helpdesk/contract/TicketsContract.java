package dev.helpdesk.contract;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.store.ChangesSince;
import dev.helpdesk.store.RecordedChange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Tickets} adapter must do: atomic, optimistically locked saves, of one change or
 * of several tickets' changes together ({@link Tickets#saveAll}, all or nothing), that write a
 * change's notifications into the store's {@link Outbox} and keep both ends of its links, and the
 * queue listings the desk reads.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement the two factory
 * methods:
 *
 * <pre>{@code
 * class JpaTicketsTest extends TicketsContract {
 *   private final JpaStore store = JpaStore.freshH2(); // an empty database for each test
 *
 *   protected Tickets tickets() { return store.tickets(); }
 *
 *   protected Outbox outbox() { return store.outbox(); }
 * }
 * }</pre>
 *
 * <p>Before each test the suite calls {@link #tickets()} and then {@link #outbox()} once each.
 * JUnit makes a new instance of the test class for each test, so instance fields are a convenient
 * place to create the fresh store. Timestamps in this suite are whole seconds.
 */
public abstract class TicketsContract {

  /**
   * A ticket store holding no tickets, fresh for the current test, that writes the notifications of
   * each saved change into the outbox returned by {@link #outbox()}.
   */
  protected abstract Tickets tickets();

  /**
   * The outbox that the store returned by {@link #tickets()} writes into; empty when the test
   * starts.
   */
  protected abstract Outbox outbox();

  private static final StatusTransitions RULES = StatusTransitions.defaults();
  private static final AgentId A1 = AgentId.of("a-1");
  private static final AgentId A2 = AgentId.of("a-2");
  private static final Actor AGENT = Actor.agent(A1);

  private Tickets store;
  private Outbox box;
  private long nextKey = 1000;

  @BeforeEach
  void createStore() {
    store = tickets();
    box = outbox();
  }

  @Test
  void createdTicketCanBeReadByIdAndByKeyWithItsConversationAndHistory() {
    TicketChange creation = opening(TicketId.random(), nextKey(), "c-1", Priority.HIGH, T0).done();

    store.save(creation);

    Ticket created = creation.after();
    assertEquals(Optional.of(created), store.byId(created.id()));
    assertEquals(Optional.of(created), store.byKey(created.key()));
    assertEquals(creation.messages(), store.conversation(created.id()));
    assertEquals(creation.events(), store.history(created.id()));
  }

  @Test
  void theRequestersOrganisationIsKeptWithTheTicketAndItsHistory() {
    NewTicket request =
        NewTicket.builder()
            .requester(customer("c-1").withOrganisation(Optional.of(OrganisationId.of("org-acme"))))
            .subject("Seats for the team")
            .build();
    TicketChange creation =
        TicketEdit.open(
                TicketId.random(),
                nextKey(),
                request,
                Optional.empty(),
                Actor.customer("c-1"),
                T0,
                RULES)
            .done();

    store.save(creation);

    Ticket created = creation.after();
    assertEquals(Optional.of(OrganisationId.of("org-acme")), created.requester().organisation());
    assertEquals(Optional.of(created), store.byId(created.id()));
    assertEquals(creation.events(), store.history(created.id()));
    Ticket later = update(created, T0.plusSeconds(60), e -> e.assign(A1));
    assertEquals(
        Optional.of(OrganisationId.of("org-acme")),
        store.byId(later.id()).orElseThrow().requester().organisation(),
        "kept by every change");
  }

  @Test
  void savedChangeReplacesTheStoredTicket() {
    Ticket v1 = open("c-1", T0);

    Ticket v2 = update(v1, T0.plusSeconds(60), e -> e.assign(A1).changePriority(Priority.URGENT));

    assertEquals(2, v2.version());
    assertEquals(Optional.of(v2), store.byId(v1.id()));
    assertEquals(Optional.of(v2), store.byKey(v1.key()));
  }

  @Test
  void changeBasedOnStaleVersionIsRefusedAndNothingOfItIsStored() {
    Ticket v1 = open("c-1", T0);
    Notification winnerNote = notificationAbout(v1);
    Notification staleNote = notificationAbout(v1);
    TicketChange winner =
        edit(v1, T0.plusSeconds(60))
            .assign(A1)
            .addMessage(agentReply("We are on it", T0.plusSeconds(60)))
            .notify(winnerNote)
            .done();
    TicketChange stale =
        edit(v1, T0.plusSeconds(90))
            .assign(A2)
            .changePriority(Priority.URGENT)
            .addMessage(agentReply("Me too", T0.plusSeconds(90)))
            .notify(staleNote)
            .done();
    store.save(winner);
    List<Message> conversation = store.conversation(v1.id());
    List<TicketEvent> history = store.history(v1.id());
    long undelivered = box.undelivered();

    assertThrows(ConcurrentUpdateException.class, () -> store.save(stale));

    assertEquals(Optional.of(winner.after()), store.byId(v1.id()));
    assertEquals(Optional.of(winner.after()), store.byKey(v1.key()));
    assertEquals(conversation, store.conversation(v1.id()));
    assertEquals(history, store.history(v1.id()));
    assertEquals(Optional.empty(), box.byId(staleNote.id()));
    assertTrue(box.byId(winnerNote.id()).isPresent());
    assertEquals(undelivered, box.undelivered());
    assertEquals(List.of(winner.after()), store.byAssignee(A1, 10));
    assertEquals(List.of(), store.byAssignee(A2, 10));
  }

  @Test
  void changeOfATicketThatWasNeverStoredIsRefused() {
    TicketChange neverSaved =
        opening(TicketId.random(), nextKey(), "c-1", Priority.NORMAL, T0).done();
    Notification note = notificationAbout(neverSaved.after());
    TicketChange update = edit(neverSaved.after(), T0).assign(A1).notify(note).done();

    assertThrows(ConcurrentUpdateException.class, () -> store.save(update));

    assertEquals(Optional.empty(), store.byId(neverSaved.after().id()));
    assertEquals(Optional.empty(), store.byKey(neverSaved.after().key()));
    assertEquals(List.of(), store.history(neverSaved.after().id()));
    assertEquals(Optional.empty(), box.byId(note.id()));
  }

  @Test
  void creatingATicketWhoseIdExistsIsRefusedAndNothingOfItIsStored() {
    TicketId id = TicketId.random();
    TicketChange first = opening(id, nextKey(), "c-1", Priority.NORMAL, T0).done();
    store.save(first);
    TicketKey otherKey = nextKey();
    TicketChange again = opening(id, otherKey, "c-2", Priority.HIGH, T0.plusSeconds(5)).done();
    Notification note = notificationAbout(again.after());
    TicketChange againWithNote =
        new TicketChange(
            again.before(), again.after(), again.messages(), again.events(), List.of(note));

    assertThrows(ConcurrentUpdateException.class, () -> store.save(againWithNote));

    assertEquals(Optional.of(first.after()), store.byId(id));
    assertEquals(Optional.empty(), store.byKey(otherKey));
    assertEquals(first.messages(), store.conversation(id));
    assertEquals(first.events(), store.history(id));
    assertEquals(List.of(), store.byRequester(CustomerId.of("c-2"), 10));
    assertEquals(Optional.empty(), box.byId(note.id()));
    assertEquals(0, box.undelivered());
  }

  @Test
  void creatingATicketWhoseKeyExistsIsRefusedAndNothingOfItIsStored() {
    TicketKey key = nextKey();
    TicketChange first = opening(TicketId.random(), key, "c-1", Priority.NORMAL, T0).done();
    store.save(first);
    TicketId otherId = TicketId.random();
    TicketChange again = opening(otherId, key, "c-2", Priority.HIGH, T0.plusSeconds(5)).done();

    assertThrows(ConcurrentUpdateException.class, () -> store.save(again));

    assertEquals(Optional.of(first.after()), store.byKey(key));
    assertEquals(Optional.empty(), store.byId(otherId));
    assertEquals(List.of(), store.conversation(otherId));
    assertEquals(List.of(), store.history(otherId));
    assertEquals(List.of(), store.byRequester(CustomerId.of("c-2"), 10));
    assertEquals(List.of(first.after()), store.unassigned(10));
  }

  @Test
  void saveAllStoresEveryChangeOfTheBatchWithItsNotifications() {
    Ticket existing = open("c-1", T0);
    List<TicketChange> batch = new ArrayList<>();
    List<Notification> notes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TicketChange opening =
          opening(TicketId.random(), nextKey(), "c-2", Priority.NORMAL, T0.plusSeconds(i)).done();
      Notification note = notificationAbout(opening.after());
      notes.add(note);
      batch.add(withNotification(opening, note));
    }
    batch.add(
        edit(existing, T0.plusSeconds(60))
            .assign(A1)
            .addMessage(agentReply("On it", T0.plusSeconds(60)))
            .done());

    store.saveAll(batch);

    for (TicketChange change : batch) {
      assertEquals(Optional.of(change.after()), store.byId(idOf(change)));
      assertEquals(Optional.of(change.after()), store.byKey(change.after().key()));
    }
    assertEquals(3, store.byRequester(CustomerId.of("c-2"), 10).size());
    assertEquals(List.of(batch.get(3).after()), store.byAssignee(A1, 10));
    assertEquals(2, store.conversation(existing.id()).size());
    for (Notification note : notes) {
      assertTrue(box.byId(note.id()).isPresent());
    }
  }

  @Test
  void saveAllWithOneStaleChangeStoresNothingOfAnyChange() {
    Ticket existing = open("c-1", T0);
    TicketChange winner = edit(existing, T0.plusSeconds(30)).assign(A2).done();
    TicketChange stale = edit(existing, T0.plusSeconds(60)).assign(A1).done();
    store.save(winner);
    TicketChange opening = opening(TicketId.random(), nextKey(), "c-2", Priority.HIGH, T0).done();
    Notification note = notificationAbout(opening.after());
    long undelivered = box.undelivered();

    assertThrows(
        ConcurrentUpdateException.class,
        () -> store.saveAll(List.of(withNotification(opening, note), stale)));

    assertEquals(Optional.empty(), store.byId(idOf(opening)));
    assertEquals(Optional.empty(), store.byKey(opening.after().key()));
    assertEquals(List.of(), store.byRequester(CustomerId.of("c-2"), 10));
    assertEquals(List.of(), store.history(idOf(opening)));
    assertEquals(List.of(), store.conversation(idOf(opening)));
    assertEquals(List.of(), store.unassigned(10));
    assertEquals(Optional.empty(), box.byId(note.id()));
    assertEquals(undelivered, box.undelivered());
    assertEquals(Optional.of(winner.after()), store.byId(existing.id()));
    assertEquals(List.of(winner.after()), store.byAssignee(A2, 10));
    assertEquals(List.of(), store.byAssignee(A1, 10));
  }

  @Test
  void saveAllUndoesEarlierUpdatesOfTheBatchWhenALaterChangeIsRefused() {
    Ticket first = open("c-1", T0);
    Ticket second = open("c-1", T0.plusSeconds(1));
    List<TicketEvent> history = store.history(first.id());
    TicketChange assignFirst =
        edit(first, T0.plusSeconds(60))
            .assign(A1)
            .addMessage(agentReply("Looking", T0.plusSeconds(60)))
            .done();
    TicketKey taken = first.key();
    TicketChange clash =
        opening(TicketId.random(), taken, "c-3", Priority.LOW, T0.plusSeconds(70)).done();

    assertThrows(ConcurrentUpdateException.class, () -> store.saveAll(List.of(assignFirst, clash)));

    assertEquals(Optional.of(first), store.byId(first.id()));
    assertEquals(history, store.history(first.id()));
    assertEquals(1, store.conversation(first.id()).size());
    assertEquals(List.of(), store.byAssignee(A1, 10));
    assertEquals(List.of(first, second), store.unassigned(10));
    assertEquals(List.of(), store.byRequester(CustomerId.of("c-3"), 10));
  }

  @Test
  void saveAllRefusesTwoCreationsWithOneKey() {
    TicketKey key = nextKey();
    TicketChange a = opening(TicketId.random(), key, "c-1", Priority.NORMAL, T0).done();
    TicketChange b = opening(TicketId.random(), key, "c-2", Priority.NORMAL, T0).done();

    assertThrows(ConcurrentUpdateException.class, () -> store.saveAll(List.of(a, b)));

    assertEquals(Optional.empty(), store.byKey(key));
    assertEquals(Optional.empty(), store.byId(idOf(a)));
  }

  @Test
  void saveAllRefusesAnEmptyBatchAndATicketNamedTwiceNamingTheField() {
    Ticket existing = open("c-1", T0);
    TicketChange one = edit(existing, T0.plusSeconds(1)).assign(A1).done();
    TicketChange two = edit(existing, T0.plusSeconds(2)).assign(A2).done();

    ValidationException empty =
        assertThrows(ValidationException.class, () -> store.saveAll(List.of()));
    ValidationException twice =
        assertThrows(ValidationException.class, () -> store.saveAll(List.of(one, two)));

    assertEquals("changes", empty.field());
    assertEquals("changes", twice.field());
    assertEquals(Optional.of(existing), store.byId(existing.id()));
  }

  @Test
  void conversationAndHistoryAppendInOrderAndAreKeptPerTicket() {
    TicketChange openA = opening(TicketId.random(), nextKey(), "c-1", Priority.NORMAL, T0).done();
    TicketChange openB = opening(TicketId.random(), nextKey(), "c-2", Priority.NORMAL, T0).done();
    store.save(openA);
    store.save(openB);
    TicketChange a2 =
        apply(openA.after(), T0.plusSeconds(10), e -> e.addMessage(agentReply("A one", T0)));
    TicketChange b2 =
        apply(openB.after(), T0.plusSeconds(20), e -> e.addMessage(agentReply("B one", T0)));
    TicketChange a3 =
        apply(
            a2.after(),
            T0.plusSeconds(30),
            e ->
                e.assign(A1)
                    .addMessage(agentReply("A two", T0.plusSeconds(30)))
                    .addMessage(internalNote("A note", T0.plusSeconds(30))));
    TicketChange b3 =
        apply(
            b2.after(),
            T0.plusSeconds(40),
            e -> e.changePriority(Priority.LOW).addMessage(agentReply("B two", T0)));

    assertEquals(concat(TicketChange::messages, openA, a2, a3), store.conversation(idOf(openA)));
    assertEquals(concat(TicketChange::messages, openB, b2, b3), store.conversation(idOf(openB)));
    assertEquals(concat(TicketChange::events, openA, a2, a3), store.history(idOf(openA)));
    assertEquals(concat(TicketChange::events, openB, b2, b3), store.history(idOf(openB)));
  }

  @Test
  void changesReturnWhatEachVersionAfterTheGivenOneAddedWithTheTicketAsStored() {
    TicketChange open = opening(TicketId.random(), nextKey(), "c-1", Priority.NORMAL, T0).done();
    store.save(open);
    TicketChange v2 =
        apply(open.after(), T0.plusSeconds(10), e -> e.addMessage(agentReply("one", T0)));
    TicketChange v3 =
        apply(
            v2.after(),
            T0.plusSeconds(20),
            e ->
                e.assign(A1)
                    .addMessage(withFiles(agentReply("two", T0.plusSeconds(20)), "a.pdf", "b.png"))
                    .addMessage(internalNote("note", T0.plusSeconds(20)))
                    .addMessage(withFiles(agentReply("three", T0.plusSeconds(20)), "c.txt")));
    TicketId id = idOf(open);

    ChangesSince all = store.changes(id, 0).orElseThrow();
    ChangesSince later = store.changes(id, 1).orElseThrow();
    ChangesSince none = store.changes(id, 3).orElseThrow();

    assertEquals(v3.after(), all.ticket());
    assertEquals(
        List.of(
            new RecordedChange(1, open.messages(), open.events()),
            new RecordedChange(2, v2.messages(), v2.events()),
            new RecordedChange(3, v3.messages(), v3.events())),
        all.changes());
    assertEquals(
        List.of(
            new RecordedChange(2, v2.messages(), v2.events()),
            new RecordedChange(3, v3.messages(), v3.events())),
        later.changes());
    assertEquals(List.of(), none.changes());
    assertEquals(v3.after(), none.ticket());
  }

  @Test
  void changesOfAnUnknownTicketAreEmptyAndARefusedChangeLeavesNoTrace() {
    assertEquals(Optional.empty(), store.changes(TicketId.random(), 0));
    Ticket v1 = open("c-1", T0);
    TicketChange winner = apply(v1, T0.plusSeconds(60), e -> e.assign(A1));
    TicketChange stale =
        edit(v1, T0.plusSeconds(90)).addMessage(agentReply("lost", T0.plusSeconds(90))).done();
    assertThrows(ConcurrentUpdateException.class, () -> store.save(stale));

    ChangesSince read = store.changes(v1.id(), 1).orElseThrow();
    assertEquals(List.of(new RecordedChange(2, List.of(), winner.events())), read.changes());
    assertEquals(winner.after(), read.ticket());
  }

  @Test
  void byRequesterListsTheCustomersTicketsNewestFirstUpToTheLimit() {
    Ticket first = open("c-1", T0);
    Ticket second = open("c-1", T0.plus(Duration.ofHours(1)));
    Ticket someoneElses = open("c-2", T0.plus(Duration.ofMinutes(30)));
    Ticket third = open("c-1", T0.plus(Duration.ofHours(2)));
    // A later change must neither move nor duplicate the ticket in the listing.
    first = update(first, T0.plus(Duration.ofHours(3)), e -> e.assign(A1));

    assertEquals(List.of(third, second, first), store.byRequester(CustomerId.of("c-1"), 10));
    assertEquals(List.of(third, second), store.byRequester(CustomerId.of("c-1"), 2));
    assertEquals(List.of(someoneElses), store.byRequester(CustomerId.of("c-2"), 10));
  }

  @Test
  void byAssigneeListsUnsolvedTicketsMostUrgentFirstThenOldest() {
    Instant assignedAt = T0.plus(Duration.ofHours(5));
    Ticket normal = update(open("c-1", Priority.NORMAL, T0), assignedAt, e -> e.assign(A1));
    Ticket newerHigh = update(open("c-2", Priority.HIGH, at(2)), assignedAt, e -> e.assign(A1));
    Ticket olderHigh = update(open("c-3", Priority.HIGH, at(1)), assignedAt, e -> e.assign(A1));
    Ticket urgent = update(open("c-4", Priority.URGENT, at(3)), assignedAt, e -> e.assign(A1));
    Ticket low = update(open("c-5", Priority.LOW, T0), assignedAt, e -> e.assign(A1));
    Ticket pending =
        update(
            open("c-6", Priority.NORMAL, T0.plusSeconds(600)),
            assignedAt,
            e -> e.assign(A1).changeStatus(Status.PENDING));
    Ticket onHold =
        update(
            open("c-7", Priority.NORMAL, T0.plusSeconds(1200)),
            assignedAt,
            e -> e.assign(A1).changeStatus(Status.ON_HOLD));
    // With a table that does not open assigned tickets, an assigned ticket can still be NEW.
    StatusTransitions noAutoOpen =
        StatusTransitions.builder().allow(Status.NEW, Status.PENDING, Status.SOLVED).build();
    TicketChange assignNew =
        TicketEdit.of(
                open("c-8", Priority.NORMAL, T0.plusSeconds(1800)), AGENT, assignedAt, noAutoOpen)
            .assign(A1)
            .done();
    store.save(assignNew);
    Ticket stillNew = assignNew.after();
    update(
        open("c-9", Priority.URGENT, T0),
        assignedAt,
        e -> e.assign(A1).changeStatus(Status.SOLVED));
    Ticket closed =
        update(
            open("c-10", Priority.URGENT, T0),
            assignedAt,
            e -> e.assign(A1).changeStatus(Status.SOLVED));
    update(closed, assignedAt.plusSeconds(60), e -> e.changeStatus(Status.CLOSED));
    Ticket someoneElses = update(open("c-11", Priority.URGENT, T0), assignedAt, e -> e.assign(A2));

    assertEquals(Status.NEW, stillNew.status());
    assertEquals(
        List.of(urgent, olderHigh, newerHigh, normal, pending, onHold, stillNew, low),
        store.byAssignee(A1, 20));
    assertEquals(List.of(urgent, olderHigh, newerHigh), store.byAssignee(A1, 3));
    assertEquals(List.of(someoneElses), store.byAssignee(A2, 20));
  }

  @Test
  void ticketLeavesTheOldAgentsListWhenReassignedOrSolvedAndReturnsWhenReopened() {
    Ticket first = update(open("c-1", T0), at(1), e -> e.assign(A1));
    Ticket second = update(open("c-2", T0.plusSeconds(1)), at(1), e -> e.assign(A1));

    first = update(first, at(2), e -> e.assign(A2));
    assertEquals(List.of(second), store.byAssignee(A1, 10));
    assertEquals(List.of(first), store.byAssignee(A2, 10));

    second = update(second, at(3), e -> e.changeStatus(Status.SOLVED));
    assertEquals(List.of(), store.byAssignee(A1, 10));

    first = update(first, at(4), e -> e.changePriority(Priority.HIGH));
    assertEquals(List.of(first), store.byAssignee(A2, 10));

    second = update(second, at(5), e -> e.changeStatus(Status.OPEN));
    assertEquals(List.of(second), store.byAssignee(A1, 10));

    first = update(first, at(6), TicketEdit::unassign);
    assertEquals(List.of(), store.byAssignee(A2, 10));
    assertEquals(List.of(first), store.unassigned(10));
  }

  @Test
  void addedTagsAndATicketSolvedByItsCustomerWithoutAnAgentAreStored() {
    Ticket v1 = open("c-1", T0);
    Ticket tagged = update(v1, at(1), e -> e.addTags(Set.of("refund", "vip")));
    assertEquals(Set.of("refund", "vip"), tagged.tags());
    assertEquals(Optional.of(tagged), store.byId(v1.id()));

    TicketChange accepted =
        TicketEdit.of(tagged, Actor.customer("c-1"), at(2), RULES)
            .answerAccepted(
                new SuggestedAnswer(ArticleId.of("kb-1"), "Seat missing", "Reserve again."))
            .done();
    store.save(accepted);
    Ticket solved = accepted.after();
    assertEquals(Status.SOLVED, solved.status());
    assertEquals(Optional.empty(), solved.assignee());
    assertEquals(Optional.of(solved), store.byId(v1.id()));
    assertEquals(List.of(solved), store.solvedBefore(at(2), 10));
    assertEquals(List.of(), store.unassigned(10), "a solved ticket waits for nobody");
  }

  @Test
  void unassignedListsUnsolvedTicketsNobodyHasMostUrgentFirstThenOldest() {
    Ticket low = open("c-1", Priority.LOW, T0);
    Ticket urgent = open("c-2", Priority.URGENT, at(2));
    Ticket newerNormal = open("c-3", Priority.NORMAL, at(1));
    Ticket olderNormal = open("c-4", Priority.NORMAL, T0.plusSeconds(1800));
    update(open("c-5", Priority.URGENT, T0), at(1), e -> e.assign(A1));
    // Waiting on the customer, but still nobody's.
    low = update(low, at(3), e -> e.changeStatus(Status.PENDING));

    assertEquals(List.of(urgent, olderNormal, newerNormal, low), store.unassigned(10));
    assertEquals(List.of(urgent, olderNormal), store.unassigned(2));

    Ticket taken = update(urgent, at(4), e -> e.assign(A1));
    assertEquals(List.of(olderNormal, newerNormal, low), store.unassigned(10));

    Ticket released = update(taken, at(5), TicketEdit::unassign);
    assertEquals(List.of(released, olderNormal, newerNormal, low), store.unassigned(10));
  }

  @Test
  void solvedBeforeListsSolvedTicketsUpToTheCutoffInclusiveEarliestSolvedFirst() {
    Ticket solvedAt1 = solve(open("c-1", T0), at(1));
    Ticket solvedAt3 = solve(open("c-2", T0), at(3));
    Ticket solvedAt2 = solve(open("c-3", T0), at(2));
    Ticket unsolved = update(open("c-4", T0), at(1), e -> e.assign(A1));
    update(solve(open("c-5", T0), T0.plusSeconds(600)), at(1), e -> e.changeStatus(Status.CLOSED));
    update(solve(open("c-6", T0), T0.plusSeconds(900)), at(1), e -> e.changeStatus(Status.OPEN));
    // Changing an unsolved ticket while others are solved must leave the solved ones listed.
    update(unsolved, at(4), e -> e.changePriority(Priority.HIGH));

    assertEquals(List.of(solvedAt1, solvedAt2), store.solvedBefore(at(2), 10));
    assertEquals(List.of(solvedAt1, solvedAt2, solvedAt3), store.solvedBefore(at(3), 10));
    assertEquals(List.of(solvedAt1, solvedAt2), store.solvedBefore(at(5), 2));
    assertEquals(List.of(), store.solvedBefore(at(1).minusSeconds(1), 10));
  }

  @Test
  void notificationsOfASavedChangeAppearInTheOutbox() {
    Ticket ticket = open("c-1", T0);
    Notification reply = notificationAbout(ticket);
    Notification assigned = notificationAbout(ticket);

    update(
        ticket,
        at(1),
        e -> e.assign(A1).addMessage(agentReply("Done", at(1))).notify(reply).notify(assigned));

    for (Notification n : List.of(reply, assigned)) {
      OutboxEntry entry = box.byId(n.id()).orElseThrow();
      assertEquals(n, entry.notification());
      assertEquals(OutboxEntry.State.PENDING, entry.state());
      assertEquals(0, entry.attempts());
    }
    assertEquals(2, box.undelivered());
    List<OutboxEntry> claimed = box.claim(at(2), 10, Duration.ofMinutes(1), "test");
    assertEquals(
        Set.of(reply.id(), assigned.id()),
        claimed.stream().map(c -> c.notification().id()).collect(Collectors.toSet()));
  }

  @Test
  void unknownIdsGiveEmptyResults() {
    open("c-1", T0);
    update(open("c-2", T0), at(1), e -> e.assign(A1).changeStatus(Status.SOLVED));
    TicketId unknown = TicketId.random();

    assertEquals(Optional.empty(), store.byId(unknown));
    assertEquals(Optional.empty(), store.byKey(TicketKey.of("HD", 999_999)));
    assertEquals(List.of(), store.conversation(unknown));
    assertEquals(List.of(), store.history(unknown));
    assertEquals(List.of(), store.byRequester(CustomerId.of("nobody"), 10));
    assertEquals(List.of(), store.byAssignee(AgentId.of("nobody"), 10));
  }

  @Test
  void emptyStoreListsNothing() {
    assertEquals(List.of(), store.unassigned(10));
    assertEquals(List.of(), store.solvedBefore(T0.plus(Duration.ofDays(3650)), 10));
    assertEquals(List.of(), store.byAssignee(A1, 10));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentChangesFromTheSameVersionLetExactlyOneWin() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 10; round++) {
        raceOnce(pool, threads, round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void raceOnce(ExecutorService pool, int threads, int round) throws Exception {
    TicketChange creation =
        opening(TicketId.random(), nextKey(), "c-" + round, Priority.NORMAL, T0).done();
    store.save(creation);
    Ticket v1 = creation.after();
    List<TicketChange> changes = new ArrayList<>();
    List<Notification> notes = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      AgentId agent = racer(round, i);
      Notification note = notificationAbout(v1);
      notes.add(note);
      changes.add(
          TicketEdit.of(v1, Actor.agent(agent), at(1), RULES)
              .assign(agent)
              .addMessage(agentReply("Answer " + i, at(1)))
              .notify(note)
              .done());
    }
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> saved = new ArrayList<>();
    for (TicketChange change : changes) {
      saved.add(
          pool.submit(
              () -> {
                ready.countDown();
                go.await();
                try {
                  store.save(change);
                  return true;
                } catch (ConcurrentUpdateException e) {
                  return false;
                }
              }));
    }
    assertTrue(ready.await(10, TimeUnit.SECONDS), "racers did not start");
    go.countDown();
    List<Integer> winners = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      if (saved.get(i).get(20, TimeUnit.SECONDS)) {
        winners.add(i);
      }
    }

    assertEquals(1, winners.size(), "saves that succeeded: " + winners);
    int w = winners.get(0);
    TicketChange winner = changes.get(w);
    assertEquals(Optional.of(winner.after()), store.byId(v1.id()));
    assertEquals(concat(TicketChange::messages, creation, winner), store.conversation(v1.id()));
    assertEquals(concat(TicketChange::events, creation, winner), store.history(v1.id()));
    for (int i = 0; i < threads; i++) {
      assertEquals(i == w, box.byId(notes.get(i).id()).isPresent(), "notification of racer " + i);
      assertEquals(
          i == w ? List.of(winner.after()) : List.of(), store.byAssignee(racer(round, i), 10));
    }
  }

  // ------------------------------------------------------------------ several tickets at once

  @Test
  void aBatchWithOneStaleChangeKeepsNoneOfItsLinks() {
    Ticket a = open("c-1", T0);
    Ticket b = open("c-1", T0.plusSeconds(1));
    Ticket bNewer = update(b, at(1), e -> e.changePriority(Priority.URGENT));
    Notification aNote = notificationAbout(a);
    TicketChange fresh =
        edit(a, at(2))
            .assign(A1)
            .addMessage(agentReply("On it", at(2)))
            .linked(TicketLink.outgoing(LinkKind.RELATED, b))
            .notify(aNote)
            .done();
    TicketChange creation =
        opening(TicketId.random(), nextKey(), "c-1", Priority.LOW, at(2)).done();
    TicketChange stale = edit(b, at(2)).changePriority(Priority.LOW).done();
    List<TicketEvent> aHistory = store.history(a.id());
    List<Message> aConversation = store.conversation(a.id());
    long undelivered = box.undelivered();

    assertThrows(
        ConcurrentUpdateException.class, () -> store.saveAll(List.of(fresh, creation, stale)));

    assertEquals(Optional.of(a), store.byId(a.id()));
    assertEquals(Optional.of(bNewer), store.byId(b.id()));
    assertEquals(Optional.empty(), store.byId(creation.after().id()));
    assertEquals(Optional.empty(), store.byKey(creation.after().key()));
    assertEquals(aHistory, store.history(a.id()));
    assertEquals(aConversation, store.conversation(a.id()));
    assertEquals(List.of(), store.history(creation.after().id()));
    assertEquals(undelivered, box.undelivered());
    assertTrue(box.byId(aNote.id()).isEmpty());
    assertEquals(List.of(), store.links(a.id()));
    assertEquals(List.of(), store.links(b.id()));
    assertEquals(List.of(), store.byAssignee(A1, 10));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentSaveAllsOfTheSameTicketsLetExactlyOneWinWhole() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 8; round++) {
        Ticket a = open("c-" + round, T0);
        Ticket b = open("c-" + round, T0.plusSeconds(1));
        List<List<TicketChange>> batches = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          AgentId agent = racer(round, i);
          TicketChange ca = TicketEdit.of(a, Actor.agent(agent), at(1), RULES).assign(agent).done();
          TicketChange cb = TicketEdit.of(b, Actor.agent(agent), at(1), RULES).assign(agent).done();
          // Half the racers list the tickets the other way round: whatever the order, and whatever
          // the database does about the lock cycle that may make, one batch wins whole.
          batches.add(i % 2 == 0 ? List.of(ca, cb) : List.of(cb, ca));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> saved = new ArrayList<>();
        for (List<TicketChange> batch : batches) {
          saved.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      store.saveAll(batch);
                      return true;
                    } catch (ConcurrentUpdateException e) {
                      return false;
                    }
                  }));
        }
        go.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          if (saved.get(i).get(30, TimeUnit.SECONDS)) {
            winners.add(i);
          }
        }
        assertEquals(1, winners.size(), "batches that were stored: " + winners);
        AgentId winner = racer(round, winners.get(0));
        assertEquals(Optional.of(winner), store.byId(a.id()).orElseThrow().assignee());
        assertEquals(Optional.of(winner), store.byId(b.id()).orElseThrow().assignee());
        assertEquals(2, store.byAssignee(winner, 10).size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ links

  @Test
  void aLinkRecordedByOneEndIsKeptAtBothEnds() {
    Ticket a = open("c-1", T0);
    Ticket b = update(solve(open("c-2", T0), at(1)), at(1), e -> e.changeStatus(Status.CLOSED));
    TicketLink link = TicketLink.outgoing(LinkKind.FOLLOW_UP, b);

    Ticket a2 = update(a, at(2), e -> e.linked(link));

    assertEquals(List.of(link), store.links(a.id()));
    assertEquals(List.of(TicketLink.incoming(LinkKind.FOLLOW_UP, a2)), store.links(b.id()));
    assertEquals(link.reversed(a2), store.links(b.id()).get(0));
  }

  @Test
  void aLinkRecordedByBothEndsInOneSaveIsKeptOnceAtEach() {
    Ticket a = open("c-1", T0);
    Ticket b = open("c-1", T0.plusSeconds(1));
    Ticket c = open("c-1", T0.plusSeconds(2));
    update(a, at(1), e -> e.linked(TicketLink.outgoing(LinkKind.RELATED, c)));

    store.saveAll(
        List.of(
            edit(store.byId(a.id()).orElseThrow(), at(2))
                .linked(TicketLink.outgoing(LinkKind.RELATED, b))
                .done(),
            edit(b, at(2)).linked(TicketLink.incoming(LinkKind.RELATED, a)).done()));

    assertEquals(
        List.of(TicketLink.outgoing(LinkKind.RELATED, c), TicketLink.outgoing(LinkKind.RELATED, b)),
        store.links(a.id()),
        "in the order they were made");
    assertEquals(List.of(TicketLink.incoming(LinkKind.RELATED, a)), store.links(b.id()));
    assertEquals(List.of(TicketLink.incoming(LinkKind.RELATED, a)), store.links(c.id()));
  }

  @Test
  void anUnlinkRemovesBothEndsAndLeavesOtherLinks() {
    Ticket a = open("c-1", T0);
    Ticket b = open("c-1", T0.plusSeconds(1));
    Ticket c = open("c-1", T0.plusSeconds(2));
    TicketLink ab = TicketLink.outgoing(LinkKind.RELATED, b);
    TicketLink ac = TicketLink.outgoing(LinkKind.FOLLOW_UP, c);
    Ticket a2 = update(a, at(1), e -> e.linked(ab).linked(ac));

    update(a2, at(2), e -> e.unlinked(ab));

    assertEquals(List.of(ac), store.links(a.id()));
    assertEquals(List.of(), store.links(b.id()));
    assertEquals(List.of(TicketLink.incoming(LinkKind.FOLLOW_UP, a)), store.links(c.id()));
  }

  // ---------------------------------------------------------------------------------------------

  private static AgentId racer(int round, int racer) {
    return AgentId.of("racer-" + round + "-" + racer);
  }

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private TicketKey nextKey() {
    return TicketKey.of("HD", nextKey++);
  }

  private static Customer customer(String id) {
    return new Customer(CustomerId.of(id), "Customer " + id, EmailAddress.of(id + "@example.com"));
  }

  /** An edit that opens a ticket with the customer's first message. */
  private static TicketEdit opening(
      TicketId id, TicketKey key, String requester, Priority priority, Instant at) {
    NewTicket request =
        NewTicket.builder()
            .requester(customer(requester))
            .subject("Question about booking " + key)
            .description("My train was cancelled.")
            .priority(priority)
            .build();
    Message first =
        new Message(
            MessageId.random(),
            Actor.customer(requester),
            Visibility.PUBLIC,
            "My train was cancelled.",
            List.of(),
            at);
    return TicketEdit.open(id, key, request, Optional.empty(), Actor.customer(requester), at, RULES)
        .addMessage(first);
  }

  private Ticket open(String requester, Instant at) {
    return open(requester, Priority.NORMAL, at);
  }

  private Ticket open(String requester, Priority priority, Instant at) {
    TicketChange creation = opening(TicketId.random(), nextKey(), requester, priority, at).done();
    store.save(creation);
    return creation.after();
  }

  private static TicketEdit edit(Ticket ticket, Instant at) {
    return TicketEdit.of(ticket, AGENT, at, RULES);
  }

  private TicketChange apply(Ticket ticket, Instant at, UnaryOperator<TicketEdit> operations) {
    TicketChange change = operations.apply(edit(ticket, at)).done();
    store.save(change);
    return change;
  }

  private Ticket update(Ticket ticket, Instant at, UnaryOperator<TicketEdit> operations) {
    return apply(ticket, at, operations).after();
  }

  private Ticket solve(Ticket ticket, Instant at) {
    return update(ticket, at, e -> e.assign(A1).changeStatus(Status.SOLVED));
  }

  private static Message agentReply(String body, Instant at) {
    return new Message(MessageId.random(), AGENT, Visibility.PUBLIC, body, List.of(), at);
  }

  /** The message with files of these names, in this order. */
  private static Message withFiles(Message m, String... names) {
    List<Attachment> files = new ArrayList<>();
    for (String name : names) {
      files.add(
          new Attachment(name, "application/octet-stream", 3, new AttachmentRef("ref-" + name)));
    }
    return new Message(m.id(), m.author(), m.visibility(), m.body(), files, m.at());
  }

  private static Message internalNote(String body, Instant at) {
    return new Message(MessageId.random(), AGENT, Visibility.INTERNAL, body, List.of(), at);
  }

  private static Notification notificationAbout(Ticket ticket) {
    return ContractFixtures.notification(ticket.id(), ticket.key(), T0);
  }

  private static TicketChange withNotification(TicketChange change, Notification note) {
    return new TicketChange(
        change.before(), change.after(), change.messages(), change.events(), List.of(note));
  }

  private static TicketId idOf(TicketChange change) {
    return change.after().id();
  }

  private static <T> List<T> concat(Function<TicketChange, List<T>> part, TicketChange... changes) {
    List<T> all = new ArrayList<>();
    for (TicketChange c : changes) {
      all.addAll(part.apply(c));
    }
    return all;
  }
}
