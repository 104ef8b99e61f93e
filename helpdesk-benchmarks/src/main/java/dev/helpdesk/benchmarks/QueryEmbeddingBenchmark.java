package dev.helpdesk.benchmarks;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 21: the floor under the hybrid ranker's cost, one pass of the shipped sentence-embedding
 * model (all-MiniLM-L6-v2, quantized, through ONNX Runtime) over a customer's query, the same
 * queries as {@link InstantAnswersBenchmark}. Whatever the ranking around it does, intake with the
 * hybrid costs at least this on top of intake with BM25.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueryEmbeddingBenchmark {

  private static final List<String> QUERIES =
      List.of(
          "no ticket recieved.\nI paid 2 hours ago and still nothing in my inbox.",
          "want to sit by the window.\nCan I still pick my seat for the ICE?",
          "train cancelled refund.\nmy 8:15 was cancelled, when do I get money",
          "charged twice.\ntwo identical debits on my card for one booking",
          "wheelchair.\nMy mother uses a wheelchair, can someone help her?",
          "The conductor was very rude.\nhe shouted at my daughter",
          "forgot password.\nI can't log in",
          "bike on train.\ncan I take my bicycle to Cologne");

  private EmbeddingModel model;
  private int next;

  @Setup
  public void setUp() {
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  @Benchmark
  public float[] embedQuery() {
    return model.embed(QUERIES.get(next++ % QUERIES.size())).content().vector();
  }
}
