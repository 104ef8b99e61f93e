package dev.helpdesk.mail.outbound;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.Notifier;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the desk's notifications by SMTP. Plug it in with {@code HelpDesk.builder().notifier(new
 * MailNotifier(settings))}; the desk's outbox and dispatcher then retry what fails with backoff and
 * dead-letter what keeps failing.
 *
 * <p>{@link #deliverEach} (and so {@link #deliverAll}) sends a whole batch over one connection. A
 * mail the server refuses fails alone, and the rest of the batch still goes; if the connection
 * drops, it is opened again once. A notification whose subject or names would inject a header fails
 * with {@link dev.helpdesk.mail.HeaderInjectionException} and is never sent. Thread-safe.
 */
public final class MailNotifier implements Notifier {

  private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

  private final MailSettings settings;
  private final Session session;
  private final MailComposer composer;
  private final Optional<AttachmentStore> files;

  /**
   * A notifier with the built-in templates and the application's overrides from its class path,
   * that lists a reply's files instead of attaching them (it has no store to read them from).
   */
  public MailNotifier(MailSettings settings) {
    this(settings, Thread.currentThread().getContextClassLoader());
  }

  /**
   * A notifier that attaches a reply's files, read from {@code files} (the store the desk was built
   * with), up to {@link MailSettings#attachmentLimit()} per mail.
   */
  public MailNotifier(MailSettings settings, AttachmentStore files) {
    this(settings, Thread.currentThread().getContextClassLoader(), Check.present("files", files));
  }

  /**
   * A notifier that looks for the application's templates through {@code templateLoader}.
   *
   * @param settings the server and the mail's identity
   * @param templateLoader the class loader whose resources hold {@link MailSettings#templateRoot()}
   */
  public MailNotifier(MailSettings settings, ClassLoader templateLoader) {
    this(settings, templateLoader, null);
  }

  /**
   * A notifier that looks for templates through {@code templateLoader} and attaches a reply's files
   * read from {@code files}, or lists them if {@code files} is null.
   *
   * @param settings the server and the mail's identity
   * @param templateLoader the class loader whose resources hold {@link MailSettings#templateRoot()}
   * @param files the desk's attachment store, or null
   */
  public MailNotifier(MailSettings settings, ClassLoader templateLoader, AttachmentStore files) {
    this.settings = Check.present("settings", settings);
    this.session = Session.getInstance(properties(settings));
    ClassLoader loader =
        templateLoader != null ? templateLoader : MailNotifier.class.getClassLoader();
    this.files = Optional.ofNullable(files);
    this.composer =
        new MailComposer(settings, new MailTemplates(settings.templateRoot(), loader), this.files);
  }

  /** Sends one notification over a connection of its own. */
  @Override
  public void deliver(Notification notification) {
    RuntimeException failure = deliverAll(List.of(notification)).get(notification.id());
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Sends the batch over one connection and reports each mail as soon as the server accepted or
   * refused it.
   */
  @Override
  public void deliverEach(List<Notification> batch, Outcomes outcomes) {
    Transport transport = null;
    // The first notification not reported on yet.
    int next = 0;
    try {
      while (next < batch.size()) {
        Notification n = batch.get(next);
        // Composed one at a time, just before it is sent: a mail may carry megabytes of files,
        // and a batch of them must not all be held at once.
        MimeMessage mail;
        try {
          mail = composer.compose(session, n);
        } catch (HelpDeskException e) {
          next++;
          log.warn("Notification {} ({}) not sent: {}", n.id(), n.kind(), e.getMessage());
          outcomes.failed(n, e);
          continue;
        }
        if (transport == null) {
          transport = connect();
        }
        try {
          transport.sendMessage(mail, mail.getAllRecipients());
        } catch (MessagingException e) {
          next++;
          // The server's own answer (e.g. "550 mailbox unavailable") is what an operator needs.
          outcomes.failed(
              n, new MailDeliveryException("SMTP refused " + n.id() + ": " + e.getMessage(), e));
          if (!transport.isConnected()) {
            log.info("SMTP connection lost after a failed send; connecting again");
            close(transport);
            transport = null;
            transport = connect();
          }
          continue;
        }
        next++;
        outcomes.delivered(n);
      }
    } catch (MailDeliveryException e) {
      // Could not connect (again): what was not tried yet fails with this cause; what was sent
      // before the connection dropped stays delivered, so it is not sent twice.
      for (int i = next; i < batch.size(); i++) {
        outcomes.failed(batch.get(i), e);
      }
    } finally {
      close(transport);
    }
  }

  /**
   * Connects to the SMTP server, logs in if the settings have a login, and closes again, so an
   * application can find a wrong host, port, security or password at start-up instead of at the
   * first notification.
   *
   * @throws MailDeliveryException with a message that names the cause, e.g. {@code smtp.example:25
   *     does not offer STARTTLS; set security NONE for a plain relay or use port 465 with SSL}
   */
  public void checkConnection() {
    close(connect());
  }

  /** The store this notifier reads the files it attaches from; empty if it only lists them. */
  public Optional<AttachmentStore> files() {
    return files;
  }

  /** The settings this notifier sends with. */
  public MailSettings settings() {
    return settings;
  }

  private Transport connect() {
    try {
      Transport t = session.getTransport("smtp");
      t.connect(
          settings.host(),
          settings.port(),
          settings.username().orElse(null),
          settings.password().orElse(null));
      return t;
    } catch (MessagingException e) {
      throw new MailDeliveryException(SmtpDiagnosis.connectFailure(settings, e), e);
    }
  }

  private static void close(Transport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException e) {
      log.debug("Closing the SMTP connection failed", e);
    }
  }

  static Properties properties(MailSettings s) {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", s.host());
    p.put("mail.smtp.port", Integer.toString(s.port()));
    p.put("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
    p.put("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(s.writeTimeout().toMillis()));
    p.put("mail.smtp.from", s.from().value());
    p.put("mail.smtp.localhost", s.threading().domain());
    p.put("mail.smtp.auth", Boolean.toString(s.username().isPresent()));
    switch (s.security()) {
      case STARTTLS -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case SSL -> {
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> {}
    }
    s.sslTrust().ifPresent(h -> p.put("mail.smtp.ssl.trust", h));
    return p;
  }
}
