package dev.helpdesk;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.store.ChangesSince;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A ticket store that passes every call on; tests override what they want to break. */
class DelegatingTickets implements Tickets {

  private final Tickets delegate;

  DelegatingTickets(Tickets delegate) {
    this.delegate = delegate;
  }

  @Override
  public void save(TicketChange change) {
    delegate.save(change);
  }

  @Override
  public void saveAll(List<TicketChange> changes) {
    delegate.saveAll(changes);
  }

  @Override
  public Optional<Ticket> byId(TicketId id) {
    return delegate.byId(id);
  }

  @Override
  public Optional<Ticket> byKey(TicketKey key) {
    return delegate.byKey(key);
  }

  @Override
  public List<Ticket> byRequester(CustomerId customer, int limit) {
    return delegate.byRequester(customer, limit);
  }

  @Override
  public List<Ticket> byAssignee(AgentId agent, int limit) {
    return delegate.byAssignee(agent, limit);
  }

  @Override
  public List<Ticket> unassigned(int limit) {
    return delegate.unassigned(limit);
  }

  @Override
  public List<Ticket> solvedBefore(Instant cutoff, int limit) {
    return delegate.solvedBefore(cutoff, limit);
  }

  @Override
  public List<Ticket> closedBefore(Instant cutoff, int limit) {
    return delegate.closedBefore(cutoff, limit);
  }

  @Override
  public void erase(dev.helpdesk.store.ErasedTicket erasure) {
    delegate.erase(erasure);
  }

  @Override
  public List<Message> conversation(TicketId id) {
    return delegate.conversation(id);
  }

  @Override
  public List<TicketEvent> history(TicketId id) {
    return delegate.history(id);
  }

  @Override
  public List<TicketLink> links(TicketId id) {
    return delegate.links(id);
  }

  @Override
  public Optional<ChangesSince> changes(TicketId id, long afterVersion) {
    return delegate.changes(id, afterVersion);
  }

  @Override
  public List<SearchHit> search(TicketSearch search) {
    return delegate.search(search);
  }
}
