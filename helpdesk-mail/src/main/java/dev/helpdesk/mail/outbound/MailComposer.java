package dev.helpdesk.mail.outbound;

import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.mail.HeaderInjectionException;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.MailThreading;
import dev.helpdesk.notification.Audience;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.ticket.SlaTarget;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a notification into a ready-to-send MIME message: templates rendered, threading headers
 * set, every header value checked for line breaks first.
 */
final class MailComposer {

  /** RFC 3834: mail a machine sent on its own, or as a reply to mail it received. */
  static final String AUTO_SUBMITTED = "Auto-Submitted";

  private static final Logger log = LoggerFactory.getLogger(MailComposer.class);

  private final MailSettings settings;
  private final MailTemplates templates;
  private final Optional<AttachmentStore> files;

  MailComposer(MailSettings settings, MailTemplates templates, Optional<AttachmentStore> files) {
    this.settings = settings;
    this.templates = templates;
    this.files = files;
  }

  /**
   * @throws HeaderInjectionException if a value bound for a header holds a line break
   * @throws MailTemplateException if the kind has no template
   */
  MimeMessage compose(Session session, Notification n) {
    // Checked before anything is rendered: a forged subject or name must fail loudly, not be
    // folded or encoded into something that merely looks harmless.
    HeaderInjectionException.requireSafe("ticketSubject", n.ticketSubject());
    HeaderInjectionException.requireSafe("ticketKey", n.ticketKey().value());
    HeaderInjectionException.requireSafe("recipient.name", n.recipient().name());
    HeaderInjectionException.requireSafe("recipient.email", n.recipient().email().value());
    MailThreading threading = settings.threading();
    String messageId = threading.messageId(n.ticketId().value(), n.id().value());
    String root = threading.threadRoot(n.ticketId().value());
    // The ticket's language, on a customer's mail, comes first: it is what the customer wrote in.
    Locale locale = n.locale().orElseGet(() -> settings.localeOf().apply(n.recipient()));
    List<Attachment> announced = n.attachments();
    List<byte[]> attached = attachable(n, announced);
    Map<String, Object> scope = scope(n, locale);
    files(scope, n, announced, !attached.isEmpty(), locale);
    MailTemplates.Rendered r = templates.render(n.kind(), locale, scope);
    String subject = HeaderInjectionException.requireSafe("subject", r.subject());
    try {
      MimeMessage m = new IdentifiedMimeMessage(session, messageId);
      m.setFrom(new InternetAddress(settings.from().value(), settings.fromName(), "UTF-8"));
      m.setReplyTo(new InternetAddress[] {new InternetAddress(settings.replyTo().value())});
      m.setRecipient(
          Message.RecipientType.TO,
          new InternetAddress(n.recipient().email().value(), n.recipient().name(), "UTF-8"));
      m.setSubject(subject, "UTF-8");
      // The notification's own time: a retried mail is the same mail.
      m.setSentDate(Date.from(n.createdAt()));
      m.setHeader("In-Reply-To", root);
      m.setHeader("References", root);
      m.setHeader(
          "Thread-Index",
          MailThreading.threadIndex(
              n.ticketId().value(),
              n.kind() == NotificationKind.TICKET_RECEIVED
                  ? Optional.empty()
                  : Optional.of(n.id().value())));
      m.setHeader(
          AUTO_SUBMITTED,
          n.kind() == NotificationKind.TICKET_RECEIVED ? "auto-replied" : "auto-generated");
      // Asks Exchange and Outlook not to answer with out-of-office notes, which would loop back.
      m.setHeader("X-Auto-Response-Suppress", "All");
      m.setHeader("X-Helpdesk-Ticket", n.ticketKey().value());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(r.text(), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(r.html(), "UTF-8", "html");
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      if (attached.isEmpty()) {
        m.setContent(alternative);
      } else {
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeMultipart mixed = new MimeMultipart("mixed", body);
        for (int i = 0; i < announced.size(); i++) {
          mixed.addBodyPart(filePart(announced.get(i), attached.get(i)));
        }
        m.setContent(mixed);
      }
      m.saveChanges();
      return m;
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailDeliveryException("could not compose notification " + n.id(), e);
    }
  }

  /**
   * The bytes of the announced files, in order, when the mail is to carry them: all of them within
   * {@link MailSettings#attachmentLimit()}, from a store the notifier was given. Otherwise none,
   * and the mail lists the files instead: a mail carries every file of its reply or none, so that
   * the customer never has to guess which ones are missing.
   */
  private List<byte[]> attachable(Notification n, List<Attachment> announced) {
    if (announced.isEmpty() || files.isEmpty()) {
      return List.of();
    }
    long total = 0;
    for (Attachment a : announced) {
      total += a.size();
    }
    if (total > settings.attachmentLimit()) {
      return List.of();
    }
    List<byte[]> bytes = new ArrayList<>();
    for (Attachment a : announced) {
      Optional<byte[]> read = files.get().read(a.ref());
      if (read.isEmpty()) {
        // Deleted since the reply (an erased customer's files): listed, not attached.
        log.info("Notification {}: file {} is no longer stored; listed only", n.id(), a.ref());
        return List.of();
      }
      bytes.add(read.get());
    }
    return bytes;
  }

  private static MimeBodyPart filePart(Attachment a, byte[] bytes) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, a.mediaType())));
    // The name was checked to be one line; jakarta.mail writes a non-ASCII one as RFC 2231
    // (filename*=UTF-8''...), which every current mail program reads.
    part.setFileName(a.name());
    part.setDisposition(Part.ATTACHMENT);
    // Base64 for every file, text too: otherwise a text file's line ends arrive as CRLF and the
    // customer's copy differs from the desk's by a byte per line.
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  /**
   * The files of the reply for the templates: {@code files} (each with {@code name}, {@code size}
   * and, when not attached and a link template is set, {@code link}), {@code hasFiles}, {@code
   * filesAttached} and {@code filesLinked}.
   */
  private void files(
      Map<String, Object> scope,
      Notification n,
      List<Attachment> announced,
      boolean attached,
      Locale locale) {
    List<Map<String, Object>> list = new ArrayList<>();
    boolean linked = !attached && settings.attachmentLink().isPresent();
    String message = n.values().getOrDefault(Notification.MESSAGE, "");
    for (int i = 0; i < announced.size(); i++) {
      Attachment a = announced.get(i);
      Map<String, Object> file = new HashMap<>();
      file.put("name", a.name());
      file.put("size", size(a.size(), locale));
      file.put("hasLink", linked);
      if (linked) {
        file.put(
            "link",
            link(settings.attachmentLink().get(), n)
                .replace(
                    MailSettings.MESSAGE,
                    URLEncoder.encode(
                        n.values().getOrDefault(Notification.attachmentMessage(i + 1), message),
                        StandardCharsets.UTF_8))
                .replace(
                    MailSettings.INDEX,
                    n.values()
                        .getOrDefault(Notification.attachmentIndex(i + 1), Integer.toString(i)))
                .replace(
                    MailSettings.REF, URLEncoder.encode(a.ref().value(), StandardCharsets.UTF_8)));
      }
      list.add(file);
    }
    scope.put("files", list);
    scope.put("hasFiles", !list.isEmpty());
    scope.put("filesAttached", attached);
    scope.put("filesLinked", linked);
  }

  /** A size as people read it: {@code 512 B}, {@code 12 KB}, {@code 3.4 MB} (1 KB = 1024 B). */
  static String size(long bytes, Locale locale) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return ((bytes + 1023) / 1024) + " KB";
    }
    return String.format(locale, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  private Map<String, Object> scope(Notification n, Locale locale) {
    Map<String, Object> s = new HashMap<>();
    s.put("recipientName", n.recipient().name());
    s.put("ticketKey", n.ticketKey().value());
    s.put("ticketSubject", n.ticketSubject());
    // An agent works the ticket in the desk's console, not on the customer's page.
    boolean forAgent = n.kind().audience() == Audience.AGENT;
    s.put("forAgent", forAgent);
    s.put("ticketLink", link(forAgent ? settings.agentTicketLink() : settings.ticketLink(), n));
    s.put("bodyToken", MailThreading.bodyToken(n.ticketId().value()));
    s.put("fromName", settings.fromName());
    Map<String, String> v = n.values();
    put(s, "body", v.get(Notification.BODY));
    put(s, "author", v.get(Notification.AUTHOR));
    put(s, "status", v.get(Notification.STATUS));
    put(s, "previousStatus", v.get(Notification.PREVIOUS_STATUS));
    put(s, "priority", v.get(Notification.PRIORITY));
    put(s, "previousPriority", v.get(Notification.PREVIOUS_PRIORITY));
    put(s, "group", v.get(Notification.GROUP));
    put(s, "previousGroup", v.get(Notification.PREVIOUS_GROUP));
    put(s, "comment", v.get(Notification.COMMENT));
    put(s, "mergedInto", v.get(Notification.MERGED_INTO));
    String due = v.get(Notification.FIRST_REPLY_DUE);
    if (due != null) {
      put(s, "firstReplyDue", formatInstant(due, locale));
    }
    String slaDue = v.get(Notification.SLA_DUE);
    if (slaDue != null) {
      put(s, "slaDue", formatInstant(slaDue, locale));
    }
    String autoSolveAt = v.get(Notification.AUTO_SOLVE_AT);
    if (autoSolveAt != null) {
      put(s, "autoSolveAt", formatInstant(autoSolveAt, locale));
    } else {
      put(s, "autoSolveAt", null);
    }
    put(s, "reminder", v.get(Notification.REMINDER));
    s.put("secondReminder", "2".equals(v.get(Notification.REMINDER)));
    slaTarget(s, v.get(Notification.SLA_TARGET));
    answers(s, v);
    boolean solved = "SOLVED".equals(v.get(Notification.STATUS));
    s.put("solved", solved);
    s.put("pending", "PENDING".equals(v.get(Notification.STATUS)));
    if (solved && settings.satisfactionLink().isPresent()) {
      put(s, "satisfactionLink", link(settings.satisfactionLink().get(), n));
    }
    return s;
  }

  /**
   * The SLA target as a flag per known target ({@code slaFirstReply}, ...), so that each locale's
   * template words it in its own language, and as {@code slaTarget} with {@code slaOtherTarget} for
   * a target this version does not know.
   */
  private static void slaTarget(Map<String, Object> scope, String target) {
    put(scope, "slaTarget", target);
    boolean known = false;
    for (SlaTarget t : SlaTarget.values()) {
      boolean is = t.name().equals(target);
      scope.put(flag(t), is);
      known |= is;
    }
    scope.put("slaOtherTarget", target != null && !target.isBlank() && !known);
  }

  /**
   * The instant answers of an acknowledgement as {@code answers}, a list of {@code title} and
   * {@code excerpt}, with {@code hasAnswers}.
   */
  private static void answers(Map<String, Object> scope, Map<String, String> values) {
    List<Map<String, String>> answers = new ArrayList<>();
    for (int i = 1; values.containsKey(Notification.answerTitle(i)); i++) {
      answers.add(
          Map.of(
              "title",
              values.get(Notification.answerTitle(i)),
              "excerpt",
              values.getOrDefault(Notification.answerExcerpt(i), "")));
    }
    scope.put("answers", answers);
    scope.put("hasAnswers", !answers.isEmpty());
  }

  /** {@code FIRST_REPLY} becomes {@code slaFirstReply}. */
  private static String flag(SlaTarget t) {
    StringBuilder b = new StringBuilder("sla");
    for (String word : t.name().split("_")) {
      b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  /** Adds a value and a {@code hasX} flag, so templates can leave out what is not there. */
  private static void put(Map<String, Object> scope, String key, String value) {
    boolean present = value != null && !value.isBlank();
    if (present) {
      scope.put(key, value);
    }
    scope.put("has" + Character.toUpperCase(key.charAt(0)) + key.substring(1), present);
  }

  /**
   * An instant as the recipient's locale writes date and time, followed by the zone ("Dec 5, 2026,
   * 2:00 PM CET"): a customer or an agent in another zone would otherwise read the desk's time as
   * their own.
   */
  String formatInstant(String iso, Locale locale) {
    try {
      return formatter(settings.zone(), locale).format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  static DateTimeFormatter formatter(ZoneId zone, Locale locale) {
    DateTimeFormatterBuilder b =
        new DateTimeFormatterBuilder()
            .appendLocalized(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .appendLiteral(' ');
    ZoneId shown = zone;
    if (zone instanceof ZoneOffset offset) {
      // A fixed offset has no name; UTC is named as such, any other offset is written out.
      if (offset.getTotalSeconds() == 0) {
        shown = ZoneId.of("UTC");
        b.appendZoneText(TextStyle.SHORT);
      } else {
        b.appendLiteral("UTC").appendOffsetId();
      }
    } else {
      b.appendZoneText(TextStyle.SHORT);
    }
    return b.toFormatter(locale).withZone(shown);
  }

  private static String link(String template, Notification n) {
    return template
        .replace(MailSettings.KEY, URLEncoder.encode(n.ticketKey().value(), StandardCharsets.UTF_8))
        .replace(MailSettings.ID, n.ticketId().toString());
  }

  /** Keeps the Message-ID we chose instead of the random one jakarta.mail makes on save. */
  private static final class IdentifiedMimeMessage extends MimeMessage {
    private final String messageId;

    IdentifiedMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
