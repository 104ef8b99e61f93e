package dev.helpdesk.common;

/** An id named in a request does not exist. Nothing was changed. */
public final class NotFoundException extends HelpDeskException {

  private final String kind;
  private final String id;

  /**
   * @param kind what was looked up, e.g. {@code ticket} or {@code agent}
   * @param id the id that was not found
   */
  public NotFoundException(String kind, String id) {
    super("unknown " + kind + " '" + id + "'");
    this.kind = kind;
    this.id = id;
  }

  /** What was looked up, e.g. {@code ticket}. */
  public String kind() {
    return kind;
  }

  /** The id that was not found. */
  public String id() {
    return id;
  }
}
