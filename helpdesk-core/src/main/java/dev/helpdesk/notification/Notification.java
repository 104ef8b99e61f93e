package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A message to deliver to a customer or an agent, self-contained so that it can wait in an outbox
 * and be delivered later by another process without reading the ticket again.
 *
 * @param id the notification's id, stable across retries
 * @param kind what it tells
 * @param recipient who it is for
 * @param ticketId the ticket it is about
 * @param ticketKey the ticket's human key, e.g. {@code HD-1042}
 * @param ticketSubject the ticket's subject when the notification was made
 * @param values what the template needs beyond the ticket: see {@link #BODY}, {@link #STATUS},
 *     {@link #FIRST_REPLY_DUE}, {@link #AUTHOR}, {@link #SLA_TARGET}, {@link #SLA_DUE}, {@link
 *     #REMINDER}, {@link #AUTO_SOLVE_AT}, {@link #answerTitle}, {@link #LOCALE}, {@link #MESSAGE},
 *     {@link #attachmentName} and the other keys of the files of the message announced
 * @param createdAt when the desk made it
 * @param notBefore when it may be delivered at the earliest, {@code createdAt} or later: the end of
 *     its coalescing window, so that later changes for the same recipient can join it
 * @param coalescingKey what it is merged by: notifications with the same key (one ticket, one
 *     recipient) that wait in the outbox together are delivered as one ({@link #COALESCED}); empty
 *     for a notification that is always delivered alone
 */
public record Notification(
    NotificationId id,
    NotificationKind kind,
    Recipient recipient,
    TicketId ticketId,
    TicketKey ticketKey,
    String ticketSubject,
    Map<String, String> values,
    Instant createdAt,
    Instant notBefore,
    Optional<String> coalescingKey) {

  /** The longest {@link #coalescingKey}. */
  public static final int MAX_COALESCING_KEY_LENGTH = 300;

  /** Key of {@link #values}: the text of the reply being announced. */
  public static final String BODY = "body";

  /** Key of {@link #values}: the new status, e.g. {@code SOLVED}. */
  public static final String STATUS = "status";

  /** Key of {@link #values}: the status the ticket left. */
  public static final String PREVIOUS_STATUS = "previousStatus";

  /** Key of {@link #values}: ISO-8601 instant by which the first reply is promised. */
  public static final String FIRST_REPLY_DUE = "firstReplyDue";

  /** Key of {@link #values}: the SLA target warned or breached, e.g. {@code FIRST_REPLY}. */
  public static final String SLA_TARGET = "slaTarget";

  /** Key of {@link #values}: ISO-8601 instant at which the SLA target is (or was) due. */
  public static final String SLA_DUE = "slaDue";

  /** Key of {@link #values}: which reminder of a pending ticket this is, {@code 1} or {@code 2}. */
  public static final String REMINDER = "reminder";

  /**
   * Key of {@link #values}: ISO-8601 instant at which a pending ticket will be solved unless its
   * customer answers; on a reminder whose follow-up plans it.
   */
  public static final String AUTO_SOLVE_AT = "autoSolveAt";

  /** Key of {@link #values}: the new priority, e.g. {@code HIGH}. */
  public static final String PRIORITY = "priority";

  /** Key of {@link #values}: the priority the ticket had before. */
  public static final String PREVIOUS_PRIORITY = "previousPriority";

  /** Key of {@link #values}: the group the ticket is routed to now, absent when none. */
  public static final String GROUP = "group";

  /** Key of {@link #values}: the group the ticket was routed to before, absent when none. */
  public static final String PREVIOUS_GROUP = "previousGroup";

  /** Key of {@link #values}: what the customer wrote with a bad rating, absent when nothing. */
  public static final String COMMENT = "comment";

  /** Key of {@link #values}: the key of the ticket a merged duplicate was merged into. */
  public static final String MERGED_INTO = "mergedInto";

  /**
   * Key of {@link #values}: on a notification that several coalesced into, the kinds it stands for,
   * comma-separated, oldest first (e.g. {@code AGENT_REPLIED,STATUS_CHANGED}); its {@link #kind} is
   * the most important of them and its values hold what each of them told.
   */
  public static final String COALESCED = "coalesced";

  /** Key of {@link #values}: the display name of who wrote or did what is announced. */
  public static final String AUTHOR = "author";

  /**
   * Key of {@link #values}: the language of the ticket's customer as a BCP 47 tag, on notifications
   * written for the customer of a ticket that has one ({@link
   * dev.helpdesk.ticket.Ticket#locale()}). Delivery adapters write in it; see {@link #locale()}.
   */
  public static final String LOCALE = "locale";

  /**
   * Key of {@link #values}: on a {@link NotificationKind#WEBHOOK} delivery, the id of the webhook
   * it is for. The recipient repeats it as its name, at the address {@code <id>@webhook.invalid} (a
   * domain reserved never to resolve), so that an outbox shared with mail keeps one shape.
   */
  public static final String WEBHOOK = "webhook";

  /** Key of {@link #values}: on a webhook delivery, its event type, e.g. {@code ticket.created}. */
  public static final String EVENT = "event";

  /**
   * Key of {@link #values}: on a webhook delivery, the JSON body posted, made once when the change
   * is stored so that every retry sends the same bytes.
   */
  public static final String PAYLOAD = "payload";

  /**
   * Key of {@link #values}: the title of the {@code position}-th answer (from 1) suggested to the
   * customer at intake, in the acknowledgement; numbered on while there are more.
   */
  public static String answerTitle(int position) {
    return "answer." + position + ".title";
  }

  /** Key of {@link #values}: the excerpt of the {@code position}-th suggested answer. */
  public static String answerExcerpt(int position) {
    return "answer." + position + ".excerpt";
  }

  /** Key of {@link #values}: the article id of the {@code position}-th suggested answer. */
  public static String answerId(int position) {
    return "answer." + position + ".id";
  }

  /**
   * Key of {@link #values}: on an {@link NotificationKind#AGENT_REPLIED}, the id of the message it
   * announces, so that a delivery adapter can link to the message's files.
   */
  public static final String MESSAGE = "message";

  /**
   * Key of {@link #values}: the name of the {@code position}-th file (from 1) of the message
   * announced; numbered on while there are more, in the message's order. See {@link
   * #attachments()}.
   */
  public static String attachmentName(int position) {
    return "attachment." + position + ".name";
  }

  /** Key of {@link #values}: the media type of the {@code position}-th file. */
  public static String attachmentMediaType(int position) {
    return "attachment." + position + ".mediaType";
  }

  /** Key of {@link #values}: the size in bytes of the {@code position}-th file. */
  public static String attachmentSize(int position) {
    return "attachment." + position + ".size";
  }

  /**
   * Key of {@link #values}: the {@code AttachmentStore} reference of the {@code position}-th file.
   */
  public static String attachmentRef(int position) {
    return "attachment." + position + ".ref";
  }

  /**
   * Key of {@link #values}: the id of the message the {@code position}-th file belongs to, when it
   * is not {@link #MESSAGE}'s: a coalesced notification announces the files of several replies.
   */
  public static String attachmentMessage(int position) {
    return "attachment." + position + ".message";
  }

  /**
   * Key of {@link #values}: the index of the {@code position}-th file in its own message, set with
   * {@link #attachmentMessage}.
   */
  public static String attachmentIndex(int position) {
    return "attachment." + position + ".index";
  }

  /** The {@link #values} that name the message's files, as the desk writes them. */
  public static Map<String, String> attachmentValues(List<Attachment> files) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < Check.present("files", files).size(); i++) {
      Attachment a = files.get(i);
      values.put(attachmentName(i + 1), a.name());
      values.put(attachmentMediaType(i + 1), a.mediaType());
      values.put(attachmentSize(i + 1), Long.toString(a.size()));
      values.put(attachmentRef(i + 1), a.ref().value());
    }
    return values;
  }

  /**
   * The files of the message this notification announces, in the message's order (so the {@code
   * n}-th is the message's attachment at index {@code n - 1}); empty for a notification that
   * announces none. A file whose values no longer read as a file (an erased entry keeps only
   * placeholders) ends the list.
   */
  public List<Attachment> attachments() {
    List<Attachment> files = new ArrayList<>();
    for (int i = 1; values.containsKey(attachmentRef(i)); i++) {
      try {
        files.add(
            new Attachment(
                values.get(attachmentName(i)),
                values.get(attachmentMediaType(i)),
                Long.parseLong(values.get(attachmentSize(i))),
                new AttachmentRef(values.get(attachmentRef(i)))));
      } catch (ValidationException | NumberFormatException e) {
        break;
      }
    }
    return List.copyOf(files);
  }

  /** Validates the notification and freezes its values. */
  public Notification {
    Check.present("notificationId", id);
    Check.present("kind", kind);
    Check.present("recipient", recipient);
    Check.present("ticketId", ticketId);
    Check.present("ticketKey", ticketKey);
    Check.present("ticketSubject", ticketSubject);
    values = Map.copyOf(Check.present("values", values));
    Check.present("createdAt", createdAt);
    Check.present("notBefore", notBefore);
    if (notBefore.isBefore(createdAt)) {
      throw new ValidationException("notBefore", "must not be before createdAt");
    }
    Check.present("coalescingKey", coalescingKey);
    coalescingKey.ifPresent(key -> Check.line("coalescingKey", key, MAX_COALESCING_KEY_LENGTH));
    if (kind == NotificationKind.WEBHOOK
        && !(values.containsKey(WEBHOOK)
            && values.containsKey(EVENT)
            && values.containsKey(PAYLOAD))) {
      throw new ValidationException(
          "values", "a webhook delivery needs webhook, event and payload");
    }
  }

  /**
   * A notification due at once and always delivered alone: {@code notBefore} is {@code createdAt}
   * and it has no coalescing key.
   */
  public Notification(
      NotificationId id,
      NotificationKind kind,
      Recipient recipient,
      TicketId ticketId,
      TicketKey ticketKey,
      String ticketSubject,
      Map<String, String> values,
      Instant createdAt) {
    this(
        id,
        kind,
        recipient,
        ticketId,
        ticketKey,
        ticketSubject,
        values,
        createdAt,
        createdAt,
        Optional.empty());
  }

  /** The kinds this notification stands for: several if others coalesced into it, else its own. */
  public List<NotificationKind> coalescedKinds() {
    String kinds = values.get(COALESCED);
    if (kinds == null || kinds.isBlank()) {
      return List.of(kind);
    }
    return Arrays.stream(kinds.split(",")).map(NotificationKind::valueOf).toList();
  }

  /**
   * The language to write this notification in, when the desk knows it: the ticket's locale on a
   * notification to its customer ({@link #LOCALE}); empty otherwise (an agent's, or a ticket
   * without a locale), where the delivery adapter's own choice applies.
   */
  public Optional<Locale> locale() {
    return Optional.ofNullable(values.get(LOCALE))
        .map(Locale::forLanguageTag)
        .filter(l -> !l.getLanguage().isEmpty());
  }
}
