package dev.helpdesk.agent;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The most active tickets an agent holds at once: in all, and per channel where channels differ (a
 * chat needs the agent now, a mail can wait). Channels are named by the ticket channel's name
 * ({@code CHAT}, {@code EMAIL}, ...): the agent package cannot name the ticket's {@code Channel}
 * type, because tickets refer to agents.
 *
 * @param total the most active tickets over all channels, at least 0; {@link #UNLIMITED} for no
 *     limit
 * @param perChannel the most active tickets of one channel, for the channels that have a limit of
 *     their own; keys are upper-case channel names, values at least 0
 */
public record Capacity(int total, Map<String, Integer> perChannel) {

  /** The {@code total} of a capacity without limit. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** No limit at all: the default of {@link Agent#of}. */
  public static final Capacity NONE = new Capacity(UNLIMITED, Map.of());

  private static final Pattern CHANNEL = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

  /** Validates the limits and freezes the map. */
  public Capacity {
    if (total < 0) {
      throw new ValidationException("capacity", "must not be negative (was " + total + ")");
    }
    Check.size("capacity.perChannel", Check.present("capacity.perChannel", perChannel), 16);
    Map<String, Integer> sorted = new TreeMap<>();
    for (Map.Entry<String, Integer> e : perChannel.entrySet()) {
      String channel = Check.line("capacity.perChannel", e.getKey(), 32).toUpperCase(Locale.ROOT);
      if (!CHANNEL.matcher(channel).matches()) {
        throw new ValidationException(
            "capacity.perChannel", "keys must be channel names such as CHAT (was " + channel + ")");
      }
      Integer limit = Check.present("capacity.perChannel." + channel, e.getValue());
      if (limit < 0) {
        throw new ValidationException(
            "capacity.perChannel." + channel, "must not be negative (was " + limit + ")");
      }
      sorted.put(channel, limit);
    }
    perChannel = Collections.unmodifiableMap(sorted);
  }

  /** At most {@code total} active tickets, whatever their channel. */
  public static Capacity of(int total) {
    return new Capacity(total, Map.of());
  }

  /** This capacity with at most {@code limit} active tickets of {@code channel} (e.g. CHAT). */
  public Capacity withChannel(String channel, int limit) {
    Map<String, Integer> next = new TreeMap<>(perChannel);
    next.put(Check.line("capacity.perChannel", channel, 32).toUpperCase(Locale.ROOT), limit);
    return new Capacity(total, next);
  }

  /** The limit of one channel, by its name, when it has one of its own. */
  public java.util.OptionalInt limitOf(String channel) {
    Integer limit = perChannel.get(channel.toUpperCase(Locale.ROOT));
    return limit == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(limit);
  }

  /** Whether there is no limit at all. */
  public boolean isUnlimited() {
    return total == UNLIMITED && perChannel.isEmpty();
  }
}
