package dev.helpdesk.audit;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.Optional;

/**
 * Which audit records to list, newest first: optionally only one actor's or one subject's, only
 * those after a place in the order (the last record of the previous page), and at most {@code
 * limit}.
 */
public record AuditQuery(
    Optional<Actor> actor,
    Optional<String> subject,
    Optional<AuditRecord.Position> after,
    int limit) {

  /** The most records one query returns. */
  public static final int MAX_LIMIT = 500;

  /** Validates the limit and the subject. */
  public AuditQuery {
    Check.present("actor", actor);
    Check.present("subject", subject);
    subject.ifPresent(s -> Check.line("subject", s, AuditRecord.MAX_SUBJECT_LENGTH));
    Check.present("after", after);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "must be 1 to " + MAX_LIMIT + " (was " + limit + ")");
    }
  }

  /** The newest {@code limit} records of everyone. */
  public static AuditQuery newest(int limit) {
    return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  /** Only the changes {@code actor} made. */
  public AuditQuery by(Actor actor) {
    return new AuditQuery(Optional.of(actor), subject, after, limit);
  }

  /** Only the changes to {@code subject} (an agent's or a notification's id). */
  public AuditQuery about(String subject) {
    return new AuditQuery(actor, Optional.of(subject), after, limit);
  }

  /** Only the records after {@code position}, newest first. */
  public AuditQuery after(AuditRecord.Position position) {
    return new AuditQuery(actor, subject, Optional.of(position), limit);
  }

  /** With another limit. */
  public AuditQuery withLimit(int limit) {
    return new AuditQuery(actor, subject, after, limit);
  }

  /** Whether {@code record} is one this query asks for, the limit aside. */
  public boolean matches(AuditRecord record) {
    return actor.map(record.actor()::equals).orElse(true)
        && subject.map(record.subject()::equals).orElse(true)
        && after.map(p -> p.isBefore(record.at(), record.id())).orElse(true);
  }
}
