package dev.helpdesk.audit;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One staff change, as the audit keeps it: who ({@code actor}) did what ({@code action}) to which
 * thing ({@code subject}), at the desk clock's instant {@code at}, with short summaries of the
 * thing before and after (empty when it did not exist before). The summaries hold what staff may
 * see anyway (names, groups, availability, states), never secrets.
 *
 * @param id unique among records; with {@code at} it orders records that share an instant
 */
public record AuditRecord(
    String id,
    Instant at,
    Actor actor,
    StaffAction action,
    String subject,
    Map<String, String> before,
    Map<String, String> after) {

  /** The longest id, subject, summary key; ids the desk makes are UUIDs. */
  public static final int MAX_ID_LENGTH = 36;

  /** The longest subject. */
  public static final int MAX_SUBJECT_LENGTH = 200;

  /** The most entries in one summary. */
  public static final int MAX_ENTRIES = 20;

  /** The longest key of a summary. */
  public static final int MAX_KEY_LENGTH = 50;

  /** The longest value of a summary. */
  public static final int MAX_VALUE_LENGTH = 1000;

  /** Newest first: by instant, then by id, both descending. */
  public static final Comparator<AuditRecord> NEWEST_FIRST =
      Comparator.comparing(AuditRecord::at).thenComparing(AuditRecord::id).reversed();

  /** Validates every part; the summaries are copied, ordered by key. */
  public AuditRecord {
    Check.line("auditId", id, MAX_ID_LENGTH);
    Check.present("at", at);
    Check.present("actor", actor);
    Check.present("action", action);
    Check.line("subject", subject, MAX_SUBJECT_LENGTH);
    before = summary("before", before);
    after = summary("after", after);
  }

  /** Where this record stands in the newest-first order, for asking for the records after it. */
  public Position position() {
    return new Position(at, id);
  }

  /** A place in the newest-first order: the instant and id of a record. */
  public record Position(Instant at, String id) {

    /** Both are required. */
    public Position {
      Check.present("at", at);
      Check.line("auditId", id, MAX_ID_LENGTH);
    }

    /** Whether a record at {@code at} with {@code id} comes after this place, newest first. */
    public boolean isBefore(Instant at, String id) {
      int byTime = at.compareTo(this.at);
      return byTime < 0 || (byTime == 0 && id.compareTo(this.id) < 0);
    }
  }

  private static Map<String, String> summary(String name, Map<String, String> values) {
    Check.present(name, values);
    if (values.size() > MAX_ENTRIES) {
      throw new ValidationException(name, "has more than " + MAX_ENTRIES + " entries");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          Check.line(name + " key", key, MAX_KEY_LENGTH);
          Check.present(name + " value", value);
          if (value.length() > MAX_VALUE_LENGTH) {
            throw new ValidationException(
                name, "value of " + key + " is longer than " + MAX_VALUE_LENGTH);
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
