package dev.helpdesk.internal.reading;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.live.LiveFeed;
import dev.helpdesk.internal.sla.SlaEngine;
import dev.helpdesk.live.LiveListener;
import dev.helpdesk.live.Subscription;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.PageRequest;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketScope;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What actors read: tickets and listings, SLA timers, and live subscriptions. */
public final class Reading {

  /** The most tickets a listing returns. */
  public static final int MAX_LISTING = 500;

  private final Access access;
  private final Tickets tickets;
  private final Customers customers;
  private final Optional<SlaEngine> sla;
  private final LiveFeed live;
  private final Clock clock;

  /** Reads over the desk's ports. */
  public Reading(
      Access access,
      Tickets tickets,
      Customers customers,
      Optional<SlaEngine> sla,
      LiveFeed live,
      Clock clock) {
    this.access = access;
    this.tickets = tickets;
    this.customers = customers;
    this.sla = sla;
    this.live = live;
    this.clock = clock;
  }

  /** The first {@value #MAX_LISTING} of a customer's tickets, newest first. */
  public List<Ticket> ticketsOf(Actor actor, CustomerId customer) {
    return ticketsOf(actor, customer, PageRequest.first(MAX_LISTING)).items();
  }

  /** A page of a customer's tickets, newest first. */
  public Page<Ticket> ticketsOf(Actor actor, CustomerId customer, PageRequest page) {
    access.requireKnown(actor);
    Check.present("customerId", customer);
    Check.present("page", page);
    if (!(access.scope(actor) instanceof TicketScope.Requester r && r.organisation().isPresent())) {
      // A customer who sees their organisation's tickets may list a colleague's: the search keeps
      // the listing within what they may see.
      TicketAccess.requireCanActFor(actor, customer);
    }
    return search(
        actor,
        page.applyTo(
            TicketQuery.builder().customer(customer).sort(TicketSort.CREATED_NEWEST).build()));
  }

  /** The first {@value #MAX_LISTING} of an agent's unsolved tickets. */
  public List<Ticket> queueOf(Actor actor, AgentId agent) {
    return queueOf(actor, agent, PageRequest.first(MAX_LISTING)).items();
  }

  /** A page of an agent's unsolved tickets, most urgent first, then oldest. */
  public Page<Ticket> queueOf(Actor actor, AgentId agent, PageRequest page) {
    access.requireKnown(actor);
    Access.requireNotCustomer(actor, "read an agent's queue");
    access.agent(agent);
    Check.present("page", page);
    return search(
        actor,
        page.applyTo(
            TicketQuery.builder().assignee(agent).unsolved().sort(TicketSort.MOST_URGENT).build()));
  }

  /** The first {@value #MAX_LISTING} unsolved tickets nobody is assigned to. */
  public List<Ticket> unassignedQueue(Actor actor) {
    return unassignedQueue(actor, PageRequest.first(MAX_LISTING)).items();
  }

  /** A page of the unsolved tickets nobody is assigned to, most urgent first, then oldest. */
  public Page<Ticket> unassignedQueue(Actor actor, PageRequest page) {
    access.requireKnown(actor);
    Access.requireNotCustomer(actor, "read the unassigned queue");
    Check.present("page", page);
    return search(
        actor,
        page.applyTo(
            TicketQuery.builder().unassigned().unsolved().sort(TicketSort.MOST_URGENT).build()));
  }

