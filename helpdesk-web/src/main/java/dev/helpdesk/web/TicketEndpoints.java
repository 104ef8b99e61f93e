package dev.helpdesk.web;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentContent;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.PageRequest;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.web.Views.AcknowledgementView;
import dev.helpdesk.web.Views.CcView;
import dev.helpdesk.web.Views.MessageView;
import dev.helpdesk.web.Views.PostedView;
import dev.helpdesk.web.Views.SlaView;
import dev.helpdesk.web.Views.SuggestedAnswerView;
import dev.helpdesk.web.Views.TicketDetailsView;
import dev.helpdesk.web.Views.TicketPageView;
import dev.helpdesk.web.Views.TicketView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tickets over HTTP, for customers and agents alike: the desk's access rules decide what each may
 * do and see. Another customer's ticket answers 404, never 403, so its existence does not leak.
 */
@RestController
@DeskEndpoint
@RequestMapping("${helpdesk.web.base-path:/helpdesk}/api")
class TicketEndpoints {

  private final DeskCalls calls;
  private final HelpDesk desk;
  private final CreationLimiter limiter;
  private final LiveStreams streams;

  TicketEndpoints(DeskCalls calls, CreationLimiter limiter, LiveStreams streams) {
    this.calls = calls;
    this.desk = calls.desk();
    this.limiter = limiter;
    this.streams = streams;
  }

  /** What a customer sends to raise a query, with the booking it is about. */
  record RaiseRequest(
      String subject,
      String description,
      String bookingReference,
      Map<String, String> context,
      String locale,
      Priority priority) {}

  record ReplyRequest(String body) {}

  record NoteRequest(String body) {}

  record RatingRequest(Rating rating, String comment) {}

  record MacroRequest(String name) {}

  record AssigneeRequest(String agentId, Boolean overCapacity) {}

  record StatusRequest(Status status) {}

  record PriorityRequest(Priority priority) {}

  record GroupRequest(String group) {}

  record TagsRequest(Set<String> tags) {}

  record CcRequest(String email, String name) {}

  record FieldsRequest(Map<String, String> fields) {}

  record EscalationRequest(String reason) {}

  record LinkRequest(String ticketId, LinkKind kind) {}

  record MergeRequest(String into) {}

  // ------------------------------------------------------------------ raising and reading

  @PostMapping(path = "/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AcknowledgementView> raise(
      @RequestBody RaiseRequest request, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    if (!(actor instanceof Actor.Customer customer)) {
      throw new AccessDeniedException(actor, "raise tickets through the web API (customers do)");
    }
    Customer requester =
        calls
            .actors()
            .requester(authentication, customer)
            .orElseThrow(
                () ->
                    new ValidationException(
                        "requester", "has no e-mail address the desk could answer to"));
    NewTicket.Builder ticket =
        NewTicket.builder()
            .requester(requester)
            .subject(request.subject())
            .description(request.description());
    if (request.priority() != null) {
      ticket.priority(request.priority());
    }
    if (request.context() != null) {
      request.context().forEach(ticket::field);
    }
    if (request.bookingReference() != null) {
      ticket.bookingReference(request.bookingReference());
    }
    if (request.locale() != null) {
      ticket.locale(Locale.forLanguageTag(request.locale()));
    }
    NewTicket valid = ticket.build();
    String principal = authentication.getName();
    limiter
        .tryAcquire(principal)
        .ifPresent(
            wait -> {
              throw WebRefusal.rateLimited(wait);
            });
    AcknowledgementView ack;
    try {
      ack =
          calls.inTransaction(
              () -> {
                Ticket opened = desk.open(actor, valid);
                return new AcknowledgementView(
                    TicketView.of(opened, actor),
                    desk.firstReplyDue(actor, opened.id()).map(Views::text).orElse(null),
                    SuggestedAnswerView.all(desk.suggestedAnswers(actor, opened.id())));
              });
    } catch (RuntimeException refused) {
      limiter.release(principal);
      throw refused;
    }
    return ResponseEntity.created(URI.create(calls.apiPath() + "/tickets/" + ack.ticket().id()))
        .header(HttpHeaders.ETAG, ETags.of(ack.ticket().version()))
        .body(ack);
  }

