package dev.helpdesk.mail.inbound;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.Leases;
import dev.helpdesk.common.ValidationException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds an IMAP folder to a {@link MailIntake}. Each {@link #pollOnce()} reads the messages not yet
 * marked, in batches fetched whole in one round trip each, hands each to the intake and then marks
 * the batch with the user flag {@value #PROCESSED} (or, on a server without user flags, {@code
 * \Seen}), so a message is processed once. If the mark is lost (a crash between the two), the
 * intake recognises the Message-ID and does nothing twice.
 *
 * <p>Several instances of the application may poll the same mailbox: a poll first takes the lease
 * {@code imap:<user>@<host>:<port>/<folder>} from the desk's {@link HelpDesk#leases()} (shared
 * through the database when the desk's store is one), so one poller at a time reads the mailbox,
 * and another's poll returns at once with nothing. The lease is renewed while the poll goes on and
 * given up when it ends; a poller that crashes holds it until its duration ends, then another takes
 * over. Call {@link #pollOnce()} from a scheduler; one call at a time per poller.
 */
public final class ImapPoller {

  /** The IMAP keyword set on every processed message. */
  public static final String PROCESSED = "$HelpdeskProcessed";

  private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

  private final ImapSettings settings;
  private final MailIntake intake;
  private final Session session;
  private final Leases leases;
  private final Clock clock;
  private final String leaseName;
  private final String owner;
  private final Duration lease;
  private final int batchSize;

  /**
   * A poller with the defaults of {@link #builder}: a lease of 5 minutes, owned by {@link
   * #defaultOwner()}, batches of 50.
   *
   * @param settings the server, login and folder
   * @param intake what processes each message
   */
  public ImapPoller(ImapSettings settings, MailIntake intake) {
    this(builder(settings, intake));
  }

  private ImapPoller(Builder b) {
    this.settings = b.settings;
    this.intake = b.intake;
    this.session = Session.getInstance(properties(settings));
    HelpDesk desk = intake.desk();
    this.leases = desk.leases();
    this.clock = desk.clock();
    this.leaseName = leaseName(settings);
    this.owner = b.owner;
    this.lease = b.lease;
    this.batchSize = b.batchSize;
  }

  /**
   * Starts a poller of the folder in {@code settings} feeding {@code intake}.
   *
   * @throws ValidationException naming {@code settings} or {@code intake} if one is missing
   */
  public static Builder builder(ImapSettings settings, MailIntake intake) {
    return new Builder(Check.present("settings", settings), Check.present("intake", intake));
  }

  /**
   * An owner name unique to this poller: the host name, the process id and a random suffix (so two
   * pollers in one process are told apart), e.g. {@code app-7f9c/4711/3fa2b1}.
   */
  public static String defaultOwner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | RuntimeException e) {
      host = "unknown-host";
    }
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
    String owner = host + "/" + ProcessHandle.current().pid() + "/" + suffix;
    return owner.length() <= Leases.MAX_NAME_LENGTH
        ? owner
        : owner.substring(owner.length() - Leases.MAX_NAME_LENGTH);
  }

  /** The name of the lease that guards polling this mailbox. */
  public String leaseName() {
    return leaseName;
  }

  /** How long the lease lasts without renewal. */
  public Duration lease() {
    return lease;
  }

  /** The name this poller holds the lease by. */
  public String owner() {
    return owner;
  }

  /**
   * Processes the messages of the folder not yet marked, at most {@link ImapSettings#maxPerPoll()},
   * if this poller gets the mailbox's lease; otherwise returns at once.
   *
   * @return what the intake did with each; empty when another poller holds the lease
   * @throws ImapException if the server cannot be reached or the folder opened
   */
  public List<IntakeResult> pollOnce() {
    if (!leases.tryAcquire(leaseName, owner, clock.instant(), lease)) {
      log.debug("{} is polled by another poller; {} skips this poll", leaseName, owner);
      return List.of();
    }
    try {
      return poll();
    } finally {
      try {
        leases.release(leaseName, owner);
      } catch (RuntimeException e) {
        // The lease ends by itself; another poller only waits longer.
        log.warn("Could not give up the lease {}; it ends in {}", leaseName, lease, e);
      }
    }
  }

  private List<IntakeResult> poll() {
    List<IntakeResult> results = new ArrayList<>();
    Instant renewed = clock.instant();
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
      FetchProfile whole = new FetchProfile();
      whole.add(FetchProfile.Item.SIZE);
      whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
      for (int from = 0; from < n; from += batchSize) {
        Message[] batch = Arrays.copyOfRange(waiting, from, Math.min(n, from + batchSize));
        // One round trip for the whole batch, instead of one or more per message.
        folder.fetch(batch, whole);
        List<Message> done = new ArrayList<>(batch.length);
        boolean leaseLost = false;
        for (Message m : batch) {
          Instant now = clock.instant();
          if (Duration.between(renewed, now).compareTo(lease.dividedBy(2)) >= 0) {
            if (!leases.renew(leaseName, owner, now, lease)) {
              leaseLost = true;
              break;
            }
            renewed = now;
          }
          IntakeResult result = processOne(m);
          if (result != null) {
            done.add(m);
            results.add(result);
          }
        }
        if (!done.isEmpty()) {
          folder.setFlags(done.toArray(Message[]::new), mark, true);
        }
        if (leaseLost) {
          // Another poller may be reading the mailbox: stop; what is left is theirs now.
          log.warn("{} lost the lease {} mid-poll; stopping", owner, leaseName);
          break;
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

  /** The lease name of a mailbox; hashed if the readable form would be too long. */
  private static String leaseName(ImapSettings s) {
    String name = "imap:" + s.username() + "@" + s.host() + ":" + s.port() + "/" + s.folder();
    if (name.length() <= Leases.MAX_NAME_LENGTH) {
      return name;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return "imap:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Configures an {@link ImapPoller}; see {@link ImapPoller#builder}. */
  public static final class Builder {

    private final ImapSettings settings;
    private final MailIntake intake;
    private Duration lease = Duration.ofMinutes(5);
    private String owner = defaultOwner();
    private int batchSize = 50;

    private Builder(ImapSettings settings, MailIntake intake) {
      this.settings = settings;
      this.intake = intake;
    }

    /**
     * How long the mailbox's lease lasts without renewal; default 5 minutes. It is renewed when
     * half of it has passed, between messages, so it must be well above the time one message takes;
     * it is also how long the other pollers wait after this one crashed.
     *
     * @throws ValidationException naming {@code lease} if it is missing or not positive
     */
    public Builder lease(Duration lease) {
      Check.present("lease", lease);
      if (lease.isNegative() || lease.isZero()) {
        throw new ValidationException("lease", "must be positive (was " + lease + ")");
      }
      this.lease = lease;
      return this;
    }

    /**
     * The name this poller holds the lease by, unique among the pollers of the mailbox; default
     * {@link ImapPoller#defaultOwner()}.
     *
     * @throws ValidationException naming {@code owner} if it is blank, longer than 200 characters
     *     or holds a line break
     */
    public Builder owner(String owner) {
      this.owner = Check.line("owner", owner, Leases.MAX_NAME_LENGTH);
      return this;
    }

    /**
     * How many messages are fetched in one round trip and marked together; default 50.
     *
     * @throws ValidationException naming {@code batchSize} if it is not positive
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = Check.positive("batchSize", batchSize);
      return this;
    }

    /** The poller. */
    public ImapPoller build() {
      return new ImapPoller(this);
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
