package dev.helpdesk.pending;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.Optional;

/**
 * What the desk does while a ticket waits in PENDING for its customer: remind them, remind them
 * again, then solve the ticket. Each step is optional and counted in business time (the SLA
 * calendar, or every hour without SLAs) from the step before it:
 *
 * <ul>
 *   <li>the first reminder, {@code firstReminder} after the ticket entered PENDING;
 *   <li>the second reminder, {@code secondReminder} after the first (it needs a first);
 *   <li>the auto-solve, {@code autoSolve} after the last reminder, or after entering PENDING when
 *       there is none.
 * </ul>
 *
 * <p>Set globally with {@code HelpDesk.builder().pendingFollowUp(...)} or per SLA policy with
 * {@code SlaPolicy.Builder#pendingFollowUp}; a policy's value wins, and {@link #off()} on a policy
 * switches the follow-up off for its tickets.
 *
 * <pre>{@code
 * PendingFollowUp followUp = PendingFollowUp.builder()
 *     .firstReminder(Duration.ofHours(16))  // two working days of 8 hours
 *     .secondReminder(Duration.ofHours(16))
 *     .autoSolve(Duration.ofHours(24))
 *     .build();
 * }</pre>
 *
 * @param firstReminder business time in PENDING before the first reminder; empty for none
 * @param secondReminder business time after the first reminder before the second; empty for none
 * @param autoSolve business time after the last reminder (or entering PENDING) before the ticket is
 *     solved; empty to leave it PENDING
 * @throws ValidationException naming the field if a duration is not positive or longer than {@link
 *     #MAX_DELAY}, or if there is a second reminder without a first
 */
public record PendingFollowUp(
    Optional<Duration> firstReminder,
    Optional<Duration> secondReminder,
    Optional<Duration> autoSolve) {

  /** The longest delay a step may have. */
  public static final Duration MAX_DELAY = Duration.ofDays(365);

  private static final PendingFollowUp OFF =
      new PendingFollowUp(Optional.empty(), Optional.empty(), Optional.empty());

  /** Validates the steps. */
  public PendingFollowUp {
    delay("firstReminder", firstReminder);
    delay("secondReminder", secondReminder);
    delay("autoSolve", autoSolve);
    if (secondReminder.isPresent() && firstReminder.isEmpty()) {
      throw new ValidationException("secondReminder", "needs a firstReminder before it");
    }
  }

  /** No step at all: on an SLA policy, switches a global follow-up off for its tickets. */
  public static PendingFollowUp off() {
    return OFF;
  }

  /** A builder with every step off. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether no step is set. */
  public boolean isOff() {
    return firstReminder.isEmpty() && secondReminder.isEmpty() && autoSolve.isEmpty();
  }

  /** The delay before {@code step}, counted from the step before it; empty when it is off. */
  public Optional<Duration> delayOf(FollowUpStep step) {
    Check.present("step", step);
    return switch (step) {
      case FIRST_REMINDER -> firstReminder;
      case SECOND_REMINDER -> secondReminder;
      case AUTO_SOLVE -> autoSolve;
    };
  }

  private static void delay(String field, Optional<Duration> delay) {
    Check.present(field, delay);
    if (delay.isEmpty()) {
      return;
    }
    Duration d = delay.get();
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(field, "must be positive (was " + d + ")");
    }
    if (d.compareTo(MAX_DELAY) > 0) {
      throw new ValidationException(field, "must be at most " + MAX_DELAY + " (was " + d + ")");
    }
  }

  /** Builds a {@link PendingFollowUp}; every step is off until set. */
  public static final class Builder {
    private Optional<Duration> firstReminder = Optional.empty();
    private Optional<Duration> secondReminder = Optional.empty();
    private Optional<Duration> autoSolve = Optional.empty();

    private Builder() {}

    /** The first reminder, this business time after the ticket entered PENDING. */
    public Builder firstReminder(Duration after) {
      this.firstReminder = Optional.of(Check.present("firstReminder", after));
      return this;
    }

    /** The second reminder, this business time after the first. */
    public Builder secondReminder(Duration after) {
      this.secondReminder = Optional.of(Check.present("secondReminder", after));
      return this;
    }

    /** The auto-solve, this business time after the last reminder (or entering PENDING). */
    public Builder autoSolve(Duration after) {
      this.autoSolve = Optional.of(Check.present("autoSolve", after));
      return this;
    }

    /**
     * Builds the follow-up.
     *
     * @throws ValidationException naming the field that is wrong
     */
    public PendingFollowUp build() {
      return new PendingFollowUp(firstReminder, secondReminder, autoSolve);
    }
  }
}
