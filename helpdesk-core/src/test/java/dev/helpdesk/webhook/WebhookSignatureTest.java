package dev.helpdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String SECRET = "whsec-0123456789abcdef";
  private static final long TIMESTAMP = 1_767_225_600L;
  private static final byte[] BODY =
      "{\"id\":\"d-1\",\"type\":\"ticket.created\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.ofEpochSecond(TIMESTAMP);

  @Test
  void theSignatureIsTheHexHmacSha256OfTheTimestampADotAndTheBody() throws Exception {
    // Computed outside Java, with Python's hmac module:
    // hmac.new(b'whsec-0123456789abcdef', b'1767225600.' + body, hashlib.sha256).hexdigest()
    String known = "v1=e6a9e52257810bce25b712362f288ab1d4277151cd650c5bbf4cc789f513677d";
    assertEquals(known, WebhookSignature.sign(SECRET, TIMESTAMP, BODY));

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((TIMESTAMP + ".").getBytes(StandardCharsets.UTF_8));
    assertEquals("v1=" + HexFormat.of().formatHex(mac.doFinal(BODY)), known);
  }

  @Test
  void verifyAcceptsTheSignatureWithinTheToleranceOnly() {
    String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);
    Duration tolerance = Duration.ofMinutes(5);

    assertTrue(verify(SECRET, "1767225600", BODY, signature, NOW, tolerance));
    assertTrue(verify(SECRET, "1767225600", BODY, signature, NOW.plusSeconds(300), tolerance));
    assertFalse(verify(SECRET, "1767225600", BODY, signature, NOW.plusSeconds(301), tolerance));
    assertFalse(verify(SECRET, "1767225600", BODY, signature, NOW.minusSeconds(301), tolerance));
  }

  @Test
  void verifyRefusesAnyChangeAndAnyMissingOrMalformedHeader() {
    String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);
    Duration tolerance = Duration.ofMinutes(5);
    byte[] tampered =
        "{\"id\":\"d-2\",\"type\":\"ticket.created\"}".getBytes(StandardCharsets.UTF_8);

    assertFalse(verify(SECRET, "1767225600", tampered, signature, NOW, tolerance));
    assertFalse(verify(SECRET + "x", "1767225600", BODY, signature, NOW, tolerance));
    // The timestamp is signed: moving it forward to look fresh breaks the signature.
    assertFalse(verify(SECRET, "1767225601", BODY, signature, NOW, tolerance));
    assertFalse(verify(SECRET, null, BODY, signature, NOW, tolerance));
    assertFalse(verify(SECRET, "1767225600", BODY, null, NOW, tolerance));
    assertFalse(verify(SECRET, "yesterday", BODY, signature, NOW, tolerance));
    assertFalse(verify(SECRET, "1767225600", BODY, signature.substring(3), NOW, tolerance));
    assertFalse(verify(SECRET, "1767225600", BODY, "v1=00", NOW, tolerance));
  }

  private static boolean verify(
      String secret, String ts, byte[] body, String sig, Instant now, Duration tolerance) {
    return WebhookSignature.verify(secret, ts, body, sig, now, tolerance);
  }
}
