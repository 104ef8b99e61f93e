package dev.helpdesk.ticket;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.Customer;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A customer's query and everything the desk knows about its state. Immutable: each change made
 * through {@code TicketEdit} yields a new {@code Ticket} with a higher {@link #version()}, which
 * the store uses for optimistic locking. The conversation and history are kept beside the ticket by
 * the {@code Tickets} port, not inside it.
 *
 * <p>A SOLVED ticket has an assignee, with one exception: a ticket its customer solved by accepting
 * a suggested answer ({@link TicketEvent.AnswerAccepted}) before any agent took it.
 *
 * @param id technical id
 * @param key the human key, e.g. {@code HD-1042}
 * @param subject one line, at most {@value #MAX_SUBJECT_LENGTH} characters, not blank
 * @param description the customer's first words, at most {@value #MAX_DESCRIPTION_LENGTH}
 *     characters; may be empty
 * @param requester the customer who asked, as known when the ticket was opened
 * @param channel where it came in
 * @param priority how urgent
 * @param tags lower-case labels, at most {@value #MAX_TAGS}, each matching {@code
 *     [a-z0-9][a-z0-9_.:-]*} and at most {@value #MAX_TAG_LENGTH} characters
 * @param customFields string key/value pairs, at most {@value #MAX_CUSTOM_FIELDS}; keys match
 *     {@code [A-Za-z0-9_.-]+} up to {@value #MAX_FIELD_KEY_LENGTH} characters, values up to {@value
 *     #MAX_FIELD_VALUE_LENGTH}
 * @param ccs the people copied on it, at most {@value #MAX_CCS}, in the order they were added, no
 *     address twice (ignoring case) and never the requester's address; see {@link Cc}
 * @param status where it stands
 * @param assignee the agent working it, if any
 * @param group the team it is routed to, if any
 * @param followUpOf the closed ticket this one follows up, if any
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 * @param solvedAt when it was last solved, while it is SOLVED or CLOSED
 * @param version 1 when created, one more with each change
 */
public record Ticket(
    TicketId id,
    TicketKey key,
    String subject,
    String description,
    Customer requester,
    Channel channel,
    Priority priority,
    Set<String> tags,
    Map<String, String> customFields,
    List<Cc> ccs,
    Status status,
    Optional<AgentId> assignee,
    Optional<GroupId> group,
    Optional<TicketId> followUpOf,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> solvedAt,
    long version) {

  /** The longest subject accepted. */
  public static final int MAX_SUBJECT_LENGTH = 200;

  /** The longest description accepted. */
  public static final int MAX_DESCRIPTION_LENGTH = 65_536;

  /** The most tags on one ticket. */
  public static final int MAX_TAGS = 20;

  /** The longest tag accepted. */
  public static final int MAX_TAG_LENGTH = 50;

  /** The most custom fields on one ticket. */
  public static final int MAX_CUSTOM_FIELDS = 50;

  /** The longest custom field key accepted. */
  public static final int MAX_FIELD_KEY_LENGTH = 64;

  /** The longest custom field value accepted. */
  public static final int MAX_FIELD_VALUE_LENGTH = 1_000;

  /** The most people copied on one ticket. */
  public static final int MAX_CCS = 20;

  /** The custom field that holds the booking reference; see {@link #bookingReference()}. */
  public static final String BOOKING_REFERENCE = "booking_reference";

  /** The custom field that holds the customer's language; see {@link #locale()}. */
  public static final String LOCALE = "locale";

  private static final Pattern FIELD_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

  /** Validates every field and freezes the collections. */
  public Ticket {
    Check.present("ticketId", id);
    Check.present("ticketKey", key);
    subject = checkSubject(subject);
    description = checkDescription(description);
    Check.present("requester", requester);
    Check.present("channel", channel);
    Check.present("priority", priority);
    tags = checkTags(tags);
    customFields = checkCustomFields(customFields);
    ccs = checkCcs(ccs, requester);
    Check.present("status", status);
    Check.present("assignee", assignee);
    Check.present("group", group);
    Check.present("followUpOf", followUpOf);
    Check.present("createdAt", createdAt);
    Check.present("updatedAt", updatedAt);
    Check.present("solvedAt", solvedAt);
    if (version < 1) {
      throw new ValidationException("version", "must be at least 1 (was " + version + ")");
    }
    // "SOLVED needs an assignee" is a rule of the changes (TicketEdit), not of every state: a
    // customer who accepts a suggested answer solves the ticket without an agent.
  }

  /** The booking this ticket is about, if the application gave one. */
  public Optional<String> bookingReference() {
    return Optional.ofNullable(customFields.get(BOOKING_REFERENCE));
  }

  /**
   * The language the customer writes in, when the application gave one ({@link
   * NewTicket.Builder#locale}): the {@value #LOCALE} custom field as a BCP 47 tag. Instant answers
   * are picked in this language.
   */
  public Optional<Locale> locale() {
    return Optional.ofNullable(customFields.get(LOCALE))
        .map(Locale::forLanguageTag)
        .filter(l -> !l.getLanguage().isEmpty());
  }

  /** Whether {@code agent} is assigned. */
  public boolean isAssignedTo(AgentId agent) {
    return assignee.filter(agent::equals).isPresent();
  }

  static String checkSubject(String subject) {
    return Check.line("subject", subject, MAX_SUBJECT_LENGTH).strip();
  }

  static String checkDescription(String description) {
    Check.present("description", description);
    if (description.isEmpty()) {
      return description;
    }
    if (description.isBlank()) {
      return "";
    }
    return Check.text("description", description, MAX_DESCRIPTION_LENGTH);
  }

  /** Validates a ticket's tags: their count, length and letters; returns them frozen. */
  public static Set<String> checkTags(Set<String> tags) {
    return Check.labels("tags", tags, MAX_TAGS, MAX_TAG_LENGTH);
  }

  /**
   * Validates a ticket's CCs: at most {@value #MAX_CCS}, no address twice ignoring case, none the
   * requester's (who gets every reply anyway); returns them frozen.
   *
   * @throws ValidationException naming {@code ccs}
   */
  public static List<Cc> checkCcs(List<Cc> ccs, Customer requester) {
    Check.size("ccs", Check.present("ccs", ccs), MAX_CCS);
    Set<String> seen = new HashSet<>();
    for (Cc cc : ccs) {
      if (!seen.add(Cc.key(cc.email()))) {
        throw new ValidationException("ccs", "must not name " + cc.email() + " twice");
      }
      if (cc.hasAddress(requester.email())) {
        throw new ValidationException("ccs", "must not name the requester's address " + cc.email());
      }
    }
    return List.copyOf(ccs);
  }

  /** The CC with this address, ignoring case, if the ticket has one. */
  public Optional<Cc> cc(EmailAddress email) {
    return ccs.stream().filter(c -> c.hasAddress(email)).findFirst();
  }

  /**
   * Validates custom fields: their count and the shape of keys and values; returns them sorted by
   * key and frozen.
   */
  public static Map<String, String> checkCustomFields(Map<String, String> fields) {
    Check.size("customFields", Check.present("customFields", fields), MAX_CUSTOM_FIELDS);
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      String key = Check.line("customFields", e.getKey(), MAX_FIELD_KEY_LENGTH);
      if (!FIELD_KEY.matcher(key).matches()) {
        throw new ValidationException(
            "customFields", "keys must match [A-Za-z0-9_.-]+ (was '" + key + "')");
      }
      String value = Check.line("customFields." + key, e.getValue(), MAX_FIELD_VALUE_LENGTH);
      sorted.put(key, value);
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /**
   * The ticket as its customer sees it: without the team's own fields, its tags and its group (how
   * the team files and routes the ticket is the team's matter). The CCs stay: the customer chose
   * them, or is told whom staff copied.
   */
  public Ticket forCustomer() {
    return new Ticket(
        id,
        key,
        subject,
        description,
        requester,
        channel,
        priority,
        Set.of(),
        customFields,
        ccs,
        status,
        assignee,
        Optional.empty(),
        followUpOf,
        createdAt,
        updatedAt,
        solvedAt,
        version);
  }
}