  /**
   * One page of the tickets the query finds, as the actor may see them: within {@link
   * Access#scope}. A customer finds only their own tickets (and their organisation's, when the desk
   * lets them see those), matched by the words of public messages only, and may not filter by the
   * team's own fields (tags, group) nor search or sort by the SLA state; staff find the tickets
   * they may see, by internal notes too.
   */
  public Page<Ticket> search(Actor actor, TicketQuery query) {
    Check.present("query", query);
    TicketScope scope = access.scope(actor);
    TicketQuery effective = query;
    boolean internal = true;
    if (actor instanceof Actor.Customer c) {
      boolean organisation =
          scope instanceof TicketScope.Requester r && r.organisation().isPresent();
      if (!organisation && query.customer().filter(other -> !other.equals(c.id())).isPresent()) {
        throw new AccessDeniedException(actor, "search the tickets of " + query.customer().get());
      }
      if (!query.tags().isEmpty() || query.group().isPresent()) {
        throw new AccessDeniedException(actor, "search by tags or group");
      }
      // The SLA state is the team's internal measure, hidden from customers like its events.
      if (query.slaBreached()
          || query.slaDueWithin().isPresent()
          || query.sort() == TicketSort.SLA_DUE) {
        throw new AccessDeniedException(actor, "search or sort by SLA state");
      }
      if (!organisation) {
        effective = query.withCustomer(c.id());
      }
      internal = false;
    }
    // The scope is a condition of the store's query, not a filter of its page: pages stay full
    // and a cursor leads on from where the page before ended.
    List<SearchHit> found =
        tickets.search(
            new TicketSearch(effective, internal, query.pageSize() + 1, clock.instant(), scope));
    boolean more = found.size() > query.pageSize();
    List<SearchHit> items = more ? found.subList(0, query.pageSize()) : found;
    // The cursor is made from the query as given, so that the caller's next query, which the desk
    // restricts in the same way, accepts it.
    Optional<String> next =
        more ? Optional.of(query.cursorAfter(items.get(items.size() - 1))) : Optional.empty();
    return new Page<>(items.stream().map(h -> TicketAccess.view(actor, h.ticket())).toList(), next);
  }

  /** One ticket as the actor may see it. */
  public TicketDetails ticket(Actor actor, TicketId id) {
    return details(actor, access.readable(actor, id));
  }

  /** One ticket by key as the actor may see it. */
  public TicketDetails ticket(Actor actor, TicketKey key) {
    access.requireKnown(actor);
    Check.present("ticketKey", key);
    Ticket ticket =
        access.visible(
            actor,
            tickets.byKey(key).orElseThrow(() -> new NotFoundException("ticket", key.value())),
            key.value());
    return details(actor, ticket);
  }

  private TicketDetails details(Actor actor, Ticket ticket) {
    return new TicketDetails(
        TicketAccess.view(actor, ticket),
        TicketAccess.visibleMessages(actor, tickets.conversation(ticket.id())),
        TicketAccess.visibleHistory(actor, tickets.history(ticket.id())),
        visibleLinks(actor, tickets.links(ticket.id())));
  }

  /**
   * The links the actor may see. For a reader who does not see every ticket, every linked ticket is
   * read and checked like any ticket they name (not only the requester the link recorded): a link
   * must never lead them to a ticket they may not read.
   */
  private List<TicketLink> visibleLinks(Actor actor, List<TicketLink> links) {
    if (access.scope(actor) instanceof TicketScope.Everything) {
      return links;
    }
    List<TicketLink> visible = new ArrayList<>();
    for (TicketLink link : links) {
      if (access.canSee(actor, link, tickets.byId(link.other()))) {
        visible.add(link);
      }
    }
    return visible;
  }

  /** The customer known by this address, for staff. */
  public Optional<Customer> customerByEmail(Actor actor, EmailAddress email) {
    access.requireKnown(actor);
    Access.requireNotCustomer(actor, "look customers up by address");
    return customers.byEmail(Check.present("email", email));
  }

  /** When the first reply is due, while awaited. */
  public Optional<Instant> firstReplyDue(Actor actor, TicketId id) {
    access.readable(actor, id);
    return sla.flatMap(engine -> engine.firstReplyDue(id));
  }

  /** The ticket's SLA timers now, for staff. */
  public List<SlaStatus> slaStatus(Actor actor, TicketId id) {
    Ticket ticket = access.forStaff(actor, id, "read SLA timers");
    return sla.map(engine -> engine.status(ticket, clock.instant())).orElse(List.of());
  }

  /** Subscribes to a ticket the viewer may read. */
  public Subscription subscribe(Actor viewer, TicketId id, LiveListener listener) {
    access.requireKnown(viewer);
    Check.present("listener", listener);
    Ticket read = access.readable(viewer, id);
    // A customer may follow a colleague's ticket as a member of its organisation (which the
    // ticket keeps): the feed is told so, and still shows them no internal note.
    boolean colleague = viewer instanceof Actor.Customer c && !c.id().equals(read.requester().id());
    return live.ticket(viewer, id, read.version(), colleague, listener);
  }

  /** Subscribes staff to an agent's queue. */
  public Subscription subscribeQueue(Actor actor, AgentId agent, LiveListener listener) {
    access.requireKnown(actor);
    access.requireQueueReader(actor, agent, "subscribe to the queue");
    Check.present("listener", listener);
    access.agent(agent);
    return live.queue(agent, listener);
  }
}
