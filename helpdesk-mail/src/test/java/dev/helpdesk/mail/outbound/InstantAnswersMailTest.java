package dev.helpdesk.mail.outbound;

import static dev.helpdesk.mail.MailTestSupport.ANA;
import static dev.helpdesk.mail.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.ticket.ArticleId;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The acknowledgement lists the instant answers, in English and German, escaped in HTML. */
class InstantAnswersMailTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final InMemoryKnowledgeBase KB =
      InMemoryKnowledgeBase.of(
          new Article(
              ArticleId.of("kb-seats"),
              "Seat <reservation> missing & \"gone\"",
              "Open your booking and choose <b>Reserve seat</b> again.",
              Set.of("seat"),
              Locale.ENGLISH),
          new Article(
              ArticleId.of("kb-sitz"),
              "Sitzplatzreservierung fehlt",
              "Öffnen Sie die Buchung & reservieren Sie erneut.",
              Set.of(),
              Locale.GERMAN));

  private MimeMessage acknowledge(MailTestSupport desk, Locale customer, String subject) {
    desk.desk.open(
        ANA,
        MailTestSupport.request("c-ana")
            .subject(subject)
            .description("Bitte helfen / please help")
            .locale(customer)
            .build());
    desk.desk.dispatchNotifications();
    MimeMessage[] got = smtp.getReceivedMessages();
    return got[got.length - 1];
  }

  @Test
  void theEnglishAcknowledgementListsTheAnswersEscapedInHtmlOnly() {
    MailTestSupport f =
        new MailTestSupport(smtp.getSmtp().getPort(), s -> s, b -> b.knowledgeBase(KB));
    MimeMessage m = acknowledge(f, Locale.ENGLISH, "Seat reservation missing");
    String text = part(m, "text/plain");
    assertTrue(text.contains("These articles may already answer your question:"), text);
    assertTrue(text.contains("- Seat <reservation> missing & \"gone\""), text);
    assertTrue(text.contains("  Open your booking and choose <b>Reserve seat</b> again."), text);
    String html = part(m, "text/html");
    assertTrue(
        html.contains("<strong>Seat &lt;reservation&gt; missing &amp; &quot;gone&quot;</strong>"),
        html);
    assertTrue(html.contains("choose &lt;b&gt;Reserve seat&lt;/b&gt; again."), html);
    assertFalse(html.contains("<b>Reserve"), html);
  }

  @Test
  void theGermanAcknowledgementListsTheGermanAnswers() {
    MailTestSupport f =
        new MailTestSupport(
            smtp.getSmtp().getPort(), s -> s.locale(Locale.GERMAN), b -> b.knowledgeBase(KB));
    MimeMessage m = acknowledge(f, Locale.GERMAN, "Sitzplatzreservierung fehlt");
    String text = part(m, "text/plain");
    assertTrue(text.contains("Diese Artikel beantworten Ihre Frage vielleicht schon:"), text);
    assertTrue(text.contains("- Sitzplatzreservierung fehlt"), text);
    assertFalse(text.contains("Seat"), "only the German article: " + text);
    String html = part(m, "text/html");
    assertTrue(html.contains("Öffnen Sie die Buchung &amp; reservieren Sie erneut."), html);
  }

  @Test
  void withoutAnswersTheAcknowledgementSaysNothingAboutThem() {
    MailTestSupport f =
        new MailTestSupport(smtp.getSmtp().getPort(), s -> s, b -> b.knowledgeBase(KB));
    MimeMessage m = acknowledge(f, Locale.ENGLISH, "Lost umbrella");
    assertFalse(part(m, "text/plain").contains("articles"));
    assertFalse(part(m, "text/html").contains("<ul>"));
  }
}
