package dev.helpdesk.web;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.privacy.Erasure;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.PageRequest;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.web.Views.AgentView;
import dev.helpdesk.web.Views.FieldView;
import dev.helpdesk.web.Views.MacroView;
import dev.helpdesk.web.Views.MeView;
import dev.helpdesk.web.Views.MetricsView;
import dev.helpdesk.web.Views.RequesterView;
import dev.helpdesk.web.Views.TicketView;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Who the caller is, and what staff work from: queues with filters, availability, macros, metrics,
 * customers by address, a customer's data export and erase, and a live stream per agent queue. The
 * desk refuses customers all but {@code /me}.
 */
@RestController
@DeskEndpoint
@RequestMapping("${helpdesk.web.base-path:/helpdesk}/api")
class StaffEndpoints {

  private final DeskCalls calls;
  private final HelpDesk desk;
  private final LiveStreams streams;

  StaffEndpoints(DeskCalls calls, LiveStreams streams) {
    this.calls = calls;
    this.desk = calls.desk();
    this.streams = streams;
  }

  record AvailabilityRequest(Availability availability) {}

  @GetMapping("/me")
  MeView me(Authentication authentication) {
    Views.ActorView actor = Views.ActorView.of(calls.actor(authentication));
    return new MeView(actor.kind(), actor.id());
  }

  @GetMapping("/queue/unassigned")
  ResponseEntity<List<TicketView>> unassigned(
      @RequestParam(name = "status", required = false) Status status,
      @RequestParam(name = "priority", required = false) Priority priority,
      @RequestParam(name = "group", required = false) String group,
      @RequestParam(name = "size", required = false) Integer size,
      @RequestParam(name = "cursor", required = false) String cursor,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    PageRequest request = Listing.request(size, cursor);
    Page<Ticket> page = calls.inTransaction(() -> desk.unassignedQueue(actor, request));
    return Listing.answer(page, filtered(page, status, priority, group, actor));
  }

  @GetMapping("/agents/{agentId}/queue")
  ResponseEntity<List<TicketView>> queue(
      @PathVariable("agentId") String agentId,
      @RequestParam(name = "status", required = false) Status status,
      @RequestParam(name = "priority", required = false) Priority priority,
      @RequestParam(name = "group", required = false) String group,
      @RequestParam(name = "size", required = false) Integer size,
      @RequestParam(name = "cursor", required = false) String cursor,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    AgentId agent = agent(actor, agentId);
    PageRequest request = Listing.request(size, cursor);
    Page<Ticket> page = calls.inTransaction(() -> desk.queueOf(actor, agent, request));
    return Listing.answer(page, filtered(page, status, priority, group, actor));
  }

  /**
   * The page's tickets that pass the filters: a filtered page may hold fewer than its size, and the
   * next page's link still follows the queue.
   */
  private static List<TicketView> filtered(
      Page<Ticket> page, Status status, Priority priority, String group, Actor actor) {
    return TicketView.all(
        page.items().stream().filter(filter(status, priority, group)).toList(), actor);
  }

  @GetMapping(path = "/agents/{agentId}/queue/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter queueStream(@PathVariable("agentId") String agentId, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    AgentId agent = agent(actor, agentId);
    return streams.open(
        authentication.getName(),
        calls.apiPath(),
        listener -> desk.subscribeQueue(actor, agent, listener));
  }

  @PutMapping(path = "/agents/{agentId}/availability", consumes = MediaType.APPLICATION_JSON_VALUE)
  AgentView availability(
      @PathVariable("agentId") String agentId,
      @RequestBody AvailabilityRequest request,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    AgentId agent = agent(actor, agentId);
    if (request.availability() == null) {
      throw new ValidationException(
          "availability", "must be one of " + List.of(Availability.values()));
    }
    return calls.inTransaction(
        () -> AgentView.of(desk.setAvailability(actor, agent, request.availability())));
  }

  @GetMapping("/macros")
  List<MacroView> macros(Authentication authentication) {
    staff(calls.actor(authentication), "list macros");
    return desk.macros().stream().map(MacroView::of).toList();
  }

  /** The declared custom fields, in declaration order (empty when the desk declares none). */
  @GetMapping("/fields")
  List<FieldView> fields(Authentication authentication) {
    staff(calls.actor(authentication), "list fields");
    return desk.fields().stream().map(FieldView::of).toList();
  }

