package dev.helpdesk.common;

/**
 * Someone else changed the record between our read and our write (optimistic locking). Nothing of
 * this change was written; reload and try again.
 */
public final class ConcurrentUpdateException extends HelpDeskException {

  /**
   * @param kind the kind of record, e.g. {@code ticket}
   * @param id its id
   * @param expectedVersion the version the change was based on
   */
  public ConcurrentUpdateException(String kind, String id, long expectedVersion) {
    super(
        kind
            + " '"
            + id
            + "' was changed concurrently: expected version "
            + expectedVersion
            + " is no longer current");
  }
}
