package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.MailThreading;
import java.util.Optional;

/**
 * How the intake reads mail.
 *
 * @param supportAddress the address customers write to; mail from it is our own come back
 * @param threading the desk's Message-ID scheme, to find tickets and recognise our own mail
 * @param maxBytes the largest mail accepted, in bytes; default 10 MiB
 * @param acknowledgementsPerHour the most acknowledgements one sender gets in an hour; default 5
 * @param authservId when present, the authserv-id of the application's own mail server: a mail is
 *     taken to come from its {@code From:} address only if that server's {@code
 *     Authentication-Results} header says {@code dmarc=pass}; default none (the address is taken as
 *     written)
 */
public record IntakeSettings(
    EmailAddress supportAddress,
    MailThreading threading,
    long maxBytes,
    int acknowledgementsPerHour,
    Optional<String> authservId) {

  /** The default size limit: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  /** The default acknowledgements per sender and hour. */
  public static final int DEFAULT_ACKNOWLEDGEMENTS_PER_HOUR = 5;

  /** Validates the settings. */
  public IntakeSettings {
    Check.present("supportAddress", supportAddress);
    Check.present("threading", threading);
    if (maxBytes < 1024) {
      throw new ValidationException("maxBytes", "must be at least 1024 (was " + maxBytes + ")");
    }
    if (acknowledgementsPerHour < 0) {
      throw new ValidationException(
          "acknowledgementsPerHour", "must not be negative (was " + acknowledgementsPerHour + ")");
    }
    Check.present("authservId", authservId).ifPresent(id -> Check.line("authservId", id, 255));
  }

  /**
   * Settings matching the outbound ones: the Reply-To address is the support address, the
   * Message-ID domain is shared, and the limits are the defaults.
   */
  public static IntakeSettings from(MailSettings mail) {
    return new IntakeSettings(
        mail.replyTo(),
        mail.threading(),
        DEFAULT_MAX_BYTES,
        DEFAULT_ACKNOWLEDGEMENTS_PER_HOUR,
        Optional.empty());
  }

  /** These settings with another size limit. */
  public IntakeSettings withMaxBytes(long maxBytes) {
    return new IntakeSettings(
        supportAddress, threading, maxBytes, acknowledgementsPerHour, authservId);
  }

  /** These settings with another acknowledgement limit. */
  public IntakeSettings withAcknowledgementsPerHour(int perHour) {
    return new IntakeSettings(supportAddress, threading, maxBytes, perHour, authservId);
  }

  /**
   * These settings requiring DMARC: a mail counts as sent by its {@code From:} address only if the
   * topmost {@code Authentication-Results} header with this authserv-id (the one your mail server
   * writes, e.g. {@code mx.example.com}) says {@code dmarc=pass}. Other mail is still read, but
   * never as a known customer's: it opens a ticket for its address, or is noted on the ticket its
   * thread names.
   */
  public IntakeSettings requireAuthentication(String authservId) {
    return new IntakeSettings(
        supportAddress,
        threading,
        maxBytes,
        acknowledgementsPerHour,
        Optional.of(Check.line("authservId", authservId, 255)));
  }
}
