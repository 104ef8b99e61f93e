package dev.helpdesk.mail;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheme that ties every mail to its ticket, on one Message-ID domain:
 *
 * <ul>
 *   <li>a notification's Message-ID is {@code <hd.TICKET-UUID.NOTIFICATION-UUID@domain>}: stable
 *       across retries (a receiver can drop a duplicate), and a reply's {@code In-Reply-To} names
 *       the ticket by itself;
 *   <li>a ticket's thread root is {@code <hd.TICKET-UUID@domain>}; every mail on the ticket names
 *       it in {@code In-Reply-To} and {@code References}, so mail clients show one conversation;
 *   <li>a body token {@code [hd-ref:TICKET-UUID]} rides along in the text (hidden in HTML), for
 *       clients that drop the threading headers but keep the quoted text.
 * </ul>
 *
 * @param domain the Message-ID domain, e.g. {@code support.example.com}
 */
public record MailThreading(String domain) {

  private static final Pattern DOMAIN =
      Pattern.compile(
          "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
  private static final String UUID_RE =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final Pattern OWN_LOCAL =
      Pattern.compile("hd\\.(" + UUID_RE + ")(?:\\.(" + UUID_RE + "))?");
  private static final Pattern BODY_TOKEN = Pattern.compile("hd-ref:(" + UUID_RE + ")");

  /** Validates and lower-cases the domain. */
  public MailThreading {
    Check.line("messageIdDomain", domain, 253);
    domain = domain.toLowerCase(Locale.ROOT);
    if (!DOMAIN.matcher(domain).matches()) {
      throw new ValidationException(
          "messageIdDomain", "must be a domain like support.example.com (was '" + domain + "')");
    }
  }

  /** The Message-ID of one notification about one ticket, angle brackets included. */
  public String messageId(UUID ticketId, UUID notificationId) {
    return "<hd." + ticketId + "." + notificationId + "@" + domain + ">";
  }

  /** The thread root of a ticket, angle brackets included. */
  public String threadRoot(UUID ticketId) {
    return "<hd." + ticketId + "@" + domain + ">";
  }

  /** The token that names a ticket in a mail's text. */
  public static String bodyToken(UUID ticketId) {
    return "[hd-ref:" + ticketId + "]";
  }

  /** The ticket named by the first body token in {@code text}, if any. */
  public static Optional<UUID> ticketOfBody(String text) {
    Matcher m = BODY_TOKEN.matcher(text);
    return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
  }

  /**
   * The ticket a Message-ID of this scheme names, with or without angle brackets; empty for an id
   * on another domain or in another shape.
   */
  public Optional<UUID> ticketOf(String messageId) {
    String id = strip(messageId);
    int at = id.lastIndexOf('@');
    if (at <= 0 || !id.substring(at + 1).equalsIgnoreCase(domain)) {
      return Optional.empty();
    }
    Matcher m = OWN_LOCAL.matcher(id.substring(0, at).toLowerCase(Locale.ROOT));
    return m.matches() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
  }

  /** Whether a Message-ID is on this domain, i.e. was made by this desk. */
  public boolean isOwn(String messageId) {
    String id = strip(messageId);
    int at = id.lastIndexOf('@');
    return at > 0 && id.substring(at + 1).equalsIgnoreCase(domain);
  }

  /**
   * An Outlook {@code Thread-Index}: 22 bytes that are the same for every mail on the ticket (6
   * bytes of the ticket id's high bits where Outlook puts a time stamp, then the 16 bytes of the
   * ticket id), followed for every mail but the first by a 5-byte child block taken from the
   * notification id, base64-encoded. Outlook groups mails whose index shares the 22-byte root.
   */
  public static String threadIndex(UUID ticketId, Optional<UUID> notificationId) {
    ByteBuffer b = ByteBuffer.allocate(notificationId.isPresent() ? 27 : 22);
    long high = ticketId.getMostSignificantBits();
    for (int i = 5; i >= 0; i--) {
      b.put((byte) (high >>> (8 * (i + 2))));
    }
    b.putLong(ticketId.getMostSignificantBits()).putLong(ticketId.getLeastSignificantBits());
    notificationId.ifPresent(
        n -> {
          long bits = n.getLeastSignificantBits();
          for (int i = 4; i >= 0; i--) {
            b.put((byte) (bits >>> (8 * i)));
          }
        });
    return Base64.getEncoder().encodeToString(b.array());
  }

  private static String strip(String messageId) {
    String id = messageId == null ? "" : messageId.strip();
    if (id.startsWith("<") && id.endsWith(">") && id.length() >= 2) {
      id = id.substring(1, id.length() - 1);
    }
    return id;
  }
}