  @GetMapping("/tickets")
  ResponseEntity<List<TicketView>> list(
      @RequestParam(name = "customer", required = false) String customer,
      @RequestParam(name = "size", required = false) Integer size,
      @RequestParam(name = "cursor", required = false) String cursor,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    CustomerId whose;
    if (actor instanceof Actor.Customer c) {
      whose = c.id();
    } else if (customer != null) {
      whose = CustomerId.of(customer);
    } else {
      throw new ValidationException("customer", "is required for staff: whose tickets to list");
    }
    PageRequest request = Listing.request(size, cursor);
    Page<Ticket> page = calls.inTransaction(() -> desk.ticketsOf(actor, whose, request));
    return Listing.answer(page, TicketView.all(page.items(), actor));
  }

  /**
   * Finds tickets by words and filters, one page at a time: staff any ticket, customers their own
   * (the desk decides what each may search and see).
   */
  @GetMapping("/tickets/search")
  TicketPageView search(
      @RequestParam(name = "text", required = false) String text,
      @RequestParam(name = "status", required = false) List<Status> status,
      @RequestParam(name = "priority", required = false) List<Priority> priority,
      @RequestParam(name = "assignee", required = false) String assignee,
      @RequestParam(name = "bookingReference", required = false) String bookingReference,
      @RequestParam(name = "slaBreached", required = false) Boolean slaBreached,
      @RequestParam(name = "slaDueWithin", required = false) String slaDueWithin,
      @RequestParam(name = "sort", required = false) TicketSort sort,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestParam(name = "size", required = false) Integer size,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketQuery query =
        new SearchParameters(
                text,
                status,
                priority,
                assignee,
                bookingReference,
                slaBreached,
                slaDueWithin,
                sort,
                cursor,
                size)
            .query(actor);
    return calls.inTransaction(() -> TicketPageView.of(desk.search(actor, query), actor));
  }

  @GetMapping("/tickets/{id}")
  ResponseEntity<TicketDetailsView> read(
      @PathVariable("id") String id, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    return details(actor, TicketId.parse(id));
  }

  @GetMapping("/tickets/by-key/{key}")
  ResponseEntity<TicketDetailsView> readByKey(
      @PathVariable("key") String key, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketKey ticketKey = TicketKey.parse(key);
    TicketId id;
    try {
      id = calls.inTransaction(() -> desk.ticket(actor, ticketKey).ticket().id());
    } catch (AccessDeniedException e) {
      if (actor instanceof Actor.Customer) {
        throw new NotFoundException("ticket", key);
      }
      throw e;
    }
    return details(actor, id);
  }

  private ResponseEntity<TicketDetailsView> details(Actor actor, TicketId id) {
    TicketDetailsView view =
        calls.inTransaction(
            () -> {
              TicketDetails details = calls.visible(actor, id);
              return TicketDetailsView.of(
                  details, actor, desk.firstReplyDue(actor, id), calls.apiPath());
            });
    return ResponseEntity.ok()
        .header(HttpHeaders.ETAG, ETags.of(view.ticket().version()))
        .body(view);
  }

  // ------------------------------------------------------------------ conversation

