package dev.helpdesk.mail.inbound;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes arrive, the parser and the quote stripper either read them or fail with {@link
 * MalformedMailException}; nothing else escapes. In a normal build the seed corpus under {@code
 * src/test/resources/dev/helpdesk/mail/inbound/MailParserFuzzTestInputs/parse} runs as regression
 * tests; {@code JAZZER_FUZZ=1 mvn test -Dtest=MailParserFuzzTest} fuzzes for real.
 */
class MailParserFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void parse(byte[] raw) {
    try {
      InboundMail mail = MailParser.parse(raw);
      QuoteStripper.strip(mail.text());
    } catch (MalformedMailException expected) {
      // The one failure the parser may report.
    }
  }
}
