package dev.helpdesk.mail.inbound;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.mail.MailThreading;
import dev.helpdesk.mail.inbound.IntakeResult.Outcome;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns received mail into tickets and replies, acting as the system actor {@value #ACTOR} for
 * lookups and notes and as the customer for what the customer wrote.
 *
 * <p>A mail is matched to a ticket, first hit wins, by: its {@code In-Reply-To} and {@code
 * References} (the desk's own Message-IDs name their ticket; other ids are looked up in the desk's
 * {@link MessageThreads}); the {@code [HD-1042]} token in the subject; the hidden {@code
 * [hd-ref:...]} token in the text. A match appends the text, quoted history stripped, as the
 * customer's reply (a CLOSED ticket gets a linked follow-up), or as the public reply of a person
 * copied on the ticket ({@code Ticket.ccs()}) when it comes from one. Anyone else who answers our
 * mail is recorded as an internal note; a sender who only names the ticket never lands on it: they
 * get a ticket of their own. Without a match, a new ticket is opened for the sender.
 *
 * <p>Loops and bounces: a delivery report is recorded on its ticket as an internal note, never as a
 * reply; so is an auto-reply to our mail. No acknowledgement goes to mail that carries a loop
 * signal ({@code Auto-Submitted}, {@code X-Loop}, {@code Precedence: bulk|list|junk}, {@code
 * X-Auto-Response-Suppress}, {@code List-Unsubscribe}, {@code List-Id}, a mailer-daemon or
 * postmaster sender), nor beyond {@link IntakeSettings#acknowledgementsPerHour()} to one sender.
 * Our own mail come back is ignored.
 *
 * <p>Each mail is processed once, also with several instances: its Message-ID is recorded in the
 * desk's {@link MessageThreads} in the same unit of work as the ticket change it makes ({@link
 * HelpDesk#inOneUnit}), and a mail whose Message-ID is recorded already is a {@link
 * Outcome#DUPLICATE}. When two instances process the same mail at once, the one that records the
 * Message-ID second has its change undone (on a store with transactions). Thread-safe.
 */
public final class MailIntake {

  /** The system actor the intake acts as. */
  public static final String ACTOR = "mail-intake";

  private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
  private static final Pattern SUBJECT_TOKEN =
      Pattern.compile("\\[([A-Z][A-Z0-9]{0,9}-[0-9]{1,18})\\]");
  private static final Pattern FORWARD = Pattern.compile("(?i)^\\s*(fwd?|wg|tr)\\s*:.*");
  private static final String NO_TEXT = "(no text)";

  private final HelpDesk desk;
  private final IntakeSettings settings;
  private final MessageThreads threads;
  private final AcknowledgementLimit limit;
  private final Actor system = Actor.system(ACTOR);

  /**
   * @param desk the desk to write to, whose {@link HelpDesk#messageThreads()} remember the
   *     Message-IDs received (shared by every instance when the desk's store is a database)
   * @param settings the support address, Message-ID domain and limits
   */
  public MailIntake(HelpDesk desk, IntakeSettings settings) {
    this.desk = Check.present("desk", desk);
    this.settings = Check.present("settings", settings);
    this.threads = desk.messageThreads();
    this.limit = new AcknowledgementLimit(settings.acknowledgementsPerHour(), desk.clock());
  }

  /** Processes the raw bytes of a received mail. Never throws for a bad mail: it is rejected. */
  public IntakeResult process(byte[] raw) {
    Check.present("mail", raw);
    if (raw.length > settings.maxBytes()) {
      return rejected(
          "mail of " + raw.length + " bytes exceeds the limit of " + settings.maxBytes());
    }
    InboundMail mail;
    try {
      mail = MailParser.parse(raw);
    } catch (MalformedMailException e) {
      return rejected(e.getMessage());
    }
    return handle(mail);
  }

  /** Processes a received mail. Never throws for a bad mail: it is rejected. */
  public IntakeResult process(MimeMessage message) {
    Check.present("mail", message);
    long size = sizeOf(message);
    if (size > settings.maxBytes()) {
      return rejected("mail of more than " + settings.maxBytes() + " bytes exceeds the limit");
    }
    InboundMail mail;
    try {
      mail = MailParser.parse(message);
    } catch (MalformedMailException e) {
      return rejected(e.getMessage());
    }
    return handle(mail);
  }

  private IntakeResult handle(InboundMail mail) {
    MailThreading threading = settings.threading();
    Optional<String> messageId = mail.messageId();
    if (messageId.isPresent()) {
      Optional<TicketId> seen = threads.ticketOf(messageId.get());
      if (seen.isPresent()) {
        return result(Outcome.DUPLICATE, seen, false, "already processed " + messageId.get());
      }
      if (threading.isOwn(messageId.get())) {
        return ignored(mail, "our own mail came back (" + messageId.get() + ")");
      }
    }
    if (mail.from().equals(settings.supportAddress())) {
      return ignored(mail, "mail from our own support address");
    }
    try {
      // The ticket change and the record of the Message-ID commit together or not at all: a
      // poller that dies after the commit leaves a mail that the next one recognises.
      return desk.inOneUnit(() -> route(mail));
    } catch (AlreadyProcessed e) {
      return result(
          Outcome.DUPLICATE,
          threads.ticketOf(e.messageId),
          false,
          "already processed " + e.messageId + " (at the same time, elsewhere)");
    }
  }

  /** What to do with a mail not seen before, done inside the unit of work of {@link #handle}. */
  private IntakeResult route(InboundMail mail) {
    Optional<String> messageId = mail.messageId();
    if (mail.isBounce() || mail.automated()) {
      return automatic(mail);
    }
    Optional<Match> match = match(mail, false);
    if (match.isPresent()) {
      Match m = match.get();
      if (isRequester(mail, m.ticket())) {
        return reply(mail, m);
      }
      if (isCc(mail, m.ticket()) && m.ticket().status() != Status.CLOSED) {
        return ccReply(mail, m);
      }
      if (m.threaded() && m.ticket().status() != Status.CLOSED) {
        return copied(mail, m);
      }
      // A stranger who only names the ticket (keys are sequential, tokens guessable) never lands
      // on it: they get a ticket of their own.
      log.info(
          "Mail {} from {} names {} by {} but is not its requester; opening a ticket of its own",
          messageId.orElse("-"),
          mail.from(),
          m.ticket().key(),
          m.how());
    }
    return open(mail, customerOf(mail));
  }

  /**
   * A bounce or an auto-reply is recorded only on a ticket that one of our own Message-IDs names:
   * only those who received our mail know them, while a subject or body token can be guessed.
   */
  private IntakeResult automatic(InboundMail mail) {
    String kind = mail.isBounce() ? "bounce" : "automatic reply";
    Optional<Match> ours = match(mail, true);
    if (ours.isEmpty()) {
      Optional<Match> named = match(mail, false);
      if (named.isPresent()) {
        return ignored(
            mail,
            kind
                + " names "
                + named.get().ticket().key()
                + " by "
                + named.get().how()
                + " but no Message-ID we sent ties it to the ticket");
      }
      if (mail.isBounce()) {
        return ignored(mail, "bounce of no known ticket from " + mail.from());
      }
      // An automated mail about nothing we sent: a ticket, never acknowledged (its loop signal).
      return open(mail, customerOf(mail));
    }
    Ticket ticket = ours.get().ticket();
    if (ticket.status() == Status.CLOSED) {
      return closed(mail, ticket, kind);
    }
    if (mail.isBounce()) {
      String note =
          "Mail delivery failed (report from "
              + mail.from()
              + ", subject \""
              + mail.subject()
              + "\"):\n\n"
              + mail.bounce().orElseThrow();
      return noted(mail, ticket, note, Outcome.BOUNCE_RECORDED);
    }
    String note =
        "Automatic reply from "
            + mail.from()
            + " (\""
            + mail.subject()
            + "\"):\n\n"
            + QuoteStripper.strip(mail.text());
    return noted(mail, ticket, note, Outcome.AUTO_REPLY_RECORDED);
  }

  /**
   * Whether the sender is the ticket's requester: the address the ticket was opened with, or the
   * address the desk knows the requester by now (they may have moved since); and, where the
   * settings require it, the mail server vouched for the address.
   */
  private boolean isRequester(InboundMail mail, Ticket ticket) {
    if (!authenticated(mail)) {
      return false;
    }
    Customer requester = ticket.requester();
    if (requester.email().value().equalsIgnoreCase(mail.from().value())) {
      return true;
    }
    return desk.customerByEmail(system, mail.from())
        .filter(c -> c.id().equals(requester.id()))
        .isPresent();
  }

  /**
   * Whether the sender is copied on the ticket ({@link Ticket#ccs()}, the address ignoring case)
   * and, where the settings require it, the mail server vouched for the address: the requester or
   * staff named that address for the ticket, as the ticket names the requester's.
   */
  private boolean isCc(InboundMail mail, Ticket ticket) {
    return authenticated(mail) && ticket.cc(mail.from()).isPresent();
  }

  /**
   * A CC's reply: their public reply on the ticket, authored by the customer the desk knows by the
   * address (or {@code mail:<address>}), never acknowledged. A ticket closed since it was read
   * takes nothing more: the CC gets a ticket of their own, as anyone writing on a closed one does.
   */
  private IntakeResult ccReply(InboundMail mail, Match m) {
    Ticket ticket = m.ticket();
    Posted posted;
    try {
      posted = desk.replyFromCc(system, ticket.id(), customerOf(mail), draft(mail, true));
    } catch (TicketClosedException e) {
      return open(mail, customerOf(mail));
    }
    remember(mail, ticket.id());
    log.info(
        "Mail {} from {}, copied on {}, replied on it (matched by {})",
        mail.messageId().orElse("-"),
        mail.from(),
        ticket.key(),
        m.how());
    return result(Outcome.CC_REPLIED, posted.ticket(), false, "matched by " + m.how());
  }

  /** The requester's reply; on a CLOSED ticket a follow-up, acknowledged as a new ticket is. */
  private IntakeResult reply(InboundMail mail, Match m) {
    Ticket ticket = m.ticket();
    // Only a follow-up is acknowledged; the limit is spent only for one. A ticket closed after
    // this read gets a follow-up without acknowledgement, which is the safe side.
    Acknowledgement ack =
        ticket.status() == Status.CLOSED ? acknowledgement(mail) : Acknowledgement.NOT_NEEDED;
    Posted posted =
        desk.reply(
            Actor.customer(ticket.requester().id()), ticket.id(), draft(mail, true), ack.send());
    remember(mail, posted.ticket().id());
    Outcome outcome = posted.followUp() ? Outcome.FOLLOW_UP_OPENED : Outcome.REPLIED;
    boolean acknowledged = posted.followUp() && ack.send();
    log.info(
        "Mail {} from {} {} {} (matched by {}{})",
        mail.messageId().orElse("-"),
        mail.from(),
        outcome == Outcome.REPLIED ? "replied on" : "opened follow-up",
        posted.ticket().key(),
        m.how(),
        posted.followUp() ? "; " + ack.why() : "");
    String why = "matched by " + m.how() + (posted.followUp() ? "; " + ack.why() : "");
    return result(outcome, posted.ticket(), acknowledged, why);
  }

  /**
   * A reply to our mail from someone the customer copied on a mail but not on the ticket: part of
   * the conversation, so it is kept with the ticket, but as an internal note (only the requester,
   * the ticket's CCs and staff write its public conversation). Never acknowledged.
   */
  private IntakeResult copied(InboundMail mail, Match m) {
    MessageDraft draft = draft(mail, true);
    String note =
        "Reply from "
            + mail.fromName()
            + " <"
            + mail.from()
            + ">"
            + (authenticated(mail)
                ? ", who is not the requester"
                : ", whose address the mail server did not authenticate")
            + " (\""
            + mail.subject()
            + "\"):\n\n"
            + draft.body();
    // The files go on the note, where staff see them and the customer does not.
    return noted(
        mail,
        m.ticket(),
        new MessageDraft(truncate(note), draft.attachments()),
        Outcome.COPIED_REPLY_RECORDED);
  }

  /** Machine mail for a CLOSED ticket: dropped, since a closed ticket takes nothing more. */
  private IntakeResult closed(InboundMail mail, Ticket ticket, String what) {
    remember(mail, ticket.id());
    return ignored(mail, what + " for " + ticket.key() + ", which is CLOSED: not recorded");
  }

  /** Whether a new ticket or follow-up is acknowledged, and why (for the result and the log). */
  private record Acknowledgement(boolean send, String why) {
    static final Acknowledgement NOT_NEEDED = new Acknowledgement(false, "no acknowledgement due");
  }

  /** Loop signals first, then the sender's hourly limit, which this spends when it allows. */
  private Acknowledgement acknowledgement(InboundMail mail) {
    List<String> signals = mail.loopSignals();
    if (!signals.isEmpty()) {
      return new Acknowledgement(false, "no acknowledgement: " + String.join(", ", signals));
    }
    if (!limit.tryAcquire(mail.from())) {
      return new Acknowledgement(false, "no acknowledgement: sender over the hourly limit");
    }
    return new Acknowledgement(true, "acknowledged");
  }

  private IntakeResult open(InboundMail mail, Customer customer) {
    Acknowledgement ack = acknowledgement(mail);
    MessageDraft draft = draft(mail, false);
    String subject =
        SUBJECT_TOKEN.matcher(mail.subject()).replaceAll("").replaceAll("\\s{2,}", " ").strip();
    NewTicket request =
        NewTicket.builder()
            .requester(customer)
            .subject(subject.isEmpty() ? "(no subject)" : subject)
            .description(draft.body())
            .channel(Channel.EMAIL)
            .acknowledge(ack.send())
            .build();
    Ticket ticket = desk.open(Actor.customer(customer.id()), request);
    if (!draft.attachments().isEmpty()) {
      // Opening takes no files: they follow at once as the customer's first reply.
      desk.reply(
          Actor.customer(customer.id()),
          ticket.id(),
          new MessageDraft("Attachments of the first mail.", draft.attachments()));
    }
    remember(mail, ticket.id());
    log.info(
        "Mail {} from {} opened {} ({})",
        mail.messageId().orElse("-"),
        mail.from(),
        ticket.key(),
        ack.why());
    return result(Outcome.OPENED, ticket, ack.send(), ack.why());
  }

  private IntakeResult noted(InboundMail mail, Ticket ticket, String note, Outcome outcome) {
    return noted(mail, ticket, MessageDraft.text(truncate(note)), outcome);
  }

  private IntakeResult noted(InboundMail mail, Ticket ticket, MessageDraft note, Outcome outcome) {
    try {
      desk.note(system, ticket.id(), note);
    } catch (TicketClosedException e) {
      // Closed since it was read: the mail is dropped like any for a closed ticket, not retried.
      return closed(mail, ticket, outcome.name().toLowerCase(Locale.ROOT));
    }
    remember(mail, ticket.id());
    log.info(
        "Mail {} from {} recorded on {}: {}",
        mail.messageId().orElse("-"),
        mail.from(),
        ticket.key(),
        outcome);
    return result(outcome, ticket, false, outcome.name().toLowerCase(Locale.ROOT));
  }

  /**
   * The ticket the mail answers, and how it was found.
   *
   * @param threaded whether the mail answers a Message-ID of the ticket's conversation (one we
   *     sent, or one we received on it), rather than naming it by a token anyone can copy
   */
  private record Match(Ticket ticket, String how, boolean threaded) {}

  /**
   * The ticket the mail names, first hit wins.
   *
   * @param oursOnly only by a Message-ID we sent, the one tie a stranger cannot guess
   */
  private Optional<Match> match(InboundMail mail, boolean oursOnly) {
    MailThreading threading = settings.threading();
    for (String id : mail.threadIds()) {
      Optional<TicketId> named = threading.ticketOf(id).map(TicketId::new);
      if (named.isEmpty() && !oursOnly) {
        named = threads.ticketOf(id);
      }
      Optional<Ticket> ticket = named.flatMap(this::load);
      if (ticket.isPresent()) {
        return Optional.of(new Match(ticket.get(), "thread " + id, true));
      }
    }
    if (oursOnly) {
      return Optional.empty();
    }
    Matcher token = SUBJECT_TOKEN.matcher(mail.subject());
    while (token.find()) {
      try {
        Ticket t = desk.ticket(system, TicketKey.parse(token.group(1))).ticket();
        return Optional.of(new Match(t, "subject [" + t.key() + "]", false));
      } catch (NotFoundException | ValidationException e) {
        // Not one of ours: try the next token.
      }
    }
    Optional<UUID> body = MailThreading.ticketOfBody(mail.text());
    return body.map(TicketId::new)
        .flatMap(this::load)
        .map(t -> new Match(t, "body token of " + t.key(), false));
  }

  private Optional<Ticket> load(TicketId id) {
    try {
      return Optional.of(desk.ticket(system, id).ticket());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The customer known by the sender's address, else one whose id is derived from it. Mail the
   * settings do not consider authenticated is never a known customer's.
   */
  private Customer customerOf(InboundMail mail) {
    Optional<Customer> known =
        authenticated(mail) ? desk.customerByEmail(system, mail.from()) : Optional.empty();
    return known.orElseGet(() -> new Customer(derivedId(mail), mail.fromName(), mail.from()));
  }

  /** Whether the From: address may be believed: always, unless the settings require DMARC. */
  private boolean authenticated(InboundMail mail) {
    return settings
        .authservId()
        .map(id -> AuthenticationResults.dmarcPass(mail.authenticationResults(), id, mail.from()))
        .orElse(true);
  }

  private static CustomerId derivedId(InboundMail mail) {
    String id = "mail:" + mail.from().value().toLowerCase(Locale.ROOT);
    if (id.length() <= CustomerId.MAX_LENGTH) {
      return CustomerId.of(id);
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return CustomerId.of("mail:" + HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The text to store: for a reply the new text only; a forward keeps what it forwards, since that
   * is the point of it.
   */
  private static MessageDraft draft(InboundMail mail, boolean reply) {
    String text = mail.text();
    if (reply || !FORWARD.matcher(mail.subject()).matches()) {
      text = QuoteStripper.strip(text);
    }
    text = truncate(text.strip());
    return new MessageDraft(text.isBlank() ? NO_TEXT : text, mail.attachments());
  }

  private static String truncate(String text) {
    return text.length() <= Message.MAX_BODY_LENGTH
        ? text
        : text.substring(0, Message.MAX_BODY_LENGTH - 1) + "…";
  }

  /**
   * Records the mail's Message-ID on its ticket, in the unit of work of the change; if another
   * thread or instance recorded it first, undoes the change by throwing {@link AlreadyProcessed}.
   */
  private void remember(InboundMail mail, TicketId ticket) {
    Optional<String> id = mail.messageId();
    if (id.isPresent() && !threads.remember(id.get(), ticket)) {
      throw new AlreadyProcessed(id.get());
    }
  }

  /** The mail was processed elsewhere meanwhile: thrown to roll back this processing. */
  private static final class AlreadyProcessed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String messageId;

    AlreadyProcessed(String messageId) {
      super("already processed " + messageId, null, false, false);
      this.messageId = messageId;
    }
  }

  /** The desk this intake writes to (the poller takes its leases and clock from it). */
  HelpDesk desk() {
    return desk;
  }

  private long sizeOf(MimeMessage message) {
    try {
      int size = message.getSize();
      if (size > settings.maxBytes()) {
        return size;
      }
      // getSize() is the body only, or unknown: count the whole mail, stopping past the limit.
      Counter counter = new Counter(settings.maxBytes());
      try {
        message.writeTo(counter);
      } catch (Counter.Exceeded e) {
        return counter.count;
      }
      return counter.count;
    } catch (MessagingException | IOException | RuntimeException e) {
      // The parser will say what is wrong with it.
      return 0;
    }
  }

  long maxBytes() {
    return settings.maxBytes();
  }

  IntakeResult rejectTooLarge(long size) {
    return rejected("mail of " + size + " bytes exceeds the limit of " + settings.maxBytes());
  }

  private static IntakeResult rejected(String reason) {
    log.warn("Mail rejected: {}", reason);
    return new IntakeResult(Outcome.REJECTED, Optional.empty(), Optional.empty(), false, reason);
  }

  private static IntakeResult ignored(InboundMail mail, String reason) {
    log.info("Mail {} from {} ignored: {}", mail.messageId().orElse("-"), mail.from(), reason);
    return new IntakeResult(Outcome.IGNORED, Optional.empty(), Optional.empty(), false, reason);
  }

  private IntakeResult result(
      Outcome outcome, Optional<TicketId> ticket, boolean ack, String reason) {
    Optional<TicketKey> key = ticket.flatMap(this::load).map(Ticket::key);
    return new IntakeResult(outcome, ticket, key, ack, reason);
  }

  private static IntakeResult result(Outcome outcome, Ticket ticket, boolean ack, String reason) {
    return new IntakeResult(
        outcome, Optional.of(ticket.id()), Optional.of(ticket.key()), ack, reason);
  }

  /** Counts bytes written and stops once past a limit. */
  private static final class Counter extends OutputStream {
    static final class Exceeded extends IOException {
      Exceeded() {
        super("limit exceeded");
      }
    }

    private final long limit;
    long count;

    Counter(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      count++;
      check();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      check();
    }

    private void check() throws Exceeded {
      if (count > limit) {
        throw new Exceeded();
      }
    }
  }
}