  @PostMapping(path = "/tickets/{id}/replies", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<PostedView> reply(
      @PathVariable("id") String id,
      @RequestBody ReplyRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    return posted(id, MessageDraft.text(request.body()), ifMatch, authentication);
  }

  @PostMapping(path = "/tickets/{id}/replies", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<PostedView> replyWithFiles(
      @PathVariable("id") String id,
      @RequestParam("body") String body,
      @RequestParam(name = "files", required = false) List<MultipartFile> files,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    return posted(id, new MessageDraft(body, uploaded(files)), ifMatch, authentication);
  }

  private static List<NewAttachment> uploaded(List<MultipartFile> files) {
    List<NewAttachment> attachments = new ArrayList<>();
    for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
      // The media type is kept as the browser declared it, without parameters; downloads send it
      // back with nosniff and as an attachment, so a file declared as a page never runs as one.
      String bare = bareMediaType(file.getContentType());
      try {
        attachments.add(new NewAttachment(file.getOriginalFilename(), bare, file.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return attachments;
  }

  private ResponseEntity<PostedView> posted(
      String id, MessageDraft draft, String ifMatch, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    Posted posted = calls.change(actor, ticket, ifMatch, () -> desk.reply(actor, ticket, draft));
    PostedView view = PostedView.of(posted, actor, calls.apiPath());
    return DeskCalls.tagged(
        ResponseEntity.created(URI.create(calls.apiPath() + "/tickets/" + posted.ticket().id())),
        posted.ticket(),
        view);
  }

  @PostMapping(path = "/tickets/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MessageView> note(
      @PathVariable("id") String id,
      @RequestBody NoteRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    Message note =
        calls.change(actor, ticket, ifMatch, () -> desk.note(actor, ticket, request.body()));
    return ResponseEntity.status(201).body(MessageView.of(note, ticket, calls.apiPath()));
  }

  @PostMapping(path = "/tickets/{id}/notes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<MessageView> noteWithFiles(
      @PathVariable("id") String id,
      @RequestParam("body") String body,
      @RequestParam(name = "files", required = false) List<MultipartFile> files,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    MessageDraft draft = new MessageDraft(body, uploaded(files));
    Message note = calls.change(actor, ticket, ifMatch, () -> desk.note(actor, ticket, draft));
    return ResponseEntity.status(201).body(MessageView.of(note, ticket, calls.apiPath()));
  }

  @GetMapping("/tickets/{id}/messages/{messageId}/attachments/{index}")
  ResponseEntity<Resource> attachment(
      @PathVariable("id") String id,
      @PathVariable("messageId") String messageId,
      @PathVariable("index") int index,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    MessageId message;
    try {
      message = new MessageId(UUID.fromString(messageId));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("messageId", "must be a UUID (was '" + messageId + "')");
    }
    AttachmentContent content =
        calls.inTransaction(
            () -> {
              Attachment file =
                  calls.visible(actor, ticket).conversation().stream()
                      .filter(m -> m.id().equals(message))
                      .findFirst()
                      .filter(m -> index >= 0 && index < m.attachments().size())
                      .map(m -> m.attachments().get(index))
                      .orElseThrow(
                          () -> new NotFoundException("attachment", messageId + "/" + index));
              return desk.attachment(actor, ticket, file.ref());
            });
    Attachment file = content.attachment();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.mediaType()))
        .contentLength(file.size())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(file.name(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        // Opened directly anyway, the file runs nothing and loads nothing.
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .body(new ByteArrayResource(content.bytes()));
  }

  // ------------------------------------------------------------------ the customer's answers

  @PostMapping(path = "/tickets/{id}/rating", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> rate(
      @PathVariable("id") String id,
      @RequestBody RatingRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    if (request.rating() == null) {
      throw new ValidationException("rating", "must be GOOD or BAD");
    }
    return changed(
        actor,
        calls.change(
            actor,
            ticket,
            ifMatch,
            () ->
                desk.rate(
                    actor,
                    ticket,
                    request.rating(),
                    request.comment() == null ? "" : request.comment())));
  }

  @GetMapping("/tickets/{id}/suggested-answers")
  List<SuggestedAnswerView> suggestedAnswers(
      @PathVariable("id") String id, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return calls.inTransaction(
        () -> {
          calls.visible(actor, ticket);
          return SuggestedAnswerView.all(desk.suggestedAnswers(actor, ticket));
        });
  }

  @PostMapping("/tickets/{id}/suggested-answers/{articleId}/accept")
  ResponseEntity<TicketView> acceptAnswer(
      @PathVariable("id") String id,
      @PathVariable("articleId") String articleId,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    ArticleId article = new ArticleId(articleId);
    return changed(
        actor,
        calls.change(actor, ticket, ifMatch, () -> desk.acceptAnswer(actor, ticket, article)));
  }

  // ------------------------------------------------------------------ working the ticket (staff)

  @PostMapping(path = "/tickets/{id}/macro", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<PostedView> applyMacro(
      @PathVariable("id") String id,
      @RequestBody MacroRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    Posted posted =
        calls.change(actor, ticket, ifMatch, () -> desk.applyMacro(actor, ticket, request.name()));
    return DeskCalls.tagged(
        ResponseEntity.ok(), posted.ticket(), PostedView.of(posted, actor, calls.apiPath()));
  }

  @PutMapping(path = "/tickets/{id}/assignee", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> assign(
      @PathVariable("id") String id,
      @RequestBody AssigneeRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    AgentId agent = AgentId.of(request.agentId());
    return changed(
        actor,
        calls.change(
            actor,
            ticket,
            ifMatch,
            () -> desk.assign(actor, ticket, agent, Boolean.TRUE.equals(request.overCapacity()))));
  }

  @DeleteMapping("/tickets/{id}/assignee")
  ResponseEntity<TicketView> unassign(
      @PathVariable("id") String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return changed(actor, calls.change(actor, ticket, ifMatch, () -> desk.unassign(actor, ticket)));
  }

  @PutMapping(path = "/tickets/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> status(
      @PathVariable("id") String id,
      @RequestBody StatusRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    if (request.status() == null) {
      throw new ValidationException("status", "must be one of " + List.of(Status.values()));
    }
    return changed(
        actor,
        calls.change(
            actor, ticket, ifMatch, () -> desk.changeStatus(actor, ticket, request.status())));
  }

  @PutMapping(path = "/tickets/{id}/priority", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> priority(
      @PathVariable("id") String id,
      @RequestBody PriorityRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    if (request.priority() == null) {
      throw new ValidationException("priority", "must be one of " + List.of(Priority.values()));
    }
    return changed(
        actor,
        calls.change(
            actor, ticket, ifMatch, () -> desk.changePriority(actor, ticket, request.priority())));
  }

  @PutMapping(path = "/tickets/{id}/group", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> group(
      @PathVariable("id") String id,
      @RequestBody GroupRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    GroupId group = GroupId.of(request.group());
    return changed(
        actor, calls.change(actor, ticket, ifMatch, () -> desk.changeGroup(actor, ticket, group)));
  }

  @DeleteMapping("/tickets/{id}/group")
  ResponseEntity<TicketView> clearGroup(
      @PathVariable("id") String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return changed(
        actor, calls.change(actor, ticket, ifMatch, () -> desk.clearGroup(actor, ticket)));
  }

  @PostMapping(path = "/tickets/{id}/tags", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> addTags(
      @PathVariable("id") String id,
      @RequestBody TagsRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return changed(
        actor,
        calls.change(actor, ticket, ifMatch, () -> desk.addTags(actor, ticket, request.tags())));
  }

  @DeleteMapping("/tickets/{id}/tags/{tag}")
  ResponseEntity<TicketView> removeTag(
      @PathVariable("id") String id,
      @PathVariable("tag") String tag,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return changed(
        actor,
        calls.change(actor, ticket, ifMatch, () -> desk.removeTags(actor, ticket, Set.of(tag))));
  }

  /** The people copied on the ticket, for anyone who may read it. */
  @GetMapping("/tickets/{id}/ccs")
  List<CcView> ccs(@PathVariable("id") String id, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return calls.inTransaction(() -> CcView.all(calls.visible(actor, ticket).ticket().ccs()));
  }

  /** Copies a person on the ticket: its customer, or staff. */
  @PostMapping(path = "/tickets/{id}/ccs", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> addCc(
      @PathVariable("id") String id,
      @RequestBody CcRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    Cc cc =
        new Cc(
            EmailAddress.of(Check.present("email", request.email()).strip()),
            Optional.ofNullable(request.name()));
    return changed(
        actor, calls.change(actor, ticket, ifMatch, () -> desk.addCc(actor, ticket, cc)));
  }

  /**
   * Stops copying an address on the ticket. The address is a query parameter: a local part may hold
   * a slash, which a path segment would not carry.
   */
  @DeleteMapping("/tickets/{id}/ccs")
  ResponseEntity<TicketView> removeCc(
      @PathVariable("id") String id,
      @RequestParam(name = "email", required = false) String email,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    EmailAddress address = EmailAddress.of(Check.present("email", email).strip());
    return changed(
        actor, calls.change(actor, ticket, ifMatch, () -> desk.removeCc(actor, ticket, address)));
  }

  /** Sets the fields given and leaves the others, as a merge: hence PATCH. */
  @PatchMapping(path = "/tickets/{id}/fields", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> setFields(
      @PathVariable("id") String id,
      @RequestBody FieldsRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return changed(
        actor,
        calls.change(
            actor, ticket, ifMatch, () -> desk.setFields(actor, ticket, request.fields())));
  }

  @DeleteMapping("/tickets/{id}/fields/{key}")
  ResponseEntity<TicketView> removeField(
      @PathVariable("id") String id,
      @PathVariable("key") String key,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return changed(
        actor,
        calls.change(actor, ticket, ifMatch, () -> desk.removeFields(actor, ticket, Set.of(key))));
  }

  @PostMapping(path = "/tickets/{id}/escalation", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> escalate(
      @PathVariable("id") String id,
      @RequestBody EscalationRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return changed(
        actor,
        calls.change(actor, ticket, ifMatch, () -> desk.escalate(actor, ticket, request.reason())));
  }

  @PostMapping(path = "/tickets/{id}/links", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> link(
      @PathVariable("id") String id,
      @RequestBody LinkRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    TicketId other = TicketId.parse(request.ticketId());
    if (request.kind() == null) {
      throw new ValidationException("kind", "must be one of " + List.of(LinkKind.values()));
    }
    return changed(
        actor,
        calls.change(
            actor, ticket, ifMatch, () -> desk.link(actor, ticket, other, request.kind())));
  }

  @DeleteMapping("/tickets/{id}/links/{otherId}")
  ResponseEntity<TicketView> unlink(
      @PathVariable("id") String id,
      @PathVariable("otherId") String otherId,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    TicketId other = TicketId.parse(otherId);
    return changed(
        actor, calls.change(actor, ticket, ifMatch, () -> desk.unlink(actor, ticket, other)));
  }

  @PostMapping(path = "/tickets/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> merge(
      @PathVariable("id") String id,
      @RequestBody MergeRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId duplicate = TicketId.parse(id);
    TicketId into = TicketId.parse(request.into());
    return changed(
        actor, calls.change(actor, duplicate, ifMatch, () -> desk.merge(actor, duplicate, into)));
  }

  @GetMapping("/tickets/{id}/sla")
  List<SlaView> sla(@PathVariable("id") String id, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    return calls.inTransaction(
        () -> {
          calls.visible(actor, ticket);
          return desk.slaStatus(actor, ticket).stream().map(SlaView::of).toList();
        });
  }

  // ------------------------------------------------------------------ live

  @GetMapping(path = "/tickets/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@PathVariable("id") String id, Authentication authentication) {
    Actor actor = calls.actor(authentication);
    TicketId ticket = TicketId.parse(id);
    calls.inTransaction(() -> calls.visible(actor, ticket));
    return streams.open(
        authentication.getName(),
        calls.apiPath(),
        listener -> desk.subscribe(actor, ticket, listener));
  }

  private static String bareMediaType(String declared) {
    if (declared == null || declared.isBlank()) {
      return MediaType.APPLICATION_OCTET_STREAM_VALUE;
    }
    try {
      MediaType type = MediaType.parseMediaType(declared);
      return type.getType() + "/" + type.getSubtype();
    } catch (InvalidMediaTypeException e) {
      throw new ValidationException(
          "attachment.mediaType", "must look like type/subtype (was '" + declared + "')");
    }
  }

  private static ResponseEntity<TicketView> changed(Actor actor, Ticket ticket) {
    return DeskCalls.tagged(ResponseEntity.ok(), ticket, TicketView.of(ticket, actor));
  }
}
