package dev.helpdesk.internal.privacy;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.audit.StaffAudit;
import dev.helpdesk.internal.webhook.Json;
import dev.helpdesk.privacy.Erasure;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.store.ErasedTicket;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's right to their data: erasing it (on request, or by the retention of closed tickets)
 * and exporting it. An erase reads what it replaces, makes the erased values ({@link Anonymiser}),
 * and writes them with its audit record in one unit of work: the record, then each ticket with its
 * outbox entries, the Message-IDs kept for threading, the customer record, and last the files'
 * bytes, which a store outside the database cannot take back.
 */
public final class Privacy {

  private static final Logger log = LoggerFactory.getLogger(Privacy.class);

  /** The system actor the retention's erases are recorded with. */
  public static final Actor RETENTION = Actor.system("retention");

  /** How many of a customer's tickets are read at a time. */
  static final int PAGE = 200;

  private final Tickets tickets;
  private final Customers customers;
  private final MessageThreads threads;
  private final AttachmentStore attachments;
  private final UnitOfWork unitOfWork;
  private final StaffAudit audit;
  private final Access access;
  private final Clock clock;
  private final Optional<Period> retention;
  private final int retentionBatch;

  public Privacy(
      Tickets tickets,
      Customers customers,
      MessageThreads threads,
      AttachmentStore attachments,
      UnitOfWork unitOfWork,
      StaffAudit audit,
      Access access,
      Clock clock,
      Optional<Period> retention,
      int retentionBatch) {
    this.tickets = tickets;
    this.customers = customers;
    this.threads = threads;
    this.attachments = attachments;
    this.unitOfWork = unitOfWork;
    this.audit = audit;
    this.access = access;
    this.clock = clock;
    this.retention = retention;
    this.retentionBatch = retentionBatch;
  }

  /** How long closed tickets keep their personal data, if the desk erases them at all. */
  public Optional<Period> retention() {
    return retention;
  }

  /** Erases the customer's personal data from every ticket and their record; staff only. */
  public Erasure erase(Actor actor, CustomerId customer) {
    Check.present("customerId", customer);
    audit.require(actor, "erase a customer's personal data");
    return unitOfWork.run(
        () -> {
          Optional<Customer> record = customers.byId(customer);
          List<Ticket> theirs = ticketsOf(customer);
          if (record.isEmpty() && theirs.isEmpty()) {
            throw new NotFoundException("customer", customer.value());
          }
          Set<EmailAddress> addresses = new HashSet<>();
          record.ifPresent(c -> addresses.add(c.email()));
          theirs.forEach(t -> addresses.add(t.requester().email()));
          Instant now = clock.instant();
          // Everything is read and made before anything is written: a bad value fails here.
          List<ErasedTicket> erased = new ArrayList<>();
          for (Ticket t : theirs) {
            erased.add(plan(t, addresses, now));
          }
          Erasure report =
              new Erasure(customer, erased.size(), messages(erased), files(erased).size());
          // The record first: if it cannot be kept, nothing is erased.
          audit.record(
              actor, StaffAction.CUSTOMER_ERASED, customer.value(), Map.of(), counts(report));
          erased.forEach(this::write);
          record.ifPresent(c -> customers.save(Anonymiser.customer(c.id())));
          files(erased).forEach(attachments::delete);
          return report;
        });
  }

