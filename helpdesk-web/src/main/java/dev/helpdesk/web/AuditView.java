package dev.helpdesk.web;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One staff change as {@code GET /api/audit} answers it, and the texts that name an actor ({@code
 * agent:a-1}, as {@link Actor#describe()} writes it) and a place in the listing (the cursor: the
 * last record's instant and id).
 */
record AuditView(
    String id,
    Instant at,
    Views.ActorView actor,
    StaffAction action,
    String subject,
    Map<String, String> before,
    Map<String, String> after) {

  static AuditView of(AuditRecord r) {
    return new AuditView(
        r.id(),
        r.at(),
        Views.ActorView.of(r.actor()),
        r.action(),
        r.subject(),
        r.before(),
        r.after());
  }

  /** The cursor after {@code last}: its instant, an underscore, its id (neither holds one). */
  static String cursor(AuditRecord last) {
    return last.at() + "_" + last.id();
  }

  static AuditRecord.Position position(String cursor) {
    int space = cursor.indexOf('_');
    try {
      if (space < 0) {
        throw new ValidationException("cursor", "is not one this listing gave");
      }
      return new AuditRecord.Position(
          Instant.parse(cursor.substring(0, space)), cursor.substring(space + 1));
    } catch (DateTimeParseException e) {
      throw new ValidationException("cursor", "is not one this listing gave");
    }
  }

  static Actor actor(String described) {
    int colon = described.indexOf(':');
    String kind = colon < 0 ? "" : described.substring(0, colon);
    String id = described.substring(colon + 1);
    return switch (kind) {
      case "customer" -> Actor.customer(id);
      case "agent" -> Actor.agent(id);
      case "system" -> Actor.system(id);
      default ->
          throw new ValidationException(
              "actor", "must be customer:<id>, agent:<id> or system:<name>");
    };
  }
}
