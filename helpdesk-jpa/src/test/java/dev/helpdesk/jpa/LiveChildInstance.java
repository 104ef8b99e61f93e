package dev.helpdesk.jpa;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.jpa.live.RelaySettings;
import dev.helpdesk.ticket.TicketId;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;

/**
 * Instance A of {@link PostgreSqlTwoJvmLiveTest}, run in a JVM of its own: a desk on the test's
 * PostgreSQL database with its own change relay, which writes the replies the test JVM (instance B)
 * must receive live, then exits.
 */
final class LiveChildInstance {

  private LiveChildInstance() {}

  /**
   * @param args the ticket id, and how many replies to write on it
   */
  public static void main(String[] args) {
    TicketId ticket = TicketId.parse(args[0]);
    int replies = Integer.parseInt(args[1]);
    TestDatabase db = TestDatabase.POSTGRESQL;
    EntityManagerFactory emf = db.newEntityManagerFactory(Map.of());
    try {
      JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, db.database());
      try (HelpDesk desk =
          store
              .configure(HelpDesk.builder())
              .notifier(n -> {})
              .changeRelay(
                  store.changeRelay(db.dataSource("helpdesk-relay-child"), RelaySettings.DEFAULTS))
              .build()) {
        for (int i = 0; i < replies; i++) {
          desk.reply(Actor.agent("a-bea"), ticket, "child-" + i);
        }
      }
    } finally {
      emf.close();
    }
    System.out.println("child wrote " + replies);
  }
}
