package dev.helpdesk.ticket;

import dev.helpdesk.common.ValidationException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The table of status moves an agent (or the system) may make. An application that works
 * differently supplies its own table to the desk's builder, without forking.
 *
 * <p>Some rules hold whatever the table says, because the rest of the desk relies on them:
 *
 * <ul>
 *   <li>nothing moves back to {@link Status#NEW}, and nothing leaves {@link Status#CLOSED};
 *   <li>{@link Status#SOLVED} requires an assignee;
 *   <li>the automatic moves (assigning a NEW ticket opens it; a customer's public reply on PENDING,
 *       ON_HOLD or SOLVED opens it; the sweep closes SOLVED tickets) happen only where the table
 *       allows them.
 * </ul>
 *
 * <p>The default table:
 *
 * <pre>
 * NEW     -&gt; OPEN, PENDING, ON_HOLD, SOLVED
 * OPEN    -&gt; PENDING, ON_HOLD, SOLVED
 * PENDING -&gt; OPEN, ON_HOLD, SOLVED
 * ON_HOLD -&gt; OPEN, PENDING, SOLVED
 * SOLVED  -&gt; OPEN (reopen), CLOSED
 * CLOSED  -&gt; (nothing)
 * </pre>
 */
public final class StatusTransitions {

  private static final StatusTransitions DEFAULTS =
      builder()
          .allow(Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED)
          .allow(Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED)
          .allow(Status.PENDING, Status.OPEN, Status.ON_HOLD, Status.SOLVED)
          .allow(Status.ON_HOLD, Status.OPEN, Status.PENDING, Status.SOLVED)
          .allow(Status.SOLVED, Status.OPEN, Status.CLOSED)
          .build();

  private final Map<Status, Set<Status>> allowed;

  private StatusTransitions(Map<Status, Set<Status>> allowed) {
    this.allowed = allowed;
  }

  /** The default table, after Zendesk's fixed rules. */
  public static StatusTransitions defaults() {
    return DEFAULTS;
  }

  /** An empty table to fill with {@link Builder#allow(Status, Status...)}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the table allows moving from {@code from} to {@code to}. */
  public boolean allows(Status from, Status to) {
    return allowed.get(from).contains(to);
  }

  /** The statuses reachable from {@code from} in one move. */
  public Set<Status> from(Status from) {
    return allowed.get(from);
  }

  @Override
  public String toString() {
    return "StatusTransitions" + allowed;
  }

  /** Builds a {@link StatusTransitions} table. */
  public static final class Builder {
    private final Map<Status, EnumSet<Status>> allowed = new EnumMap<>(Status.class);

    private Builder() {
      for (Status s : Status.values()) {
        allowed.put(s, EnumSet.noneOf(Status.class));
      }
    }

    /**
     * Allows moving from {@code from} to each of {@code to}.
     *
     * @throws ValidationException for a move into NEW, out of CLOSED, or to the same status
     */
    public Builder allow(Status from, Status... to) {
      for (Status target : to) {
        if (target == Status.NEW) {
          throw new ValidationException("transitions", "must not lead back to NEW");
        }
        if (from == Status.CLOSED) {
          throw new ValidationException("transitions", "must not lead out of CLOSED");
        }
        if (target == from) {
          throw new ValidationException("transitions", "must not lead from " + from + " to itself");
        }
        allowed.get(from).add(target);
      }
      return this;
    }

    /** Builds the immutable table. */
    public StatusTransitions build() {
      Map<Status, Set<Status>> copy = new EnumMap<>(Status.class);
      allowed.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(EnumSet.copyOf(v))));
      return new StatusTransitions(Collections.unmodifiableMap(copy));
    }
  }
}
