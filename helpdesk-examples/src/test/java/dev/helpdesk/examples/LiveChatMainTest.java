package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveChatMainTest {

  @Test
  void anAnswerSolvesOneQueryAndAMacroTheChatWhichBothSidesFollowLive() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LiveChatMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        out.contains(
            "suggested: Where is my e-ticket? - Check your spam folder, or download the e-ticket"),
        out);
    assertTrue(out.contains("Ana says it solved it: HD-1000 is SOLVED"), out);
    assertTrue(out.contains("Bob sees: assigned to a-7"), out);
    assertTrue(
        out.contains(
            "Bob sees: message from agent:a-7: Hello Bob Rider, we refunded booking BK-2026-0077."),
        out);
    assertTrue(out.contains("Bob sees: status OPEN -> SOLVED"), out);
    assertTrue(
        out.contains("Bea's queue: internal note from agent:a-7: Cancellation confirmed"), out);
    assertFalse(out.contains("Bob sees: internal note"), out);
    assertTrue(out.contains("HD-1001 is SOLVED"), out);
  }
}
