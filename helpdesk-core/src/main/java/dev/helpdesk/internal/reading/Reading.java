package dev.helpdesk.internal.reading;

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

  /** A customer's tickets, newest first. */
  public List<Ticket> ticketsOf(Actor actor, CustomerId customer) {
    access.requireKnown(actor);
    Check.present("customerId", customer);
    TicketAccess.requireCanActFor(actor, customer);
    return tickets.byRequester(customer, MAX_LISTING).stream()
        .map(t -> TicketAccess.view(actor, t))
        .toList();
  }

  /** An agent's unsolved tickets. */
  public List<Ticket> queueOf(Actor actor, AgentId agent) {
    access.requireKnown(actor);
    Access.requireNotCustomer(actor, "read an agent's queue");
    access.agent(agent);
    return tickets.byAssignee(agent, MAX_LISTING);
  }

  /** Unsolved tickets nobody is assigned to. */
  public List<Ticket> unassignedQueue(Actor actor) {
    access.requireKnown(actor);
    Access.requireNotCustomer(actor, "read the unassigned queue");
    return tickets.unassigned(MAX_LISTING);
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
        Access.visible(
            actor,
            tickets.byKey(key).orElseThrow(() -> new NotFoundException("ticket", key.value())),
            key.value());
    TicketAccess.requireCanRead(actor, ticket);
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
   * The links the actor may see. For a customer, every linked ticket is read and checked like any
   * ticket they name (not only the requester the link recorded): a link must never lead them to
   * another customer's ticket.
   */
  private List<TicketLink> visibleLinks(Actor actor, List<TicketLink> links) {
    if (!(actor instanceof Actor.Customer)) {
      return links;
    }
    List<TicketLink> visible = new ArrayList<>();
    for (TicketLink link : links) {
      if (TicketAccess.canSee(actor, link)
          && tickets
              .byId(link.other())
              .filter(other -> TicketAccess.canRead(actor, other))
              .isPresent()) {
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
    access.forStaff(actor, id, "read SLA timers");
    return sla.map(engine -> engine.status(id, clock.instant())).orElse(List.of());
  }

  /** Subscribes to a ticket the viewer may read. */
  public Subscription subscribe(Actor viewer, TicketId id, LiveListener listener) {
    access.requireKnown(viewer);
    Check.present("listener", listener);
    access.readable(viewer, id);
    return live.ticket(viewer, id, listener);
  }

  /** Subscribes staff to an agent's queue. */
  public Subscription subscribeQueue(Actor actor, AgentId agent, LiveListener listener) {
    access.requireKnown(actor);
    Access.requireNotCustomer(actor, "subscribe to an agent's queue");
    Check.present("listener", listener);
    access.agent(agent);
    return live.queue(agent, listener);
  }
}
