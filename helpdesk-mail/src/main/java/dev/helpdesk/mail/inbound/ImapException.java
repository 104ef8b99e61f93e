package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.HelpDeskException;

/** The IMAP server could not be reached, or the folder not opened. Nothing was marked. */
public final class ImapException extends HelpDeskException {

  /** Creates the exception with the server's own error as cause. */
  public ImapException(String message, Throwable cause) {
    super(message, cause);
  }
}
