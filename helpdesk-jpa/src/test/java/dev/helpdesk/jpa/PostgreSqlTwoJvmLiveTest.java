package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.jpa.live.RelaySettings;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two JVMs on one PostgreSQL database: a child JVM on the test class path runs instance A ({@link
 * LiveChildInstance}) and replies on a ticket; this JVM is instance B, where the ticket's customer
 * is subscribed, and receives every reply, in order, once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgreSqlTwoJvmLiveTest {

  private static final TestDatabase DB = TestDatabase.POSTGRESQL;
  private static final int REPLIES = 50;

  @Test
  void aCustomerSubscribedInThisJvmSeesEveryReplyWrittenInAnother() throws Exception {
    JpaHelpDeskStore store = DB.freshStore();
    try (HelpDesk b =
        store
            .configure(HelpDesk.builder())
            .notifier(n -> {})
            .changeRelay(
                store.changeRelay(DB.dataSource("helpdesk-relay-b"), RelaySettings.DEFAULTS))
            .build()) {
      receivesTheChildsReplies(b);
    }
  }

  private void receivesTheChildsReplies(HelpDesk b) throws Exception {
    b.saveAgent(LiveAcrossInstancesScenario.ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t = LiveAcrossInstancesScenario.open(b, "c-ana");
    List<String> heard = new CopyOnWriteArrayList<>();
    b.subscribe(
        Actor.customer("c-ana"),
        t.id(),
        u -> {
          if (u instanceof LiveUpdate.MessagePosted m) {
            heard.add(m.message().body());
          }
        });

    Path log = Files.createTempFile("helpdesk-child", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LiveChildInstance.class.getName());
    command.add(t.id().toString());
    command.add(Integer.toString(REPLIES));
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the child JVM finished");
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(0, child.exitValue(), "the child JVM failed:\n" + output);
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(log);
    }

    List<String> expected = IntStream.range(0, REPLIES).mapToObj(i -> "child-" + i).toList();
    LiveAcrossInstancesScenario.await(
        () -> heard.size() >= REPLIES, "B heard every reply A wrote in the other JVM");
    Thread.sleep(200); // nothing more may come
    assertEquals(expected, heard);
  }
}
