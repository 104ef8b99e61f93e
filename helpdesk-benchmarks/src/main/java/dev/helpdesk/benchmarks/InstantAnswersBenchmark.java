package dev.helpdesk.benchmarks;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.knowledge.embeddings.HybridKnowledgeBase;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 21: the cost of opening a ticket (intake, which asks the knowledge base for three
 * suggestions) with 1,000 English articles, ranked by BM25 alone ({@link InMemoryKnowledgeBase}) or
 * by the hybrid ({@link HybridKnowledgeBase}: one query embedding, 1,000 cosines, BM25). Also the
 * ranking alone ({@code suggest}), without the rest of intake. The articles are generated from
 * booking-support phrases; the queries rotate through customer queries of the evaluation set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InstantAnswersBenchmark {

  private static final List<String> TOPICS =
      List.of(
          "e-ticket",
          "seat reservation",
          "refund",
          "delay compensation",
          "name change",
          "payment",
          "invoice",
          "hotel cancellation",
          "check-in",
          "event tickets",
          "wheelchair",
          "baggage",
          "bicycle",
          "pets",
          "password",
          "voucher",
          "group booking",
          "lost property",
          "boarding pass",
          "missed connection");

  private static final List<String> PHRASES =
      List.of(
          "Open My bookings and choose the trip.",
          "The change is free until the day before departure.",
          "Fees are shown before you confirm.",
          "We email you within ten minutes.",
          "Check your spam folder first.",
          "The operator decides on exceptions.",
          "Refunds reach your card within seven days.",
          "Bring the card you paid with.",
          "Airlines and hotels set their own rules.",
          "Ask at the service desk of the station.");

  private static final List<String[]> QUERIES =
      List.of(
          new String[] {"no ticket recieved", "I paid 2 hours ago and still nothing in my inbox."},
          new String[] {"want to sit by the window", "Can I still pick my seat for the ICE?"},
          new String[] {"train cancelled refund", "my 8:15 was cancelled, when do I get money"},
          new String[] {"charged twice", "two identical debits on my card for one booking"},
          new String[] {"wheelchair", "My mother uses a wheelchair, can someone help her?"},
          new String[] {"The conductor was very rude", "he shouted at my daughter"},
          new String[] {"forgot password", "I can't log in"},
          new String[] {"bike on train", "can I take my bicycle to Cologne"});

  @Param({"bm25", "hybrid"})
  public String ranker;

  private HelpDesk desk;
  private KnowledgeBase kb;
  private int next;

  @Setup
  public void setUp() {
    kb = ranker.equals("hybrid") ? HybridKnowledgeBase.create() : new InMemoryKnowledgeBase();
    Random r = new Random(21);
    for (int i = 0; i < 1_000; i++) {
      String topic = TOPICS.get(i % TOPICS.size());
      StringBuilder body = new StringBuilder("About " + topic + ": ");
      for (int s = 0; s < 4; s++) {
        body.append(PHRASES.get(r.nextInt(PHRASES.size()))).append(' ');
      }
      kb.save(
          new Article(
              dev.helpdesk.ticket.ArticleId.of(String.format("kb-%04d", i)),
              topic + " question " + i,
              body.toString().strip(),
              Set.of(),
              Locale.ENGLISH));
    }
    desk = HelpDesk.builder().knowledgeBase(kb).build();
  }

  @Benchmark
  public Ticket intake() {
    String[] q = QUERIES.get(next++ % QUERIES.size());
    return desk.open(
        Actor.customer("c-1"),
        NewTicket.builder()
            .requester("c-1", "Ana Traveller", "ana@example.com")
            .subject(q[0])
            .description(q[1])
            .locale(Locale.ENGLISH)
            .build());
  }

  @Benchmark
  public Object suggest() {
    String[] q = QUERIES.get(next++ % QUERIES.size());
    return kb.suggest(q[0], q[1], Locale.ENGLISH, 3);
  }
}
