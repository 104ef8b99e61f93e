package dev.helpdesk.store;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.SearchText;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
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
   * Stores several changes as one: each is checked and written as {@link #save} would, in list
   * order, and either all of them are stored or none is. A capacity guard counts the tickets of the
   * changes before it in the list. This is how a bulk intake (an import, a batch of mails) costs
   * one transaction and a few round trips instead of one of each per ticket, and how an operation
   * that changes two tickets (a merge) keeps them consistent.
   *
   * @throws dev.helpdesk.common.ValidationException when the list is empty, or names a ticket twice
   *     (field {@code changes})
   * @throws dev.helpdesk.common.ConcurrentUpdateException when any change would be refused by
   *     {@link #save}; nothing of any change is stored
   * @throws CapacityExceededException when any change's guard would be exceeded; nothing is stored
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

  /**
   * Up to {@code limit} CLOSED tickets last changed at or before {@code cutoff} whose personal data
   * was not erased through {@link #erase}, least recently changed first (then by id): what a
   * retention setting erases, batch after batch.
   */
  List<Ticket> closedBefore(Instant cutoff, int limit);

  /**
   * Replaces the personal data of one ticket, atomically: the ticket's new state (its version
   * raised by one, as in {@link #save}), the text and file names of each of its messages (matched
   * by id; recorded changes that {@link #changes} returns included), each of its events (matched by
   * position), its search words (rebuilt from the new subject and messages, so that an erased word
   * finds it no more), and its entries in the store's outbox as {@link ErasedTicket#outbox()} says
   * ({@link dev.helpdesk.notification.Outbox#erase}); all of it or none of it. The ticket then no
   * longer counts for {@link #closedBefore}. Metric facts and links stay as they are.
   *
   * @throws dev.helpdesk.common.ConcurrentUpdateException when the stored version is not the one
   *     the erase was based on, or the ticket gained messages or events since
   */
  void erase(ErasedTicket erasure);

  /**
   * Up to {@link TicketSearch#limit()} tickets that match the search's query, in its {@link
   * dev.helpdesk.search.TicketSort sort}, starting after its position (keyset paging): the words of
   * its text must all be among the ticket's {@link SearchText} words (the public ones, or all of
   * them when {@link TicketSearch#internalText()}), and every filter must hold. A store keeps what
   * it needs to search (an inverted index, a full-text column) in the same atomic write as the
   * ticket and its messages, so a search never sees a ticket without its newest words.
   *
   * <p>Each hit carries the ticket's {@link dev.helpdesk.sla.SlaState}, which the SLA filters and
   * the {@link dev.helpdesk.search.TicketSort#SLA_DUE} order read. The store keeps it beside the
   * ticket, written by its {@link dev.helpdesk.sla.SlaTimers} adapter in the same atomic write as
   * the timers ({@link dev.helpdesk.sla.SlaState#of}); a ticket without timers has {@link
   * dev.helpdesk.sla.SlaState#NONE}.
   */
  List<SearchHit> search(TicketSearch search);

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

  /**
   * The ticket as stored now, with the messages and events each of its versions after {@code
   * afterVersion} added, oldest first; empty for an unknown ticket. The two must agree: every
   * change up to the returned ticket's version is included, none after it (read the ticket first,
   * then the changes up to its version, which committed with or before it). Live updates across
   * desk instances read what another instance stored through this.
   *
   * @param afterVersion the last version already known; 0 for every change since the creation
   */
  Optional<ChangesSince> changes(TicketId id, long afterVersion);
}
