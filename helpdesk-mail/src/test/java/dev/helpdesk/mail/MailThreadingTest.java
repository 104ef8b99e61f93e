package dev.helpdesk.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailThreadingTest {

  private final MailThreading threading = new MailThreading("Mail.Desk.Example");

  @Test
  void everyMessageIdAndTheThreadRootNameTheirTicket() {
    qt().forAll(longs().all(), longs().all(), longs().all())
        .check(
            (a, b, c) -> {
              UUID ticket = new UUID(a, b);
              UUID notification = new UUID(b, c);
              return threading
                      .ticketOf(threading.messageId(ticket, notification))
                      .equals(Optional.of(ticket))
                  && threading.ticketOf(threading.threadRoot(ticket)).equals(Optional.of(ticket))
                  && MailThreading.ticketOfBody("x " + MailThreading.bodyToken(ticket) + " y")
                      .equals(Optional.of(ticket));
            });
  }

  @Test
  void idsOfOtherDomainsOrShapesNameNoTicket() {
    UUID t = UUID.randomUUID();
    assertEquals(Optional.empty(), threading.ticketOf("<hd." + t + "@other.example>"));
    assertEquals(Optional.empty(), threading.ticketOf("<CAF7x@mail.desk.example>"));
    assertEquals(Optional.empty(), threading.ticketOf(""));
    assertTrue(threading.isOwn("<anything@MAIL.desk.example>"));
    assertFalse(threading.isOwn("<anything@desk.example>"));
  }

  @Test
  void theThreadIndexSharesItsRootAcrossATicket() {
    UUID t = UUID.randomUUID();
    byte[] root = Base64.getDecoder().decode(MailThreading.threadIndex(t, Optional.empty()));
    byte[] child =
        Base64.getDecoder().decode(MailThreading.threadIndex(t, Optional.of(UUID.randomUUID())));
    assertEquals(22, root.length);
    assertEquals(27, child.length);
    assertEquals(
        Base64.getEncoder().encodeToString(root),
        Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(child, 22)));
  }

  @Test
  void headerValuesWithLineBreaksAreRefused() {
    for (String bad : new String[] {"a\rb", "a\nb", "a\0b", "a\u0085b", "a\u2028b", "a\u2029b"}) {
      HeaderInjectionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              HeaderInjectionException.class, () -> HeaderInjectionException.requireSafe("x", bad));
      assertEquals("x", e.field());
    }
    assertEquals("fine: ok", HeaderInjectionException.requireSafe("x", "fine: ok"));
  }
}
