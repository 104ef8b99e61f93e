package dev.helpdesk.common;

/**
 * The root of every exception the desk throws on purpose. Catch this to handle all of the library's
 * refusals in one place; each subclass names what was wrong.
 */
public class HelpDeskException extends RuntimeException {

  /** Creates an exception with a message that names the field, rule or record involved. */
  public HelpDeskException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public HelpDeskException(String message, Throwable cause) {
    super(message, cause);
  }
}
