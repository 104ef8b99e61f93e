package dev.helpdesk.ticket;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What it takes to open a ticket. Validated when built, with the same limits as {@link Ticket}, so
 * a bad request fails before anything is stored. Build one with {@link #builder()}.
 *
 * @param requester the customer asking
 * @param subject one line, not blank
 * @param description the customer's words; may be empty
 * @param channel where it came in
 * @param priority how urgent
 * @param tags labels
 * @param customFields string key/value pairs, including the booking reference
 * @param group the team to route it to, if any
 * @param acknowledge whether the customer is sent the instant acknowledgement ({@code
 *     TICKET_RECEIVED}); an intake turns it off for mail that must not be answered automatically
 *     (auto-replies, mailing lists, a sender over the acknowledgement limit)
 */
public record NewTicket(
    Customer requester,
    String subject,
    String description,
    Channel channel,
    Priority priority,
    Set<String> tags,
    Map<String, String> customFields,
    Optional<GroupId> group,
    boolean acknowledge) {

  /** Validates the request. */
  public NewTicket {
    Check.present("requester", requester);
    subject = Ticket.checkSubject(subject);
    description = Ticket.checkDescription(description);
    Check.present("channel", channel);
    Check.present("priority", priority);
    tags = Ticket.checkTags(tags);
    customFields = Ticket.checkCustomFields(customFields);
    Check.present("group", group);
  }

  /** A request whose customer is acknowledged, as most are. */
  public NewTicket(
      Customer requester,
      String subject,
      String description,
      Channel channel,
      Priority priority,
      Set<String> tags,
      Map<String, String> customFields,
      Optional<GroupId> group) {
    this(requester, subject, description, channel, priority, tags, customFields, group, true);
  }

  /**
   * A builder with channel {@link Channel#WEB}, priority {@link Priority#NORMAL}, acknowledgement
   * on.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewTicket}; {@link #build()} validates. */
  public static final class Builder {
    private Customer requester;
    private String subject;
    private String description = "";
    private Channel channel = Channel.WEB;
    private Priority priority = Priority.NORMAL;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, String> customFields = new LinkedHashMap<>();
    private GroupId group;
    private boolean acknowledge = true;

    private Builder() {}

    /** The customer asking. */
    public Builder requester(Customer requester) {
      this.requester = requester;
      return this;
    }

    /** The customer asking, by id, name and address. */
    public Builder requester(String customerId, String name, String email) {
      return requester(new Customer(CustomerId.of(customerId), name, EmailAddress.of(email)));
    }

    /** One line, not blank. */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** The customer's words; {@code null} or empty for none (the default). */
    public Builder description(String description) {
      this.description = description == null ? "" : description;
      return this;
    }

    /** Where it came in; default {@link Channel#WEB}. */
    public Builder channel(Channel channel) {
      this.channel = channel;
      return this;
    }

    /** How urgent; default {@link Priority#NORMAL}. */
    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    /** Adds a tag. */
    public Builder tag(String tag) {
      tags.add(tag);
      return this;
    }

    /** Sets a custom field. */
    public Builder field(String key, String value) {
      customFields.put(key, value);
      return this;
    }

    /**
     * Links the ticket to a booking; stored as the custom field {@link Ticket#BOOKING_REFERENCE}.
     */
    public Builder bookingReference(String reference) {
      return field(Ticket.BOOKING_REFERENCE, reference);
    }

    /**
     * The language the customer writes in (e.g. {@code Locale.GERMAN}), stored as the custom field
     * {@link Ticket#LOCALE}; instant answers are picked in it. Without it, English is assumed.
     */
    public Builder locale(Locale locale) {
      return field(Ticket.LOCALE, Check.present("locale", locale).toLanguageTag());
    }

    /** Routes the ticket to a team. */
    public Builder group(String group) {
      this.group = GroupId.of(group);
      return this;
    }

    /**
     * Whether the customer is sent the instant acknowledgement; default {@code true}. Turn it off
     * for requests that must not be answered automatically, such as an auto-reply received by mail.
     */
    public Builder acknowledge(boolean acknowledge) {
      this.acknowledge = acknowledge;
      return this;
    }

    /** Validates and builds. */
    public NewTicket build() {
      return new NewTicket(
          requester,
          subject,
          description,
          channel,
          priority,
          tags,
          customFields,
          Optional.ofNullable(group),
          acknowledge);
    }
  }
}
