package dev.helpdesk.sla;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Ticket;
import java.util.Locale;

/** A condition on a ticket's fields that a {@link SlaPolicy} requires; combine with and/or. */
@FunctionalInterface
public interface TicketMatch {

  /** Whether the ticket satisfies the condition. */
  boolean test(Ticket ticket);

  /** Every ticket. */
  static TicketMatch any() {
    return t -> true;
  }

  /** Tickets that came in on {@code channel}. */
  static TicketMatch channel(Channel channel) {
    Check.present("channel", channel);
    return t -> t.channel() == channel;
  }

  /** Tickets carrying {@code tag} (tags are lower case). */
  static TicketMatch tag(String tag) {
    String t = Check.line("tag", tag, 50).toLowerCase(Locale.ROOT);
    return ticket -> ticket.tags().contains(t);
  }

  /** Tickets routed to {@code group}. */
  static TicketMatch group(GroupId group) {
    Check.present("group", group);
    return t -> t.group().filter(group::equals).isPresent();
  }

  /** Tickets whose custom field {@code key} equals {@code value}. */
  static TicketMatch field(String key, String value) {
    Check.line("key", key, 64);
    Check.present("value", value);
    return t -> value.equals(t.customFields().get(key));
  }

  /** Both conditions. */
  default TicketMatch and(TicketMatch other) {
    Check.present("other", other);
    return t -> test(t) && other.test(t);
  }

  /** Either condition. */
  default TicketMatch or(TicketMatch other) {
    Check.present("other", other);
    return t -> test(t) || other.test(t);
  }

  /** The opposite condition. */
  default TicketMatch negate() {
    return t -> !test(t);
  }
}
