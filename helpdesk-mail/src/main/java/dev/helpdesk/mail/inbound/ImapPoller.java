package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.Check;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds an IMAP folder to a {@link MailIntake}. Each {@link #pollOnce()} reads the messages not yet
 * marked, hands each to the intake and then marks it with the user flag {@value #PROCESSED} (or, on
 * a server without user flags, {@code \Seen}), so a message is processed once. If the mark is lost
 * (a crash between the two), the intake recognises the Message-ID and does nothing twice. Call it
 * from a scheduler; one call at a time.
 */
public final class ImapPoller {

  /** The IMAP keyword set on every processed message. */
  public static final String PROCESSED = "$HelpdeskProcessed";

  private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

  private final ImapSettings settings;
  private final MailIntake intake;
  private final Session session;

  /**
   * @param settings the server, login and folder
   * @param intake what processes each message
   */
  public ImapPoller(ImapSettings settings, MailIntake intake) {
    this.settings = Check.present("settings", settings);
    this.intake = Check.present("intake", intake);
    this.session = Session.getInstance(properties(settings));
  }

  /**
   * Processes every message of the folder not yet marked, at most {@link
   * ImapSettings#maxPerPoll()}.
   *
   * @return what the intake did with each
   * @throws ImapException if the server cannot be reached or the folder opened
   */
  public List<IntakeResult> pollOnce() {
    List<IntakeResult> results = new ArrayList<>();
    Store store = null;
    Folder folder = null;
    try {
      store = session.getStore(settings.ssl() ? "imaps" : "imap");
      store.connect(settings.host(), settings.port(), settings.username(), settings.password());
      folder = store.getFolder(settings.folder());
      folder.open(Folder.READ_WRITE);
      Flags mark =
          folder.getPermanentFlags().contains(Flags.Flag.USER)
              ? new Flags(PROCESSED)
              : new Flags(Flags.Flag.SEEN);
      Message[] waiting = folder.search(new FlagTerm(mark, false));
      int n = Math.min(waiting.length, settings.maxPerPoll());
      for (int i = 0; i < n; i++) {
        Message m = waiting[i];
        IntakeResult result = processOne(m);
        if (result != null) {
          m.setFlags(mark, true);
          results.add(result);
        }
      }
    } catch (MessagingException e) {
      throw new ImapException(
          "IMAP "
              + settings.host()
              + ":"
              + settings.port()
              + "/"
              + settings.folder()
              + ": "
              + e.getMessage(),
          e);
    } finally {
      close(folder, store);
    }
    return results;
  }

  /** The result, or null to leave the message unmarked and try it again next time. */
  private IntakeResult processOne(Message m) throws MessagingException {
    if (m.getSize() > intake.maxBytes()) {
      // Not even fetched: the server's size says it is over the limit.
      return intake.rejectTooLarge(m.getSize());
    }
    byte[] raw;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      m.writeTo(out);
      raw = out.toByteArray();
    } catch (IOException e) {
      log.warn("Could not fetch message {}; will try again", m.getMessageNumber(), e);
      return null;
    }
    try {
      return intake.process(raw);
    } catch (RuntimeException e) {
      // The desk failed (e.g. its store is down): leave the message for the next poll.
      log.warn("Intake failed on message {}; will try again", m.getMessageNumber(), e);
      return null;
    }
  }

  private static void close(Folder folder, Store store) {
    try {
      if (folder != null && folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      log.debug("Closing the folder failed", e);
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException e) {
      log.debug("Closing the store failed", e);
    }
  }

  private static Properties properties(ImapSettings s) {
    Properties p = new Properties();
    for (String proto : new String[] {"imap", "imaps"}) {
      p.put("mail." + proto + ".connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
      p.put("mail." + proto + ".timeout", Long.toString(s.readTimeout().toMillis()));
      p.put("mail." + proto + ".writetimeout", Long.toString(s.readTimeout().toMillis()));
    }
    return p;
  }
}
