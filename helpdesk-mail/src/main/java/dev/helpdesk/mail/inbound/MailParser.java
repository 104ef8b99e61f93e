package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.NewAttachment;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a received mail into an {@link InboundMail}. The input is hostile (anyone can send mail),
 * so every failure of the underlying MIME parser, whatever its type, ends in a {@link
 * MalformedMailException}; nesting and part counts are bounded so a crafted mail cannot exhaust the
 * stack or the heap beyond its own size.
 *
 * <p>Charsets: the declared charset is used; ISO-8859-1 and US-ASCII are read as Windows-1252 (its
 * superset, as browsers do, because mail clients mislabel it); a missing or unknown charset is
 * tried as UTF-8 and falls back to Windows-1252.
 */
public final class MailParser {

  /** The deepest nesting of multiparts read. */
  static final int MAX_DEPTH = 12;

  /** The most parts read in one mail. */
  static final int MAX_PARTS = 200;

  private static final Session SESSION = Session.getInstance(lenient());
  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]{1,500})>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern DROPPED_BLOCKS =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
  private static final Pattern BREAKS =
      Pattern.compile("(?i)<\\s*(br|/p|/div|/tr|/li|/h\\d)\\b[^>]*>");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster");

  private MailParser() {}

  /**
   * Parses the raw bytes of a mail (RFC 5322).
   *
   * @throws MalformedMailException if it cannot be read
   */
  public static InboundMail parse(byte[] raw) {
    if (raw == null) {
      throw new MalformedMailException("no mail");
    }
    MimeMessage m;
    try {
      m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    } catch (MessagingException | RuntimeException e) {
      throw new MalformedMailException("not a mail: " + e.getMessage(), e);
    }
    return parse(m);
  }

  /**
   * Reads a parsed mail.
   *
   * @throws MalformedMailException if it cannot be read
   */
  public static InboundMail parse(MimeMessage m) {
    try {
      return read(m);
    } catch (HelpDeskException e) {
      if (e instanceof MalformedMailException) {
        throw e;
      }
      // A value the core refused (an address, a name) is a malformed mail as far as intake goes.
      throw new MalformedMailException(e.getMessage(), e);
    } catch (MessagingException | IOException | RuntimeException | StackOverflowError e) {
      // The MIME parser throws runtime exceptions of many kinds on crafted input (index and
      // number format errors among them); none of them may escape as anything but our own.
      throw new MalformedMailException("unreadable mail: " + e, e);
    }
  }

  private static InboundMail read(MimeMessage m) throws MessagingException, IOException {
    InternetAddress sender = sender(m);
    EmailAddress from = EmailAddress.of(sender.getAddress());
    String name = oneLine(sender.getPersonal(), 200);
    if (name.isEmpty()) {
      name = from.value().substring(0, from.value().indexOf('@'));
    }
    String subject = oneLine(m.getSubject(), 200);
    if (subject.isEmpty()) {
      subject = "(no subject)";
    }
    Optional<String> messageId = firstId(m.getHeader("Message-ID", null));
    List<String> threadIds = new ArrayList<>();
    threadIds.addAll(ids(m.getHeader("In-Reply-To", null)));
    List<String> refs = ids(m.getHeader("References", null));
    Collections.reverse(refs);
    threadIds.addAll(refs);

    Walk walk = new Walk();
    walk.part(m, 0);
    List<String> signals = loopSignals(m, from);
    boolean automated = automated(m);
    Optional<String> bounce = Optional.empty();
    String local = from.value().substring(0, from.value().indexOf('@')).toLowerCase(Locale.ROOT);
    if (walk.report
        || (DAEMONS.contains(local)
            && subject
                .toLowerCase(Locale.ROOT)
                .matches(".*(undeliver|delivery|failure|returned|unzustellbar).*"))) {
      StringBuilder b = new StringBuilder();
      if (!walk.deliveryStatus.isEmpty()) {
        b.append(walk.deliveryStatus.strip());
      } else {
        b.append(truncate(walk.text.toString().strip(), 2_000));
      }
      bounce = Optional.of(b.length() == 0 ? "(no delivery status)" : b.toString());
      threadIds.addAll(walk.originalIds);
    }
    return new InboundMail(
        from,
        name,
        subject,
        messageId,
        new ArrayList<>(new LinkedHashSet<>(threadIds)),
        // NUL never belongs in text and the desk refuses it.
        truncate(walk.text.toString().replace("\0", ""), 4 * Message.MAX_BODY_LENGTH),
        walk.attachments,
        signals,
        automated,
        bounce,
        authenticationResults(m));
  }

  /** The Authentication-Results headers, topmost (added last, by the nearest server) first. */
  private static List<String> authenticationResults(MimeMessage m) throws MessagingException {
    String[] values = m.getHeader("Authentication-Results");
    List<String> results = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        if (results.size() == InboundMail.MAX_AUTHENTICATION_RESULTS) {
          break;
        }
        results.add(oneLine(v, 2_000));
      }
    }
    return results;
  }

  private static InternetAddress sender(MimeMessage m) throws MessagingException {
    for (String header : new String[] {"From", "Sender", "Return-Path"}) {
      String raw = m.getHeader(header, ",");
      if (raw == null || raw.isBlank()) {
        continue;
      }
      try {
        InternetAddress[] parsed = InternetAddress.parseHeader(raw, false);
        for (InternetAddress a : parsed) {
          if (a.getAddress() != null && a.getAddress().contains("@")) {
            return a;
          }
        }
      } catch (AddressException e) {
        // Try the next header.
      }
    }
    throw new MalformedMailException("mail has no readable sender address (From)");
  }

  /** Why a machine must not answer this mail (RFC 3834 and common practice). */
  private static List<String> loopSignals(MimeMessage m, EmailAddress from)
      throws MessagingException {
    List<String> signals = new ArrayList<>();
    String auto = header(m, "Auto-Submitted");
    if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      signals.add("Auto-Submitted: " + oneLine(auto, 60));
    }
    if (header(m, "X-Loop") != null) {
      signals.add("X-Loop");
    }
    String precedence = header(m, "Precedence");
    if (precedence != null
        && precedence.strip().toLowerCase(Locale.ROOT).matches("(bulk|list|junk).*")) {
      signals.add("Precedence: " + oneLine(precedence, 20));
    }
    if (header(m, "X-Auto-Response-Suppress") != null) {
      signals.add("X-Auto-Response-Suppress");
    }
    if (header(m, "List-Unsubscribe") != null) {
      signals.add("List-Unsubscribe");
    }
    if (header(m, "List-Id") != null) {
      signals.add("List-Id");
    }
    String local = from.value().substring(0, from.value().indexOf('@')).toLowerCase(Locale.ROOT);
    if (DAEMONS.contains(local)) {
      signals.add("sender " + local);
    }
    String returnPath = header(m, "Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      signals.add("Return-Path: <>");
    }
    return signals;
  }

  private static boolean automated(MimeMessage m) throws MessagingException {
    String auto = header(m, "Auto-Submitted");
    return (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no"))
        || header(m, "X-Autoreply") != null
        || header(m, "X-Autorespond") != null;
  }

  private static String header(Part p, String name) throws MessagingException {
    String[] values = p.getHeader(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  private static Optional<String> firstId(String raw) {
    List<String> ids = ids(raw);
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
  }

  /** Every {@code <id>} in a header, angle brackets kept. */
  static List<String> ids(String raw) {
    List<String> ids = new ArrayList<>();
    if (raw == null) {
      return ids;
    }
    Matcher matcher = ANGLE_ID.matcher(raw);
    while (matcher.find() && ids.size() < 100) {
      ids.add("<" + matcher.group(1) + ">");
    }
    return ids;
  }

  /** Walks the MIME tree, collecting text, attachments and what a bounce returned. */
  private static final class Walk {
    final StringBuilder text = new StringBuilder();
    final List<NewAttachment> attachments = new ArrayList<>();
    final List<String> originalIds = new ArrayList<>();
    String deliveryStatus = "";
    boolean report;
    int parts;

    void part(Part p, int depth) throws MessagingException, IOException {
      if (depth > MAX_DEPTH) {
        throw new MalformedMailException("mail nests deeper than " + MAX_DEPTH + " levels");
      }
      if (++parts > MAX_PARTS) {
        throw new MalformedMailException("mail has more than " + MAX_PARTS + " parts");
      }
      ContentType type = type(p);
      String base = type.getBaseType().toLowerCase(Locale.ROOT);
      boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition(p));
      if (base.startsWith("multipart/")) {
        Object content = p.getContent();
        if (!(content instanceof Multipart mp)) {
          throw new MalformedMailException("multipart without parts");
        }
        if (base.equals("multipart/report")) {
          report = true;
        }
        if (base.equals("multipart/alternative")) {
          alternative(mp, depth);
        } else {
          for (int i = 0; i < mp.getCount(); i++) {
            part(mp.getBodyPart(i), depth + 1);
          }
        }
      } else if (base.equals("message/delivery-status")) {
        deliveryStatus = decode(bytes(p), "us-ascii");
      } else if (base.equals("text/rfc822-headers")) {
        InternetHeaders h = new InternetHeaders(new ByteArrayInputStream(bytes(p)));
        collectIds(h.getHeader("Message-ID", ","), h.getHeader("References", ","));
      } else if (base.equals("message/rfc822") && report) {
        Object content = p.getContent();
        if (content instanceof MimeMessage original) {
          collectIds(original.getHeader("Message-ID", ","), original.getHeader("References", ","));
        }
      } else if (!attached && base.equals("text/plain") && filename(p) == null) {
        append(decode(bytes(p), charset(type)));
      } else if (!attached && base.equals("text/html") && filename(p) == null) {
        append(htmlToText(decode(bytes(p), charset(type))));
      } else {
        attach(p, base);
      }
    }

    private void alternative(Multipart mp, int depth) throws MessagingException, IOException {
      // Prefer the plain-text rendering the sender made; else the richest part.
      BodyPart chosen = null;
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        if (type(bp).getBaseType().equalsIgnoreCase("text/plain")) {
          chosen = bp;
          break;
        }
        chosen = bp;
      }
      if (chosen != null) {
        part(chosen, depth + 1);
      }
    }

    private void collectIds(String messageId, String references) {
      List<String> refs = ids(references);
      Collections.reverse(refs);
      originalIds.addAll(ids(messageId));
      originalIds.addAll(refs);
    }

    private void append(String s) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append(s);
    }

    private void attach(Part p, String base) throws MessagingException, IOException {
      if (attachments.size() >= Message.MAX_ATTACHMENTS) {
        return;
      }
      String name = filename(p);
      if (name == null) {
        name =
            "attachment-"
                + (attachments.size() + 1)
                + (base.equals("message/rfc822") ? ".eml" : "");
      }
      String mediaType =
          base.matches("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")
              ? base
              : "application/octet-stream";
      byte[] content = base.equals("message/rfc822") ? rawBytes(p) : bytes(p);
      attachments.add(new NewAttachment(name, mediaType, content));
    }
  }

  private static ContentType type(Part p) throws MessagingException {
    String raw = p.getContentType();
    try {
      return new ContentType(raw == null ? "text/plain" : raw);
    } catch (ParseException e) {
      return new ContentType("text", "plain", null);
    }
  }

  private static String disposition(Part p) {
    try {
      return p.getDisposition();
    } catch (MessagingException e) {
      return null;
    }
  }

  private static String charset(ContentType type) {
    return type.getParameter("charset");
  }

  /** The file name, RFC 2047/2231 decoded, made safe; null when the part has none. */
  private static String filename(Part p) {
    String name;
    try {
      name = p.getFileName();
    } catch (MessagingException e) {
      return null;
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      name = MimeUtility.decodeText(name);
    } catch (IOException | RuntimeException e) {
      // Keep the name as it came.
    }
    name = name.replaceAll("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029/\\\\]", "_").strip();
    name = truncate(name, Attachment.MAX_NAME_LENGTH);
    return name.isBlank() ? null : name;
  }

  /** The decoded content of a leaf part, transfer encoding undone. */
  private static byte[] bytes(Part p) throws MessagingException, IOException {
    try (InputStream in = p.getInputStream()) {
      return in.readAllBytes();
    } catch (MessagingException | IOException e) {
      // An unknown Content-Transfer-Encoding: keep the bytes as they came.
      return rawBytes(p);
    }
  }

  private static byte[] rawBytes(Part p) throws MessagingException, IOException {
    if (p instanceof MimeBodyPart b) {
      try (InputStream in = b.getRawInputStream()) {
        return in.readAllBytes();
      }
    }
    if (p instanceof MimeMessage msg) {
      try (InputStream in = msg.getRawInputStream()) {
        return in.readAllBytes();
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    return out.toByteArray();
  }

  /** Decodes text bytes by their declared charset, tolerating the usual mislabels. */
  static String decode(byte[] bytes, String declared) {
    String name =
        declared == null ? "" : declared.strip().replace("\"", "").toLowerCase(Locale.ROOT);
    Charset windows1252 = Charset.forName("windows-1252");
    if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii")) {
      return new String(bytes, windows1252);
    }
    Charset cs = null;
    if (!name.isEmpty()) {
      try {
        cs = Charset.forName(MimeUtility.javaCharset(name));
      } catch (RuntimeException e) {
        cs = null;
      }
    }
    if (cs != null) {
      return new String(bytes, cs);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, windows1252);
    }
  }

  /**
   * A readable text of an HTML body: scripts, styles and tags dropped, line breaks kept, entities
   * resolved. Good enough for a support conversation, not a renderer.
   */
  static String htmlToText(String html) {
    String s = DROPPED_BLOCKS.matcher(html).replaceAll("");
    s = s.replaceAll("(?i)<blockquote\\b[^>]*>", "\n<blockquote>");
    s = BREAKS.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
    }
    m.appendTail(out);
    return out.toString()
        .replace('\u00a0', ' ')
        .replaceAll("[ \\t]+\\n", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  private static String entity(String e) {
    try {
      if (e.startsWith("#x") || e.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
      }
      if (e.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(e.substring(1))));
      }
    } catch (IllegalArgumentException ex) {
      return "&" + e + ";";
    }
    return switch (e) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> " ";
      case "euro" -> "\u20ac";
      case "pound" -> "\u00a3";
      case "copy" -> "\u00a9";
      case "hellip" -> "\u2026";
      case "ndash" -> "\u2013";
      case "mdash" -> "\u2014";
      case "lsquo" -> "\u2018";
      case "rsquo" -> "\u2019";
      case "ldquo" -> "\u201c";
      case "rdquo" -> "\u201d";
      case "bdquo" -> "\u201e";
      case "auml" -> "\u00e4";
      case "ouml" -> "\u00f6";
      case "uuml" -> "\u00fc";
      case "Auml" -> "\u00c4";
      case "Ouml" -> "\u00d6";
      case "Uuml" -> "\u00dc";
      case "szlig" -> "\u00df";
      case "eacute" -> "\u00e9";
      case "egrave" -> "\u00e8";
      case "agrave" -> "\u00e0";
      default -> "&" + e + ";";
    };
  }

  /** One line: control characters become spaces, runs of blanks one space, at most max chars. */
  static String oneLine(String s, int max) {
    if (s == null) {
      return "";
    }
    String line =
        s.replaceAll("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]", " ").replaceAll("\\s+", " ").strip();
    return truncate(line, max).strip();
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static Properties lenient() {
    Properties p = new Properties();
    p.put("mail.mime.address.strict", "false");
    p.put("mail.mime.decodetext.strict", "false");
    p.put("mail.mime.parameters.strict", "false");
    p.put("mail.mime.multipart.allowempty", "true");
    p.put("mail.mime.base64.ignoreerrors", "true");
    p.put("mail.mime.uudecode.ignoreerrors", "true");
    p.put("mail.mime.uudecode.ignoremissingbeginend", "true");
    return p;
  }
}
