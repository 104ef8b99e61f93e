package dev.helpdesk.metrics;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.Rating;
import java.util.OptionalDouble;

/**
 * How customers rated: good and bad ratings counted.
 *
 * @param good how many rated {@link Rating#GOOD}
 * @param bad how many rated {@link Rating#BAD}
 */
public record SatisfactionScore(long good, long bad) {

  /** No rating. */
  public static final SatisfactionScore NONE = new SatisfactionScore(0, 0);

  /** Validates the counts. */
  public SatisfactionScore {
    if (good < 0 || bad < 0) {
      throw new ValidationException("good", "and bad must not be negative");
    }
  }

  /** Every rating counted. */
  public long ratings() {
    return good + bad;
  }

  /** The share of good ratings, from 0 to 1 (Zendesk's satisfaction score); empty without any. */
  public OptionalDouble score() {
    return ratings() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) good / ratings());
  }

  /** These counts plus one rating. */
  public SatisfactionScore plus(Rating rating) {
    return rating == Rating.GOOD
        ? new SatisfactionScore(good + 1, bad)
        : new SatisfactionScore(good, bad + 1);
  }

  /** These counts plus {@code other}'s. */
  public SatisfactionScore plus(SatisfactionScore other) {
    return new SatisfactionScore(good + other.good, bad + other.bad);
  }
}
