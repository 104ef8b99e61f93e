package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.HelpDeskException;

/** A received mail cannot be read: no sender, broken structure, undecodable content. */
public final class MalformedMailException extends HelpDeskException {

  /** Creates the exception naming what could not be read. */
  public MalformedMailException(String message) {
    super(message);
  }

  /** Creates the exception naming what could not be read, with the parser's error as cause. */
  public MalformedMailException(String message, Throwable cause) {
    super(message, cause);
  }
}
