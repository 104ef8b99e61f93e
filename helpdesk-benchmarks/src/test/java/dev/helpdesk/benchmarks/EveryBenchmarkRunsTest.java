package dev.helpdesk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once, at its smallest size, so that a change to the schema or the API that
 * breaks a benchmark fails the build instead of the next measurement. It measures nothing: one call
 * per benchmark, no warm-up, in this JVM.
 */
class EveryBenchmarkRunsTest {

  @Test
  void everyBenchmarkRunsOnceAtItsSmallestSize() throws RunnerException {
    postgreSqlReachable();
    Options options =
        new OptionsBuilder()
            .include("dev\\.helpdesk\\.benchmarks\\..*")
            .mode(Mode.SingleShotTime)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(1))
            .timeUnit(TimeUnit.MILLISECONDS)
            .forks(0)
            .threads(1)
            .shouldFailOnError(true)
            .param("tickets", "10000")
            .param("openTickets", "10000")
            .param("agents", "100")
            .param("instances", "1")
            .param("days", "1")
            .build();
    // JMH allows one run per machine through a lock file; this smoke run measures nothing, so a
    // benchmark being measured beside the build must not fail it.
    System.setProperty("jmh.ignoreLock", "true");
    Collection<RunResult> results = new Runner(options).run();
    Set<String> ran = new TreeSet<>();
    for (RunResult result : results) {
      ran.add(result.getParams().getBenchmark());
    }
    assertEquals(listedBenchmarks(), ran, "benchmarks that did not complete");
  }

  /** Every benchmark method the JMH annotation processor listed, as {@code class.method}. */
  private static Set<String> listedBenchmarks() {
    Set<String> listed = new TreeSet<>();
    for (BenchmarkListEntry entry :
        BenchmarkList.defaultList()
            .getAll(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                List.of())) {
      listed.add(entry.getUsername());
    }
    return listed;
  }

  /** Skips without PostgreSQL, as the adapter tests do; with {@code CI=true} fails instead. */
  private static void postgreSqlReachable() {
    String server = System.getenv().getOrDefault("HELPDESK_BENCH_PG_SERVER", "");
    String url = (server.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/" : server) + "postgres";
    String user = System.getenv().getOrDefault("HELPDESK_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("HELPDESK_PG_PASSWORD", "");
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.isValid(2);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("PostgreSQL unreachable at " + url + " with CI=true", e);
      }
      assumeTrue(false, "PostgreSQL unreachable at " + url + ": " + e.getMessage());
    }
  }
}
