package dev.helpdesk.ticket;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where tickets, their conversations and their histories are kept. The {@code
 * TicketsContract} suite in the core's test-jar states what every implementation must do; run it
 * against yours. Implementations must be thread-safe.
 */
public interface Tickets {

  /**
   * Stores a change atomically: the ticket's new state, its new messages and events, its
   * notifications in the store's outbox, the links its events make or remove ({@link LinkEnd}) and
   * its metric facts ({@code dev.helpdesk.metrics.MetricFacts}); all of it or none of it. The
   * change's {@link TicketChange#guards() capacity guards} are checked against the state the change
   * is applied to, inside the same lock or transaction (the {@code CapacityGuardContract} suite
   * states how).
   *
   * @throws dev.helpdesk.common.ConcurrentUpdateException when the stored version is not the one
   *     the change was based on (or, for a creation, a ticket with that id or key exists)
   * @throws CapacityExceededException when, after the change, an agent would hold more active
   *     tickets than one of the change's guards allows
   */
  void save(TicketChange change);

  /**
   * Stores changes of several tickets in one atomic step: all of them or none of them (a merge
   * closes the duplicate and extends the ticket it goes into; a link is recorded on both tickets).
   * Each change is checked as {@link #save} checks it: its version (optimistic locking on every
   * ticket), and its capacity guards, counted as the state will be with every change of the list
   * applied. The list may be empty; it must not hold two changes of one ticket.
   *
   * @throws dev.helpdesk.common.ConcurrentUpdateException when any change's version is stale (or a
   *     creation's id or key is taken); nothing of any change is stored
   * @throws CapacityExceededException when any guard of any change would be exceeded; nothing is
   *     stored
   * @throws dev.helpdesk.common.ValidationException when two changes are of the same ticket
   */
  void saveAll(List<TicketChange> changes);

  /** The ticket with this id. */
  Optional<Ticket> byId(TicketId id);

  /** The ticket with this key. */
  Optional<Ticket> byKey(TicketKey key);

  /** Up to {@code limit} tickets the customer raised, newest first. */
  List<Ticket> byRequester(CustomerId customer, int limit);

  /**
   * Up to {@code limit} unsolved tickets (NEW, OPEN, PENDING, ON_HOLD) assigned to the agent, most
   * urgent first, then oldest first.
   */
  List<Ticket> byAssignee(AgentId agent, int limit);

  /** Up to {@code limit} unsolved tickets nobody is assigned to, most urgent first, then oldest. */
  List<Ticket> unassigned(int limit);

  /**
   * Up to {@code limit} SOLVED tickets solved at or before {@code cutoff}, earliest solved first.
   */
  List<Ticket> solvedBefore(Instant cutoff, int limit);

  /** The ticket's messages in the order they were added; empty for an unknown ticket. */
  List<Message> conversation(TicketId id);

  /** The ticket's events in the order they happened; empty for an unknown ticket. */
  List<TicketEvent> history(TicketId id);

  /**
   * The ticket's links to other tickets, as it sees them, in the order they were made; empty for an
   * unknown ticket. A store keeps them from the {@link LinkEnd}s of each change it saves ({@link
   * LinkEnd#of}), in the same atomic write, both ends of every link.
   */
  List<TicketLink> links(TicketId id);
}
