package dev.helpdesk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmtpSinkTest {

  @ParameterizedTest
  @EnumSource(SmtpSink.Replies.class)
  void countsEachMailJakartaMailSends(SmtpSink.Replies replies)
      throws IOException, MessagingException {
    try (SmtpSink sink = SmtpSink.start(replies)) {
      Properties p = new Properties();
      p.put("mail.smtp.host", "127.0.0.1");
      p.put("mail.smtp.port", Integer.toString(sink.port()));
      p.put("mail.smtp.localhost", "desk.example");
      p.put("mail.smtp.timeout", "5000");
      Session session = Session.getInstance(p);
      try (Transport t = session.getTransport("smtp")) {
        t.connect();
        t.sendMessage(mail(session, "One"), new InternetAddress[] {customer()});
        assertEquals(1, sink.takeMessages());
        // Over the same connection, a second mail with a line that needs dot-stuffing.
        t.sendMessage(mail(session, "Two\r\n.\r\n..\r\nend"), new InternetAddress[] {customer()});
      }
      assertEquals(1, sink.takeMessages());
    }
  }

  @ParameterizedTest
  @EnumSource(SmtpSink.Replies.class)
  void refusesCommandsOutOfOrderAndKeepsTheSessionUsable(SmtpSink.Replies replies)
      throws IOException {
    try (SmtpSink sink = SmtpSink.start(replies);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      assertEquals(List.of("220 sink.localhost ESMTP sink"), reply(in));
      assertEquals("503", send(out, in, "MAIL FROM:<a@example.com>").get(0).substring(0, 3));
      List<String> ehlo = send(out, in, "EHLO desk.example");
      assertEquals(4, ehlo.size(), ehlo.toString());
      assertEquals("250 HELP", ehlo.get(3));
      assertEquals("503", send(out, in, "RCPT TO:<b@example.com>").get(0).substring(0, 3));
      assertEquals("503", send(out, in, "DATA").get(0).substring(0, 3));
      assertEquals("250", send(out, in, "MAIL FROM:<a@example.com>").get(0).substring(0, 3));
      assertEquals("503", send(out, in, "MAIL FROM:<a@example.com>").get(0).substring(0, 3));
      assertEquals("250", send(out, in, "RSET").get(0).substring(0, 3));
      assertEquals("503", send(out, in, "RCPT TO:<b@example.com>").get(0).substring(0, 3));
      assertEquals("500", send(out, in, "XYZZY").get(0).substring(0, 3));
      assertEquals("250", send(out, in, "MAIL FROM:<a@example.com>").get(0).substring(0, 3));
      assertEquals("250", send(out, in, "RCPT TO:<b@example.com>").get(0).substring(0, 3));
      assertEquals("354", send(out, in, "DATA").get(0).substring(0, 3));
      assertEquals(
          "250", send(out, in, "Subject: x\r\n\r\n..\r\nbody\r\n.").get(0).substring(0, 3));
      assertEquals(1, sink.takeMessages());
      assertEquals("221", send(out, in, "QUIT").get(0).substring(0, 3));
    }
  }

  private static MimeMessage mail(Session session, String text) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("support@desk.example"));
    m.setRecipient(Message.RecipientType.TO, customer());
    m.setSubject("Seat missing on booking");
    m.setText(text, "UTF-8");
    return m;
  }

  private static InternetAddress customer() throws MessagingException {
    return new InternetAddress("c1@example.com");
  }

  private static List<String> send(OutputStream out, InputStream in, String line)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return reply(in);
  }

  /** The lines of one reply: up to the one whose code is followed by a space. */
  private static List<String> reply(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    do {
      line = SmtpSink.readLine(in, 1_000);
      lines.add(line);
    } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    return lines;
  }
}
