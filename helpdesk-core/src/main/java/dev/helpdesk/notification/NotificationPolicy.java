package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rules of the notification table ({@link NotificationRule#ALL}) are on, and how long a
 * notification waits for company. Set with {@code HelpDesk.builder().notifications(policy)}.
 *
 * <p><b>Coalescing.</b> What a coalescing rule ({@link NotificationRule#coalesces()}) sends is held
 * for {@link #coalescingWindow()} after the change. Whatever the desk makes for the same ticket and
 * the same recipient within that window, counted from the first one, is delivered with it as one
 * notification: an agent's reply followed by PENDING a second later is one mail with the reply and
 * the status. Changes made in one step (a customer's reply that reopens a ticket) are one mail even
 * with a window of zero.
 *
 * @param disabled the rules switched off
 * @param coalescingWindow how long a notification waits for later ones to join it; zero sends at
 *     once (only one step's notifications are then merged)
 */
public record NotificationPolicy(Set<NotificationRule> disabled, Duration coalescingWindow) {

  /**
   * One minute: long enough for a reply and a status change sent one after the other, or a few
   * quick edits of one ticket, to go out as one mail; short enough that the customer hears about as
   * fast as from a desk that sends at once and runs its mail queue every minute.
   */
  public static final Duration DEFAULT_COALESCING_WINDOW = Duration.ofMinutes(1);

  /** The longest window accepted: a notification must not wait for hours. */
  public static final Duration MAX_COALESCING_WINDOW = Duration.ofHours(1);

  /** Validates and freezes. */
  public NotificationPolicy {
    Set<NotificationRule> off = new HashSet<>();
    for (NotificationRule rule : Check.present("disabled", disabled)) {
      if (!NotificationRule.ALL.contains(Check.present("rule", rule))) {
        throw new ValidationException("rule", rule.name() + " is not a rule of the table");
      }
      off.add(rule);
    }
    disabled = Set.copyOf(off);
    Check.present("coalescingWindow", coalescingWindow);
    if (coalescingWindow.isNegative() || coalescingWindow.compareTo(MAX_COALESCING_WINDOW) > 0) {
      throw new ValidationException(
          "coalescingWindow",
          "must be between 0 and " + MAX_COALESCING_WINDOW + " (was " + coalescingWindow + ")");
    }
  }

  /** Every rule on, coalescing within {@link #DEFAULT_COALESCING_WINDOW}. */
  public static NotificationPolicy defaults() {
    return new NotificationPolicy(Set.of(), DEFAULT_COALESCING_WINDOW);
  }

  /** Whether {@code rule} is on. */
  public boolean isEnabled(NotificationRule rule) {
    return !disabled.contains(Check.present("rule", rule));
  }

  /** This policy with {@code rule} switched on or off. */
  public NotificationPolicy enabled(NotificationRule rule, boolean on) {
    Check.present("rule", rule);
    Set<NotificationRule> off = new HashSet<>(disabled);
    if (on) {
      off.remove(rule);
    } else {
      off.add(rule);
    }
    return new NotificationPolicy(off, coalescingWindow);
  }

  /** This policy with the rule of that name switched on or off ({@link NotificationRule#named}). */
  public NotificationPolicy enabled(String rule, boolean on) {
    return enabled(NotificationRule.named(rule), on);
  }

  /** This policy with {@code rule} switched off. */
  public NotificationPolicy without(NotificationRule rule) {
    return enabled(rule, false);
  }

  /** This policy with another coalescing window. */
  public NotificationPolicy coalescingWindow(Duration window) {
    return new NotificationPolicy(disabled, window);
  }

  /** The rules that are on, in the table's order. */
  public List<NotificationRule> enabledRules() {
    return NotificationRule.ALL.stream().filter(this::isEnabled).toList();
  }
}
