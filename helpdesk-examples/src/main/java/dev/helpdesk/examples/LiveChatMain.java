package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.live.Subscription;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Instant answers, a live chat and a macro, in memory: one customer's query is answered by a
 * knowledge-base article ("this solved it"); another's chat is followed live by the customer and
 * the agent while the agent answers with a macro. Prints what each side sees.
 */
public final class LiveChatMain {

  private LiveChatMain() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  /** Runs the example, printing to {@code out}. */
  public static void run(PrintStream out) throws InterruptedException {
    InMemoryKnowledgeBase kb =
        InMemoryKnowledgeBase.of(
            new Article(
                ArticleId.of("kb-eticket"),
                "Where is my e-ticket?",
                "E-tickets are mailed within 10 minutes of payment. Check your spam folder, or "
                    + "download the e-ticket from My bookings.",
                Set.of("eticket"),
                Locale.ENGLISH),
            Article.of(
                "kb-seats",
                "Seat reservations",
                "Reserve a seat from My bookings up to 15 minutes before departure.",
                Locale.ENGLISH));
    Macro refunded =
        Macro.builder("refund-issued")
            .reply(
                "Hello {{customer.name}}, we refunded booking {{booking_reference}}. "
                    + "The money reaches your card within 7 days. {{agent.name}}")
            .status(Status.SOLVED)
            .tag("refund")
            .build();
    try (HelpDesk desk =
        HelpDesk.builder()
            .clock(SettableClock.at("2026-03-02T09:00:00Z"))
            .knowledgeBase(kb)
            .macro(refunded)
            .build()) {
      desk.saveAgent(Actor.system("admin"), Agent.of("a-7", "Bea Agent", "bea@desk.example"));
      Actor agent = Actor.agent("a-7");

      out.println("1. Ana asks where her e-ticket is; the desk suggests an article");
      Actor ana = Actor.customer("c-ana");
      Ticket query =
          desk.open(
              ana,
              NewTicket.builder()
                  .requester("c-ana", "Ana Traveller", "ana@example.com")
                  .subject("No e-ticket received")
                  .description("I paid an hour ago but the e-ticket is not in my mail.")
                  .locale(Locale.ENGLISH)
                  .build());
      for (SuggestedAnswer a : desk.suggestedAnswers(ana, query.id())) { // as shown at intake
        out.printf("   suggested: %s - %s%n", a.title(), a.excerpt());
      }
      Ticket solved = desk.acceptAnswer(ana, query.id(), ArticleId.of("kb-eticket")); // SOLVED
      out.printf("   Ana says it solved it: %s is %s%n", solved.key(), solved.status());

      out.println("2. Bob opens a chat; he and the agent follow it live");
      Actor bob = Actor.customer("c-bob");
      Ticket chat =
          desk.open(
              bob,
              NewTicket.builder()
                  .requester("c-bob", "Bob Rider", "bob@example.com")
                  .subject("Train cancelled, refund?")
                  .channel(Channel.CHAT)
                  .bookingReference("BK-2026-0077")
                  .build());
      // Bob hears 4 updates: assigned, NEW -> OPEN, the macro's reply, OPEN -> SOLVED; Bea's
      // queue hears those and the internal note, which Bob never sees.
      CountDownLatch bobDone = new CountDownLatch(4);
      CountDownLatch queueDone = new CountDownLatch(5);
      Subscription bobSees =
          desk.subscribe(
              bob,
              chat.id(),
              u -> {
                out.printf("   Bob sees: %s%n", describe(u));
                bobDone.countDown();
              });
      Subscription queue =
          desk.subscribeQueue(
              agent,
              AgentId.of("a-7"),
              u -> {
                out.printf("   Bea's queue: %s%n", describe(u));
                queueDone.countDown();
              });
      desk.assign(agent, chat.id(), AgentId.of("a-7"));
      desk.note(agent, chat.id(), "Cancellation confirmed by the operator.");
      desk.applyMacro(agent, chat.id(), "refund-issued");
      // Delivery runs on the desk's own threads: wait for it before printing the end.
      bobDone.await(10, TimeUnit.SECONDS);
      queueDone.await(10, TimeUnit.SECONDS);
      bobSees.close(); // the chat window closed
      queue.close();
      out.printf("   %s is %s%n", chat.key(), desk.ticket(agent, chat.id()).ticket().status());
    }
  }

  /** One line per live update. */
  static String describe(LiveUpdate u) {
    if (u instanceof LiveUpdate.MessagePosted m) {
      return (m.message().isPublic() ? "message from " : "internal note from ")
          + m.message().author().describe()
          + ": "
          + m.message().body();
    } else if (u instanceof LiveUpdate.StatusChanged s) {
      return "status " + s.from() + " -> " + s.to();
    } else if (u instanceof LiveUpdate.AssigneeChanged a) {
      return "assigned to " + a.to().map(AgentId::value).orElse("nobody");
    }
    return "missed " + ((LiveUpdate.Overflow) u).dropped() + " updates: read the ticket again";
  }
}
