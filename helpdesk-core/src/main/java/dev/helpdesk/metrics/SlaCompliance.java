package dev.helpdesk.metrics;

import dev.helpdesk.common.ValidationException;
import java.util.OptionalDouble;

/**
 * How many cycles of one SLA target were kept and how many broken.
 *
 * @param met cycles that ended (reply given, ticket solved) before they fell due
 * @param breached cycles that fell due unmet
 */
public record SlaCompliance(long met, long breached) {

  /** No cycle. */
  public static final SlaCompliance NONE = new SlaCompliance(0, 0);

  /** Validates the counts. */
  public SlaCompliance {
    if (met < 0 || breached < 0) {
      throw new ValidationException("met", "and breached must not be negative");
    }
  }

  /** Every cycle counted. */
  public long cycles() {
    return met + breached;
  }

  /** The share of cycles met, from 0 to 1; empty when there were none. */
  public OptionalDouble compliance() {
    return cycles() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) met / cycles());
  }

  /** These counts plus {@code other}'s. */
  public SlaCompliance plus(SlaCompliance other) {
    return new SlaCompliance(met + other.met, breached + other.breached);
  }
}
