package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class QuoteStripperTest {

  @Test
  void cutsAtAnAttributionLine() {
    assertEquals("Yes.", QuoteStripper.strip("Yes.\n\nOn Mon, 2 Mar 2026, Support wrote:\nold"));
  }

  @Test
  void cutsAtAWrappedGmailAttribution() {
    assertEquals(
        "Yes.",
        QuoteStripper.strip(
            "Yes.\nOn Mon, 2 Mar 2026 at 10:00, Support <\nsupport@x.example> wrote:\n> old"));
  }

  @Test
  void cutsAtGermanAndFrenchAttributions() {
    assertEquals(
        "Ja.", QuoteStripper.strip("Ja.\nAm 02.03.2026 um 10:00 schrieb Support <s@x.de>:\n> alt"));
    assertEquals("Oui.", QuoteStripper.strip("Oui.\nLe 2 mars 2026, Support a écrit :\n> ancien"));
  }

  @Test
  void cutsAtOutlookBlocks() {
    assertEquals("Ok.", QuoteStripper.strip("Ok.\n-----Original Message-----\nFrom: x"));
    assertEquals("Ok.", QuoteStripper.strip("Ok.\n________________________________\nFrom: x"));
    assertEquals(
        "Ok.", QuoteStripper.strip("Ok.\n\nFrom: Support <s@x.example>\nSent: Monday\nTo: me"));
    assertEquals("Ok.", QuoteStripper.strip("Ok.\nVon: Support\nGesendet: Montag\nAn: ich"));
  }

  @Test
  void dropsQuotedLinesButKeepsTextWrittenBetweenThem() {
    assertEquals(
        "Answer one\n\nAnswer two",
        QuoteStripper.strip("> question one\nAnswer one\n> question two\n\nAnswer two"));
  }

  @Test
  void dropsTheSignature() {
    assertEquals("Thanks", QuoteStripper.strip("Thanks\n-- \nAna\nPhone 123"));
  }

  @Test
  void keepsAFromLineThatIsNotAnOutlookBlock() {
    assertEquals(
        "From: Berlin to Munich on Friday.\nCan you help?",
        QuoteStripper.strip("From: Berlin to Munich on Friday.\nCan you help?"));
  }

  @Test
  void textWithoutQuoteMarkersComesBackWhole() {
    // Words of letters only: no '>', no attribution, no separator, so nothing may be cut.
    qt().forAll(
            lists()
                .of(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12))
                .ofSizeBetween(1, 8))
        .check(
            lines -> {
              String text = String.join("\n", lines);
              return QuoteStripper.strip(text).equals(text);
            });
  }
}
