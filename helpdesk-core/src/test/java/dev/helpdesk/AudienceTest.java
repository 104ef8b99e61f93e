package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.CAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.notification.Audience;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A notification's kind tells whom it is written for, and the desk sends each kind to them. */
class AudienceTest {

  @Test
  void assignmentsAndSlaNoticesAreForAgentsTheRestForCustomers() {
    Set<NotificationKind> agents = EnumSet.noneOf(NotificationKind.class);
    for (NotificationKind k : NotificationKind.values()) {
      if (k.audience() == Audience.AGENT) {
        agents.add(k);
      }
    }
    assertEquals(
        EnumSet.of(
            NotificationKind.TICKET_ASSIGNED,
            NotificationKind.SLA_WARNING,
            NotificationKind.SLA_BREACHED,
            NotificationKind.CUSTOMER_REPLIED,
            NotificationKind.TICKET_REOPENED,
            NotificationKind.BAD_RATING,
            NotificationKind.PRIORITY_CHANGED,
            NotificationKind.GROUP_CHANGED,
            NotificationKind.UNASSIGNED_IN_GROUP),
        agents);
  }

  @Test
  void everyNotificationTheDeskMakesGoesToTheAudienceOfItsKind() {
    DeskFixture f = new DeskFixture();
    Ticket t =
        f.desk.open(
            ANA,
            NewTicket.builder()
                .requester("c-ana", "Ana", "ana@example.com")
                .subject("Seat missing")
                .build());
    f.desk.assign(CAL, t.id(), BEA_ID);
    f.desk.reply(CAL, t.id(), "Your seat is 42A.");
    f.deliverHeld();
    assertTrue(f.sent.size() >= 3, f.sent.toString());
    for (Notification n : f.sent) {
      boolean toAgent = n.recipient().email().value().endsWith("@desk.example");
      assertEquals(toAgent ? Audience.AGENT : Audience.CUSTOMER, n.kind().audience(), n.toString());
    }
  }
}
