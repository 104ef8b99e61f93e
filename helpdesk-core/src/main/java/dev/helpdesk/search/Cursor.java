package dev.helpdesk.search;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.TicketKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The opaque cursor of a page: the position of its last ticket, bound to the query it came from
 * (its sort and filters, by a fingerprint) and guarded by a checksum. A cursor that was altered,
 * truncated or comes from another query is refused with a {@link ValidationException} naming {@code
 * cursor}. It is not a secret: whoever forges one still gets only what their query and their access
 * allow.
 *
 * <p>Version {@code c2} added the SLA due instant ({@link TicketSort#SLA_DUE}); a {@code c1} cursor
 * of an older desk is refused like an altered one, and its reader starts again from the first page.
 */
final class Cursor {

  private static final String VERSION = "c2";

  private static final String FORMER_VERSION = "c1";

  private Cursor() {}

  static String encode(long fingerprint, SearchPosition p) {
    String body =
        String.join(
            "|",
            VERSION,
            Long.toHexString(fingerprint),
            p.priority().name(),
            Long.toString(p.createdAt().getEpochSecond()),
            Integer.toString(p.createdAt().getNano()),
            Long.toString(p.updatedAt().getEpochSecond()),
            Integer.toString(p.updatedAt().getNano()),
            Long.toString(p.slaDue().getEpochSecond()),
            Integer.toString(p.slaDue().getNano()),
            p.key().value());
    String signed = body + "|" + Long.toHexString(checksum(body));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(signed.getBytes(StandardCharsets.UTF_8));
  }

  static SearchPosition decode(long fingerprint, String cursor) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > 400) {
      throw invalid();
    }
    String signed;
    try {
      signed = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    int last = signed.lastIndexOf('|');
    if (last < 0) {
      throw invalid();
    }
    String body = signed.substring(0, last);
    String[] f = body.split("\\|", -1);
    if (f[0].equals(FORMER_VERSION)) {
      throw new ValidationException(
          "cursor", "comes from an older version of the desk; start again from the first page");
    }
    if (f.length != 10
        || !f[0].equals(VERSION)
        || !signed.substring(last + 1).equals(Long.toHexString(checksum(body)))) {
      throw invalid();
    }
    if (!f[1].equals(Long.toHexString(fingerprint))) {
      throw new ValidationException(
          "cursor", "belongs to another query (its sort or filters differ)");
    }
    try {
      return new SearchPosition(
          Priority.valueOf(f[2]),
          Instant.ofEpochSecond(Long.parseLong(f[3]), Integer.parseInt(f[4])),
          Instant.ofEpochSecond(Long.parseLong(f[5]), Integer.parseInt(f[6])),
          Instant.ofEpochSecond(Long.parseLong(f[7]), Integer.parseInt(f[8])),
          TicketKey.parse(f[9]));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static long checksum(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static ValidationException invalid() {
    return new ValidationException("cursor", "is not a cursor this desk issued, or was altered");
  }
}