  @GetMapping("/metrics")
  MetricsView metrics(
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    // The range is [from, to); by default it ends just after now (the desk's clock counts in
    // microseconds), so that what happened this very instant counts.
    Instant end = to == null ? desk.clock().instant().plusNanos(1_000) : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant("from", from);
    return calls.inTransaction(() -> MetricsView.of(desk.metrics(actor, start, end)));
  }

  /** The most audit records on one page of {@code /audit}. */
  static final int MAX_AUDIT_PAGE = 200;

  @GetMapping("/audit")
  ResponseEntity<List<AuditView>> audit(
      @RequestParam(name = "actor", required = false) String by,
      @RequestParam(name = "subject", required = false) String subject,
      @RequestParam(name = "size", required = false) Integer size,
      @RequestParam(name = "cursor", required = false) String cursor,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    int n = size == null ? 50 : size;
    if (n < 1 || n > MAX_AUDIT_PAGE) {
      throw new ValidationException(
          "size", "must be from 1 to " + MAX_AUDIT_PAGE + " (was " + n + ")");
    }
    // One more than the page, to know whether a next page exists without an empty last page.
    AuditQuery query = AuditQuery.newest(n + 1);
    if (by != null && !by.isBlank()) {
      query = query.by(AuditView.actor(by));
    }
    if (subject != null && !subject.isBlank()) {
      query = query.about(subject);
    }
    if (cursor != null && !cursor.isBlank()) {
      query = query.after(AuditView.position(cursor));
    }
    AuditQuery asked = query;
    List<AuditRecord> records = calls.inTransaction(() -> desk.staffAudit(actor, asked));
    List<AuditRecord> items = records.subList(0, Math.min(n, records.size()));
    Optional<String> next =
        records.size() > n
            ? Optional.of(AuditView.cursor(items.get(items.size() - 1)))
            : Optional.empty();
    return Listing.answer(new Page<>(items, next), items.stream().map(AuditView::of).toList());
  }

  @GetMapping("/customers")
  RequesterView customerByEmail(
      @RequestParam("email") String email, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    EmailAddress address = EmailAddress.of(email);
    return calls.inTransaction(
        () ->
            desk.customerByEmail(actor, address)
                .map(c -> new RequesterView(c.id().value(), c.name(), c.email().value()))
                .orElseThrow(() -> new NotFoundException("customer", email)));
  }

  /**
   * A customer's data as the desk exports it (docs/privacy.md): for staff, or for the customer
   * themselves; the desk refuses a customer asking for someone else's.
   */
  @GetMapping(path = "/customers/{customerId}/export", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> export(
      @PathVariable("customerId") String customerId, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    String json = calls.inTransaction(() -> desk.exportCustomer(actor, CustomerId.of(customerId)));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(json);
  }

  /** What an erase did: the customer and how many tickets, messages and files it rewrote. */
  record ErasureView(String customer, int tickets, int messages, int attachments) {}

  /**
   * Erases a customer's personal data (staff; supervisors only where the desk enforces the role),
   * in one unit of work, recorded in the staff audit.
   */
  @PostMapping("/customers/{customerId}/erase")
  ErasureView erase(@PathVariable("customerId") String customerId, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    Erasure e = calls.inTransaction(() -> desk.eraseCustomer(actor, CustomerId.of(customerId)));
    return new ErasureView(e.customer().value(), e.tickets(), e.messages(), e.attachments());
  }

  /** {@code me} names the calling agent, so the console needs not know its own id. */
  private static AgentId agent(Actor actor, String agentId) {
    if ("me".equals(agentId)) {
      if (actor instanceof Actor.Agent a) {
        return a.id();
      }
      throw new AccessDeniedException(actor, "use 'me' as an agent id: it is not an agent");
    }
    staff(actor, "work with agents' queues");
    return AgentId.of(agentId);
  }

  private static void staff(Actor actor, String what) {
    if (actor instanceof Actor.Customer) {
      throw new AccessDeniedException(actor, what);
    }
  }

  private static Instant instant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ValidationException(field, "must be an ISO-8601 instant (was '" + text + "')");
    }
  }

  /** The filters a listing takes, applied to the desk's listing (the most urgent first). */
  private static Predicate<Ticket> filter(Status status, Priority priority, String group) {
    return t ->
        (status == null || t.status() == status)
            && (priority == null || t.priority() == priority)
            && (group == null || t.group().map(g -> g.value().equals(group)).orElse(false));
  }
}
