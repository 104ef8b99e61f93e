package dev.helpdesk.internal.intake;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.assignment.Assignment;
import dev.helpdesk.internal.audit.StaffAudit;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.internal.fields.FieldSchema;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketKeys;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Opening tickets: a customer's new query, and the follow-up of a closed one. */
public final class Intake {

  /**
   * How many times opening a ticket picks an agent again after the store found the chosen one full
   * (another thread took the last slot); after that the ticket is stored unassigned, in the queue.
   */
  private static final int ASSIGN_ATTEMPTS = 5;

  private final ChangePipeline pipeline;
  private final Access access;
  private final Tickets tickets;
  private final TicketKeys keys;
  private final Customers customers;
  private final Assignment assignment;
  private final FieldSchema fields;
  private final UnitOfWork unitOfWork;
  private final StaffAudit audit;

  /** Intake over the desk's pipeline and ports. */
  public Intake(
      ChangePipeline pipeline,
      Access access,
      Tickets tickets,
      TicketKeys keys,
      Customers customers,
      Assignment assignment,
      FieldSchema fields,
      UnitOfWork unitOfWork,
      StaffAudit audit) {
    this.pipeline = pipeline;
    this.access = access;
    this.tickets = tickets;
    this.keys = keys;
    this.customers = customers;
    this.assignment = assignment;
    this.fields = fields;
    this.unitOfWork = unitOfWork;
    this.audit = audit;
  }

  /**
   * Adds or updates a customer, their organisation included, by a supervisor (by staff when the
   * desk does not enforce the role): the organisation decides whose tickets a customer may read, so
   * it is set here and recorded in the staff audit, never by opening a ticket.
   */
  public void saveCustomer(Actor actor, Customer customer) {
    Check.present("customer", customer);
    access.requireSupervisor(actor, "save a customer");
    unitOfWork.run(
        () -> {
          // The record first: if it cannot be kept, the customer is not saved either.
          audit.record(
              actor,
              StaffAction.CUSTOMER_SAVED,
              customer.id().value(),
              customers.byId(customer.id()).map(Intake::summary).orElse(Map.of()),
              summary(customer));
          customers.save(customer);
          return null;
        });
  }

  /** What the audit keeps of a customer: the organisation only, no personal data. */
  private static Map<String, String> summary(Customer customer) {
    return Map.of("organisation", customer.organisation().map(OrganisationId::value).orElse(""));
  }

  /** Opens a ticket for the request's requester, whom a customer actor must be. */
  public Ticket open(Actor actor, NewTicket request) {
    Check.present("request", request);
    access.requireKnown(actor);
    TicketAccess.requireCanActFor(actor, request.requester().id());
    request = withStoredOrganisation(request);
    // A mail has no form: a ticket opened from one is not refused for want of a required field
    // (the poller would retry the mail for ever); staff fill the field in.
    fields.checkNew(request.customFields(), request.channel() != Channel.EMAIL);
    return TicketAccess.view(actor, create(actor, request, Optional.empty(), List.of()));
  }

  /**
   * The request with its requester in the organisation the desk knows them in. Opening a ticket
   * never moves a customer into an organisation (a customer could otherwise join any and read its
   * tickets): a request that names another one is refused.
   */
  private NewTicket withStoredOrganisation(NewTicket request) {
    Customer requester = request.requester();
    Optional<OrganisationId> known = customers.byId(requester.id()).flatMap(Customer::organisation);
    if (requester.organisation().isPresent() && !requester.organisation().equals(known)) {
      throw new ValidationException(
          "requester.organisation",
          "is set with saveCustomer, not by opening a ticket (was '"
              + requester.organisation().get()
              + "', the customer's is '"
              + known.map(OrganisationId::value).orElse("none")
              + "')");
    }
    return new NewTicket(
        requester.withOrganisation(known),
        request.subject(),
        request.description(),
        request.channel(),
        request.priority(),
        request.tags(),
        request.customFields(),
        request.group(),
        request.acknowledge());
  }

  /**
   * A customer's message to a CLOSED ticket: a new ticket of the same subject, linked {@link
   * LinkKind#FOLLOW_UP} to the closed one, starts with it.
   */
  public Posted followUp(
      Actor actor, Ticket closed, String body, List<Attachment> files, boolean acknowledge) {
    // The customer's current record, not the closed ticket's snapshot: they may have moved. The
    // fields are carried over unchecked: a schema declared since must not refuse the customer's
    // reply; staff bring them in line when they edit them.
    NewTicket request =
        new NewTicket(
            customers.byId(closed.requester().id()).orElse(closed.requester()),
            closed.subject(),
            body,
            closed.channel(),
            closed.priority(),
            closed.tags(),
            closed.customFields(),
            closed.group(),
            acknowledge);
    Ticket followUp = create(actor, request, Optional.of(closed), files);
    Message first = tickets.conversation(followUp.id()).get(0);
    return new Posted(TicketAccess.view(actor, followUp), first, true);
  }

  /** How many times opening a ticket is tried while it loses races to other writers. */
  static final int OPEN_ATTEMPTS = 6;

  /** Waits up to 2^lostRaces milliseconds, at random; an interrupt ends the retries. */
  private static void pauseAfterLostRace(int lostRaces, ConcurrentUpdateException lost) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1L << lostRaces) + 1);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw lost;
    }
  }

  private Ticket create(
      Actor actor, NewTicket request, Optional<Ticket> followUpOf, List<Attachment> files) {
    TicketId id = TicketId.random();
    TicketKey key = keys.next();
    Set<AgentId> full = new HashSet<>();
    int lostRaces = 0;
    for (int attempt = 1; ; attempt++) {
      Instant now = pipeline.clock().instant();
      TicketEdit edit =
          TicketEdit.open(
              id, key, request, followUpOf.map(Ticket::id), actor, now, pipeline.transitions());
      // The closed ticket does not change; the store keeps the link at its end too.
      followUpOf.ifPresent(closed -> edit.linked(TicketLink.outgoing(LinkKind.FOLLOW_UP, closed)));
      if (!request.description().isEmpty()) {
        edit.addMessage(
            new Message(
                MessageId.random(), actor, Visibility.PUBLIC, request.description(), files, now));
      }
      if (attempt <= ASSIGN_ATTEMPTS) {
        assignment.assignNew(edit, full);
      }
      try {
        // The customer's record is written with the ticket: a ticket never exists without it.
        List<TicketChange> stored =
            pipeline.commit(
                List.of(edit), request.acknowledge(), () -> customers.save(request.requester()));
        return stored.get(0).after();
      } catch (CapacityExceededException e) {
        // The chosen agent filled up between the choice and the write: choose again.
        full.add(e.agent());
      } catch (ConcurrentUpdateException e) {
        // Nothing was written (a new customer's row raced another first ticket of theirs, say, or
        // the database chose this insert as a deadlock's victim): the next attempt finds the state
        // the winner left. A new ticket conflicts with nobody's edit, so it is tried longer than
        // a change, after a short random pause that keeps it from meeting the same rival again.
        if (++lostRaces == OPEN_ATTEMPTS) {
          throw e;
        }
        pauseAfterLostRace(lostRaces, e);
      }
    }
  }
}
