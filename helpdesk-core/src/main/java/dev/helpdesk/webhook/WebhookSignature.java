package dev.helpdesk.webhook;

import dev.helpdesk.common.Check;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook delivery is signed, and how its receiver checks it. The desk sends three headers
 * with every delivery:
 *
 * <ul>
 *   <li>{@value #ID_HEADER}: the delivery's id, the same on every retry and redelivery of it, for
 *       the receiver to recognise a delivery it has processed already (its idempotency key);
 *   <li>{@value #TIMESTAMP_HEADER}: when this attempt was sent, in seconds since the epoch;
 *   <li>{@value #SIGNATURE_HEADER}: {@code v1=} and the lower-case hex HMAC-SHA256, keyed with the
 *       webhook's secret (its UTF-8 bytes), of the timestamp, a dot and the body's bytes.
 * </ul>
 *
 * <p>Signing the timestamp with the body lets the receiver refuse a delivery replayed later: it
 * checks the signature and that the timestamp is recent ({@link #verify}).
 */
public final class WebhookSignature {

  /** The header that carries the delivery's id, its idempotency key. */
  public static final String ID_HEADER = "Helpdesk-Webhook-Id";

  /** The header that carries the attempt's time, in seconds since the epoch. */
  public static final String TIMESTAMP_HEADER = "Helpdesk-Webhook-Timestamp";

  /** The header that carries the signature, {@code v1=<hex>}. */
  public static final String SIGNATURE_HEADER = "Helpdesk-Webhook-Signature";

  /** The header that names the event type, e.g. {@code ticket.created}. */
  public static final String EVENT_HEADER = "Helpdesk-Webhook-Event";

  private static final String VERSION = "v1=";

  private WebhookSignature() {}

  /**
   * The value of the {@value #SIGNATURE_HEADER} header for a body sent at {@code timestamp}.
   *
   * @param secret the webhook's secret
   * @param timestamp seconds since the epoch, as sent in {@value #TIMESTAMP_HEADER}
   * @param body the request body, exactly as sent
   * @return {@code v1=} and 64 lower-case hex digits
   */
  public static String sign(String secret, long timestamp, byte[] body) {
    Check.present("secret", secret);
    Check.present("body", body);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime has HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Whether a received delivery is authentic and fresh: its signature is the one {@code secret}
   * makes of its timestamp and body, and the timestamp lies within {@code tolerance} of {@code
   * now}. The signatures are compared in constant time.
   *
   * @param secret the webhook's secret
   * @param timestampHeader the {@value #TIMESTAMP_HEADER} header as received, null if missing
   * @param body the request body as received
   * @param signatureHeader the {@value #SIGNATURE_HEADER} header as received, null if missing
   * @param now the receiver's time
   * @param tolerance how far the timestamp may be from {@code now}, e.g. 5 minutes
   * @return false on a missing or malformed header, a wrong signature or a stale timestamp
   */
  public static boolean verify(
      String secret,
      String timestampHeader,
      byte[] body,
      String signatureHeader,
      Instant now,
      Duration tolerance) {
    Check.present("secret", secret);
    Check.present("body", body);
    Check.present("now", now);
    Check.present("tolerance", tolerance);
    if (timestampHeader == null || signatureHeader == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signatureHeader.strip().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}
