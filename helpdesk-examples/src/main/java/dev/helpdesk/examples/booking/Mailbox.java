package dev.helpdesk.examples.booking;

import com.icegreen.greenmail.util.GreenMail;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The demo's mailbox: every mail the embedded GreenMail server received, the desk's own to
 * customers and agents as well as customers' answers to the support address. A mail to a customer
 * can be answered from here as from her mail client; the answer goes over SMTP to the support
 * mailbox, where the desk's IMAP poller picks it up.
 */
final class Mailbox {

  record Mail(
      int index,
      String from,
      String to,
      String subject,
      Instant sentAt,
      String text,
      boolean answerable) {}

  private final GreenMail server;
  private final String supportAddress;
  private final Predicate<String> isCustomer;

  /**
   * @param isCustomer whether an address is a shop customer's: only their mails can be answered
   *     here (an agent's answer by mail would come from a stranger to the ticket)
   */
  Mailbox(GreenMail server, String supportAddress, Predicate<String> isCustomer) {
    this.server = server;
    this.supportAddress = supportAddress;
    this.isCustomer = isCustomer;
  }

  /** Every received mail, newest first. */
  List<Mail> mails() throws MessagingException, IOException {
    MimeMessage[] received = server.getReceivedMessages();
    List<Mail> mails = new ArrayList<>();
    for (int i = received.length - 1; i >= 0; i--) {
      MimeMessage m = received[i];
      mails.add(
          new Mail(
              i,
              addresses(m.getFrom()),
              addresses(m.getRecipients(RecipientType.TO)),
              m.getSubject(),
              m.getSentDate() == null ? null : m.getSentDate().toInstant(),
              text(m),
              isToCustomer(m)));
    }
    return mails;
  }

  /**
   * Answers mail {@code index} as its recipient's mail client would: to its Reply-To, with {@code
   * In-Reply-To} and {@code References} set, and the text quoted below the answer.
   */
  void answer(int index, String body) throws MessagingException, IOException {
    if (body == null || body.isBlank()) {
      throw new ValidationException("body", "must not be blank");
    }
    MimeMessage[] received = server.getReceivedMessages();
    if (index >= received.length || !isToCustomer(received[index])) {
      throw new NotFoundException("mail", Integer.toString(index));
    }
    MimeMessage original = received[index];
    MimeMessage template = (MimeMessage) original.reply(false);
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(server.getSmtp().getPort()));
    p.put("mail.smtp.connectiontimeout", "5000");
    p.put("mail.smtp.timeout", "10000");
    MimeMessage answer = new MimeMessage(Session.getInstance(p));
    answer.setFrom(original.getRecipients(RecipientType.TO)[0]);
    answer.setRecipients(RecipientType.TO, template.getRecipients(RecipientType.TO));
    answer.setSubject(template.getSubject(), "UTF-8");
    answer.setHeader("In-Reply-To", template.getHeader("In-Reply-To", null));
    answer.setHeader("References", template.getHeader("References", " "));
    String quoted =
        Arrays.stream(text(original).split("\n"))
            .map(l -> "> " + l)
            .collect(Collectors.joining("\n"));
    answer.setText(body + "\n\nOn an earlier day, support wrote:\n" + quoted + "\n", "UTF-8");
    Transport.send(answer);
  }

  /** A mail the desk sent to one of the shop's customers. */
  private boolean isToCustomer(MimeMessage m) throws MessagingException {
    Address[] from = m.getFrom();
    Address[] to = m.getRecipients(RecipientType.TO);
    return from != null
        && from.length > 0
        && from[0] instanceof InternetAddress sender
        && sender.getAddress().equalsIgnoreCase(supportAddress)
        && to != null
        && to.length == 1
        && to[0] instanceof InternetAddress recipient
        && isCustomer.test(recipient.getAddress());
  }

  private static String addresses(Address[] list) {
    if (list == null) {
      return "";
    }
    return Arrays.stream(list)
        .map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString())
        .collect(Collectors.joining(", "));
  }

  /** The plain-text part, with the line ends of the page. */
  static String text(Part p) throws MessagingException, IOException {
    if (p.isMimeType("text/plain")) {
      return ((String) p.getContent()).replace("\r\n", "\n");
    }
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart part = mp.getBodyPart(i);
        String found = text(part);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return "";
  }
}