  /**
   * Erases the personal data of CLOSED tickets last changed more than the retention ago, each in a
   * unit of its own, in batches until none is left; a ticket that cannot be erased (changed
   * meanwhile, a store failure) is logged and tried again by the next run.
   *
   * @return how many tickets it erased
   */
  public int eraseExpired() {
    if (retention.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(retention.get()).toInstant();
    Set<TicketId> passedOver = new HashSet<>();
    int erased = 0;
    while (true) {
      int limit = retentionBatch + passedOver.size();
      List<Ticket> due = tickets.closedBefore(cutoff, limit);
      int handled = 0;
      for (Ticket t : due) {
        if (passedOver.contains(t.id())) {
          continue;
        }
        handled++;
        try {
          unitOfWork.run(() -> eraseOne(t, now));
          erased++;
        } catch (RuntimeException e) {
          // Not erased, so listed first again: read past it.
          log.warn("Could not erase {}; the next run tries again", t.key(), e);
          passedOver.add(t.id());
        }
      }
      if (due.size() < limit || handled == 0) {
        return erased;
      }
    }
  }

  private Void eraseOne(Ticket read, Instant now) {
    // Read again inside the unit: the ticket may have changed since the listing.
    Ticket t = tickets.byId(read.id()).orElseThrow();
    ErasedTicket e = plan(t, Set.of(t.requester().email()), now);
    Map<String, String> counts = new LinkedHashMap<>();
    counts.put("messages", Integer.toString(e.conversation().size()));
    counts.put("attachments", Integer.toString(files(List.of(e)).size()));
    audit.record(RETENTION, StaffAction.TICKET_ERASED, t.key().value(), Map.of(), counts);
    write(e);
    files(List.of(e)).forEach(attachments::delete);
    return null;
  }

  private ErasedTicket plan(Ticket t, Set<EmailAddress> addresses, Instant now) {
    return Anonymiser.erase(
        t, tickets.conversation(t.id()), tickets.history(t.id()), addresses, now);
  }

  private void write(ErasedTicket e) {
    tickets.erase(e);
    threads.forget(e.after().id());
  }

  private static int messages(List<ErasedTicket> erased) {
    return erased.stream().mapToInt(e -> e.conversation().size()).sum();
  }

  private static Set<AttachmentRef> files(List<ErasedTicket> erased) {
    Set<AttachmentRef> refs = new LinkedHashSet<>();
    for (ErasedTicket e : erased) {
      for (Message m : e.conversation()) {
        m.attachments().forEach(a -> refs.add(a.ref()));
      }
    }
    return refs;
  }

  private static Map<String, String> counts(Erasure report) {
    Map<String, String> counts = new LinkedHashMap<>();
    counts.put("tickets", Integer.toString(report.tickets()));
    counts.put("messages", Integer.toString(report.messages()));
    counts.put("attachments", Integer.toString(report.attachments()));
    return counts;
  }

  /**
   * The customer's data as JSON, for staff or for the customer themselves: their record, their
   * tickets with the public messages (not the team's internal notes), the ratings and comments they
   * gave, and the list of the files attached to those messages.
   */
  public String export(Actor actor, CustomerId customer) {
    Check.present("customerId", customer);
    access.requireKnown(actor);
    if (actor instanceof Actor.Customer c && !c.id().equals(customer)) {
      throw new AccessDeniedException(actor, "export another customer's data");
    }
    Optional<Customer> record = customers.byId(customer);
    List<Ticket> theirs = ticketsOf(customer);
    if (record.isEmpty() && theirs.isEmpty()) {
      throw new NotFoundException("customer", customer.value());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, Object> who = new LinkedHashMap<>();
    who.put("id", customer.value());
    who.put("name", record.map(Customer::name));
    who.put("email", record.map(c -> c.email().value()));
    doc.put("customer", who);
    doc.put("exported_at", clock.instant().toString());
    List<Object> ticketDocs = new ArrayList<>();
    List<Object> files = new ArrayList<>();
    for (Ticket t : theirs) {
      ticketDocs.add(ticket(t, files));
    }
    doc.put("tickets", ticketDocs);
    doc.put("attachments", files);
    return Json.write(doc);
  }

  private Map<String, Object> ticket(Ticket t, List<Object> files) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", t.id().toString());
    doc.put("key", t.key().value());
    doc.put("subject", t.subject());
    doc.put("description", t.description());
    doc.put("status", t.status().name());
    doc.put("priority", t.priority().name());
    doc.put("channel", t.channel().name());
    doc.put("created_at", t.createdAt().toString());
    doc.put("updated_at", t.updatedAt().toString());
    doc.put("solved_at", t.solvedAt().map(Instant::toString));
    doc.put("custom_fields", t.customFields());
    List<Object> ccs = new ArrayList<>();
    for (Cc cc : t.ccs()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("email", cc.email().value());
      c.put("name", cc.name());
      ccs.add(c);
    }
    doc.put("ccs", ccs);
    List<Object> messages = new ArrayList<>();
    for (Message m : tickets.conversation(t.id())) {
      if (!m.isPublic()) {
        continue;
      }
      Map<String, Object> md = new LinkedHashMap<>();
      md.put("id", m.id().toString());
      md.put("author", m.author().describe());
      md.put("at", m.at().toString());
      md.put("body", m.body());
      List<Object> attached = new ArrayList<>();
      for (Attachment a : m.attachments()) {
        Map<String, Object> ad = new LinkedHashMap<>();
        ad.put("name", a.name());
        ad.put("media_type", a.mediaType());
        ad.put("size", a.size());
        attached.add(ad);
        Map<String, Object> listed = new LinkedHashMap<>();
        listed.put("ticket", t.key().value());
        listed.put("message", m.id().toString());
        listed.put("name", a.name());
        listed.put("media_type", a.mediaType());
        listed.put("size", a.size());
        listed.put("ref", a.ref().value());
        files.add(listed);
      }
      md.put("attachments", attached);
      messages.add(md);
    }
    doc.put("messages", messages);
    List<Object> ratings = new ArrayList<>();
    for (TicketEvent e : tickets.history(t.id())) {
      if (e instanceof TicketEvent.Rated r) {
        Map<String, Object> rd = new LinkedHashMap<>();
        rd.put("rating", r.rating().name());
        rd.put("comment", r.comment());
        rd.put("at", r.at().toString());
        ratings.add(rd);
      }
    }
    doc.put("ratings", ratings);
    return doc;
  }

  /** Every ticket the customer raised, oldest first, read in pages. */
  private List<Ticket> ticketsOf(CustomerId customer) {
    TicketQuery query =
        TicketQuery.builder()
            .customer(customer)
            .sort(TicketSort.CREATED_OLDEST)
            .pageSize(PAGE)
            .build();
    List<Ticket> all = new ArrayList<>();
    TicketQuery page = query;
    while (true) {
      List<SearchHit> hits = tickets.search(new TicketSearch(page, true, PAGE, clock.instant()));
      hits.forEach(h -> all.add(h.ticket()));
      if (hits.size() < PAGE) {
        return all;
      }
      page = query.after(query.cursorAfter(hits.get(hits.size() - 1)));
    }
  }
}
