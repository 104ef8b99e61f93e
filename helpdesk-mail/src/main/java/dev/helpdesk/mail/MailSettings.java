package dev.helpdesk.mail;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.notification.Recipient;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the desk sends mail: the SMTP server and how to reach it, who the mail is from, where replies
 * go, the Message-ID domain, the links and the templates. Immutable; build one with {@link
 * #builder()}. Every timeout is always set (jakarta.mail would otherwise wait forever on a server
 * that stopped answering).
 *
 * @param host the SMTP host
 * @param port the SMTP port
 * @param security how the connection is protected
 * @param username the login, if the server wants one
 * @param password the password, with {@code username}
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for each answer of the server
 * @param writeTimeout how long to wait for each write to the server
 * @param sslTrust hosts whose certificate is trusted without a chain (jakarta.mail's {@code
 *     mail.smtp.ssl.trust}), for a server with a private certificate; empty: the JDK's trust store
 * @param from the address the mail is from
 * @param fromName the display name of {@code from}
 * @param replyTo where replies go: the support address that the inbound intake reads
 * @param threading the Message-ID scheme on the desk's own domain
 * @param ticketLink the customer's link to a ticket, with {@link #KEY} and {@link #ID} replaced; it
 *     holds at least one of them
 * @param agentTicketLink the agents' link to a ticket (their console), with the same placeholders;
 *     used in the mails addressed to agents
 * @param satisfactionLink a link to rate a solved ticket, with {@link #KEY} and {@link #ID}
 *     replaced (at least one of them); empty: no satisfaction survey
 * @param localeOf the language to write to a recipient in, when the notification carries none (a
 *     customer's mail about a ticket with a locale is written in the ticket's language)
 * @param zone the time zone dates are shown in
 * @param templateRoot where the application's own templates are looked for on the class path before
 *     the built-in ones
 * @param attachmentLimit the most bytes of files (their own size, before encoding) one mail
 *     carries; the files of a reply over it are listed, with links, instead of attached
 * @param attachmentLink the link to one file of a reply, with {@link #ID} or {@link #KEY}, and
 *     {@link #MESSAGE} with {@link #INDEX} or {@link #REF}; without it, files not attached are
 *     listed by name and the mail says they are on the ticket's page
 */
public record MailSettings(
    String host,
    int port,
    Security security,
    Optional<String> username,
    Optional<String> password,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    Optional<String> sslTrust,
    EmailAddress from,
    String fromName,
    EmailAddress replyTo,
    MailThreading threading,
    String ticketLink,
    String agentTicketLink,
    Optional<String> satisfactionLink,
    Function<Recipient, Locale> localeOf,
    ZoneId zone,
    String templateRoot,
    long attachmentLimit,
    Optional<String> attachmentLink) {

  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain text; only for a relay on the same host or a test server. */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is then required (port 587). */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    SSL
  }

  /** The placeholder of a link that is replaced by the ticket's key, e.g. {@code HD-1042}. */
  public static final String KEY = "{key}";

  /** The placeholder of a link that is replaced by the ticket's id. */
  public static final String ID = "{id}";

  /** The placeholder of an attachment link that is replaced by the message's id. */
  public static final String MESSAGE = "{message}";

  /**
   * The placeholder of an attachment link replaced by the file's position in its message, from 0.
   */
  public static final String INDEX = "{index}";

  /** The placeholder of an attachment link replaced by the file's store reference, URL-encoded. */
  public static final String REF = "{ref}";

  /** The default {@link #attachmentLimit()}: 10 MiB of files per mail. */
  public static final long DEFAULT_ATTACHMENT_LIMIT = 10L * 1024 * 1024;

  /** The default class-path folder of an application's own templates. */
  public static final String DEFAULT_TEMPLATE_ROOT = "helpdesk-mail/templates";

  /** Validates every setting; header-bound values must be free of line breaks. */
  public MailSettings {
    Check.line("host", host, 253);
    if (port < 1 || port > 65_535) {
      throw new ValidationException("port", "must be between 1 and 65535 (was " + port + ")");
    }
    Check.present("security", security);
    Check.present("username", username);
    Check.present("password", password);
    if (password.isPresent() && username.isEmpty()) {
      throw new ValidationException("password", "needs a username");
    }
    username.ifPresent(u -> Check.line("username", u, 320));
    positive("connectTimeout", connectTimeout);
    positive("readTimeout", readTimeout);
    positive("writeTimeout", writeTimeout);
    Check.present("sslTrust", sslTrust);
    Check.present("from", from);
    HeaderInjectionException.requireSafe("fromName", fromName);
    Check.line("fromName", fromName, 200);
    Check.present("replyTo", replyTo);
    Check.present("threading", threading);
    link("ticketLink", ticketLink);
    link("agentTicketLink", agentTicketLink);
    Check.present("satisfactionLink", satisfactionLink).ifPresent(l -> link("satisfactionLink", l));
    Check.present("localeOf", localeOf);
    Check.present("zone", zone);
    Check.line("templateRoot", templateRoot, 200);
    if (attachmentLimit < 0) {
      throw new ValidationException(
          "attachmentLimit", "must not be negative (was " + attachmentLimit + ")");
    }
    Check.present("attachmentLink", attachmentLink)
        .ifPresent(
            l -> {
              link("attachmentLink", l);
              if (!l.contains(REF) && !(l.contains(MESSAGE) && l.contains(INDEX))) {
                throw new ValidationException(
                    "attachmentLink",
                    "must hold "
                        + REF
                        + ", or "
                        + MESSAGE
                        + " and "
                        + INDEX
                        + ", for the file (was '"
                        + l
                        + "')");
              }
            });
  }

  /** A builder; {@link Builder#build()} says which settings are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The password stays out of logs. */
  @Override
  public String toString() {
    return "MailSettings[host="
        + host
        + ", port="
        + port
        + ", security="
        + security
        + ", username="
        + username.orElse("-")
        + ", from="
        + from
        + ", replyTo="
        + replyTo
        + ", domain="
        + threading.domain()
        + "]";
  }

  private static void positive(String field, Duration d) {
    Check.present(field, d);
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new ValidationException(field, "must be positive and under 24 days (was " + d + ")");
    }
  }

  private static void link(String field, String template) {
    Check.line(field, template, 2_000);
    if (!template.startsWith("https://") && !template.startsWith("http://")) {
      throw new ValidationException(field, "must be an http(s) link (was '" + template + "')");
    }
    // Without a placeholder every mail would link to the same page, which a new user only notices
    // once customers complain that the link does not show their request.
    if (!template.contains(KEY) && !template.contains(ID)) {
      throw new ValidationException(
          field, "must hold " + KEY + " or " + ID + " for the ticket (was '" + template + "')");
    }
  }

  /** Builds {@link MailSettings}. */
  public static final class Builder {
    private String host;
    private int port = 25;
    private Security security = Security.STARTTLS;
    private String username;
    private String password;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private String sslTrust;
    private EmailAddress from;
    private String fromName = "Support";
    private EmailAddress replyTo;
    private String messageIdDomain;
    private String ticketLink;
    private String agentTicketLink;
    private String satisfactionLink;
    private Locale locale = Locale.ENGLISH;
    private Function<Recipient, Locale> localeOf;
    private ZoneId zone = ZoneOffset.UTC;
    private String templateRoot = DEFAULT_TEMPLATE_ROOT;
    private long attachmentLimit = DEFAULT_ATTACHMENT_LIMIT;
    private String attachmentLink;

    private Builder() {}

    /** The SMTP server; required. */
    public Builder smtp(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** How the connection is protected; default {@link Security#STARTTLS}. */
    public Builder security(Security security) {
      this.security = security;
      return this;
    }

    /** Logs in with these credentials; default: no login. */
    public Builder auth(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /** Connect, read and write timeouts; default 10 s, 30 s, 30 s. */
    public Builder timeouts(Duration connect, Duration read, Duration write) {
      this.connectTimeout = connect;
      this.readTimeout = read;
      this.writeTimeout = write;
      return this;
    }

    /** Hosts trusted without a certificate chain, e.g. a relay with a private certificate. */
    public Builder sslTrust(String hosts) {
      this.sslTrust = hosts;
      return this;
    }

    /** The sender; required. The display name defaults to {@code Support}. */
    public Builder from(String address, String displayName) {
      this.from = EmailAddress.of(address);
      this.fromName = displayName;
      return this;
    }

    /** Where replies go; default the {@code from} address. */
    public Builder replyTo(String address) {
      this.replyTo = EmailAddress.of(address);
      return this;
    }

    /** The Message-ID domain; default the domain of the {@code from} address. */
    public Builder messageIdDomain(String domain) {
      this.messageIdDomain = domain;
      return this;
    }

    /**
     * The customer's link to a ticket such as {@code https://support.example/tickets/{key}};
     * required, with {@link MailSettings#KEY} or {@link MailSettings#ID}.
     */
    public Builder ticketLink(String template) {
      this.ticketLink = template;
      return this;
    }

    /**
     * The agents' link to a ticket such as {@code https://desk.example/console/tickets/{id}}, put
     * in the mails to agents (assignments, SLA warnings and breaches); required, with {@link
     * MailSettings#KEY} or {@link MailSettings#ID}.
     */
    public Builder agentTicketLink(String template) {
      this.agentTicketLink = template;
      return this;
    }

    /**
     * A link to rate a solved ticket such as {@code https://support.example/rate/{id}}, with {@link
     * MailSettings#KEY} or {@link MailSettings#ID}.
     */
    public Builder satisfactionLink(String template) {
      this.satisfactionLink = template;
      return this;
    }

    /** The language of every mail; default English. */
    public Builder locale(Locale locale) {
      this.locale = locale;
      return this;
    }

    /**
     * Picks the language per recipient; default: {@link #locale(Locale)} for everyone. A customer's
     * mail about a ticket opened with a locale is written in that locale instead.
     */
    public Builder localeOf(Function<Recipient, Locale> localeOf) {
      this.localeOf = localeOf;
      return this;
    }

    /** The time zone dates are shown in; default UTC. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /**
     * Where the application's own templates are; default {@value
     * MailSettings#DEFAULT_TEMPLATE_ROOT}.
     */
    public Builder templateRoot(String classPathFolder) {
      this.templateRoot = classPathFolder;
      return this;
    }

    /**
     * The most bytes of files one mail carries, counted as the files' own sizes; default {@value
     * MailSettings#DEFAULT_ATTACHMENT_LIMIT}. A reply whose files add up to more is mailed with the
     * files listed (and linked, see {@link #attachmentLink}) instead; {@code 0} never attaches.
     */
    public Builder attachmentLimit(long bytes) {
      this.attachmentLimit = bytes;
      return this;
    }

    /**
     * The link to one file of a reply, for files not attached: with {@link MailSettings#ID} or
     * {@link MailSettings#KEY} for the ticket, and {@link MailSettings#MESSAGE} with {@link
     * MailSettings#INDEX} (as helpdesk-web's {@code
     * /api/tickets/{id}/messages/{message}/attachments/{index}}) or {@link MailSettings#REF}.
     * Without one, such files are listed by name and the mail points to the ticket's page.
     */
    public Builder attachmentLink(String template) {
      this.attachmentLink = template;
      return this;
    }

    /**
     * Validates and builds; {@code smtp}, {@code from}, {@code ticketLink} and {@code
     * agentTicketLink} are required.
     */
    public MailSettings build() {
      Check.present("from", from);
      Check.present("locale", locale);
      Locale fixed = locale;
      return new MailSettings(
          host,
          port,
          security,
          Optional.ofNullable(username),
          Optional.ofNullable(password),
          connectTimeout,
          readTimeout,
          writeTimeout,
          Optional.ofNullable(sslTrust),
          from,
          fromName,
          replyTo == null ? from : replyTo,
          new MailThreading(messageIdDomain == null ? from.domain() : messageIdDomain),
          ticketLink,
          agentTicketLink,
          Optional.ofNullable(satisfactionLink),
          localeOf == null ? r -> fixed : localeOf,
          zone,
          templateRoot,
          attachmentLimit,
          Optional.ofNullable(attachmentLink));
    }
  }
}
