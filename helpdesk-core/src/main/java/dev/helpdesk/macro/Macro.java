package dev.helpdesk.macro;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A canned response: a named reply template and the fields it sets, applied by an agent to a ticket
 * in one step ({@code desk.applyMacro(agent, ticketId, "refund-issued")}): the reply is posted and
 * the fields are changed in one atomic change, under the usual rules and with the usual
 * notifications.
 *
 * <pre>{@code
 * Macro refund = Macro.builder("refund-issued")
 *     .reply("Hello {{customer.name}}, we refunded booking {{booking_reference}}. {{agent.name}}")
 *     .status(Status.SOLVED)
 *     .tag("refund")
 *     .build();
 * }</pre>
 *
 * <p>Placeholders, resolved when the macro is applied:
 *
 * <table>
 *   <caption>placeholders</caption>
 *   <tr><td>{@code {{customer.name}}}</td><td>the requester's name</td></tr>
 *   <tr><td>{@code {{customer.email}}}</td><td>the requester's address</td></tr>
 *   <tr><td>{@code {{ticket.key}}}</td><td>the ticket's key, e.g. HD-1042</td></tr>
 *   <tr><td>{@code {{ticket.subject}}}</td><td>the ticket's subject</td></tr>
 *   <tr><td>{@code {{agent.name}}}</td><td>the name of the agent applying it</td></tr>
 *   <tr><td>{@code {{booking_reference}}}</td><td>the ticket's booking reference</td></tr>
 * </table>
 *
 * <p>An unknown placeholder is refused when the macro is built; applying a macro that uses {@code
 * {{booking_reference}}} to a ticket without one is refused rather than sending a reply with a hole
 * in it.
 *
 * @param name how agents pick it, one line of at most {@value
 *     TicketEvent.MacroApplied#MAX_NAME_LENGTH} characters; unique on a desk
 * @param reply the public reply it posts, with placeholders
 * @param status the status it moves the ticket to, if any (not NEW)
 * @param priority the priority it sets, if any
 * @param group the group it routes the ticket to, if any
 * @param tags tags it adds (same limits as a ticket's)
 * @param fields custom fields it sets (same limits as a ticket's); a desk that declares its fields
 *     refuses, when it is built, a macro whose fields do not suit them
 */
public record Macro(
    String name,
    String reply,
    Optional<Status> status,
    Optional<Priority> priority,
    Optional<GroupId> group,
    Set<String> tags,
    Map<String, String> fields) {

  /** The placeholder of the requester's name. */
  public static final String CUSTOMER_NAME = "customer.name";

  /** The placeholder of the requester's address. */
  public static final String CUSTOMER_EMAIL = "customer.email";

  /** The placeholder of the ticket's key. */
  public static final String TICKET_KEY = "ticket.key";

  /** The placeholder of the ticket's subject. */
  public static final String TICKET_SUBJECT = "ticket.subject";

  /** The placeholder of the applying agent's name. */
  public static final String AGENT_NAME = "agent.name";

  /** The placeholder of the ticket's booking reference. */
  public static final String BOOKING_REFERENCE = Ticket.BOOKING_REFERENCE;

  /** Every placeholder a reply may use. */
  public static final Set<String> PLACEHOLDERS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  CUSTOMER_NAME,
                  CUSTOMER_EMAIL,
                  TICKET_KEY,
                  TICKET_SUBJECT,
                  AGENT_NAME,
                  BOOKING_REFERENCE)));

  /** Validates the macro: its name, its fields, and every placeholder of its reply. */
  public Macro {
    name = Check.line("name", name, TicketEvent.MacroApplied.MAX_NAME_LENGTH).strip();
    Check.text("reply", reply, Message.MAX_BODY_LENGTH);
    Template.parse("reply", reply, PLACEHOLDERS);
    Check.present("status", status);
    if (status.filter(s -> s == Status.NEW).isPresent()) {
      throw new ValidationException("status", "must not be NEW: nothing goes back to NEW");
    }
    Check.present("priority", priority);
    Check.present("group", group);
    tags = Check.labels("tags", tags, Ticket.MAX_TAGS, Ticket.MAX_TAG_LENGTH);
    fields = Ticket.checkCustomFields(fields);
  }

  /** A macro that sets no custom fields, as macros were before they could. */
  public Macro(
      String name,
      String reply,
      Optional<Status> status,
      Optional<Priority> priority,
      Optional<GroupId> group,
      Set<String> tags) {
    this(name, reply, status, priority, group, tags, Map.of());
  }

  /** A builder for the macro called {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The placeholders the reply uses, in order of first use. */
  public Set<String> placeholders() {
    return Template.parse("reply", reply, PLACEHOLDERS).placeholders();
  }

  /**
   * The reply for {@code ticket}, written by the agent called {@code agentName}.
   *
   * @throws ValidationException naming {@code booking_reference} when the reply uses it and the
   *     ticket has none
   */
  public String replyFor(Ticket ticket, String agentName) {
    Check.present("ticket", ticket);
    Check.present("agentName", agentName);
    Template template = Template.parse("reply", reply, PLACEHOLDERS);
    Map<String, String> values = new HashMap<>();
    values.put(CUSTOMER_NAME, ticket.requester().name());
    values.put(CUSTOMER_EMAIL, ticket.requester().email().value());
    values.put(TICKET_KEY, ticket.key().value());
    values.put(TICKET_SUBJECT, ticket.subject());
    values.put(AGENT_NAME, agentName);
    ticket.bookingReference().ifPresent(r -> values.put(BOOKING_REFERENCE, r));
    if (template.placeholders().contains(BOOKING_REFERENCE)
        && ticket.bookingReference().isEmpty()) {
      throw new ValidationException(
          BOOKING_REFERENCE,
          "is used by macro '"
              + name
              + "' but ticket "
              + ticket.key()
              + " has no booking reference");
    }
    return template.render(values);
  }

  /** Builds a {@link Macro}; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private String reply;
    private Status status;
    private Priority priority;
    private GroupId group;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, String> fields = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    /** The public reply, with placeholders. */
    public Builder reply(String reply) {
      this.reply = reply;
      return this;
    }

    /** The status to move the ticket to. */
    public Builder status(Status status) {
      this.status = status;
      return this;
    }

    /** The priority to set. */
    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    /** The group to route the ticket to. */
    public Builder group(String group) {
      this.group = GroupId.of(group);
      return this;
    }

    /** A tag to add. */
    public Builder tag(String tag) {
      tags.add(tag);
      return this;
    }

    /** A custom field to set. */
    public Builder field(String key, String value) {
      fields.put(key, value);
      return this;
    }

    /** Validates and builds. */
    public Macro build() {
      return new Macro(
          name,
          reply,
          Optional.ofNullable(status),
          Optional.ofNullable(priority),
          Optional.ofNullable(group),
          tags,
          fields);
    }
  }
}
