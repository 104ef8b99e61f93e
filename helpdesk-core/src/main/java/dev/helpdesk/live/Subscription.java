package dev.helpdesk.live;

/**
 * A live subscription. Close it when the client goes away; the desk then forgets it and drops what
 * was not yet delivered (an update being delivered at that moment still completes).
 */
public interface Subscription extends AutoCloseable {

  /** Ends the subscription; closing it again does nothing. */
  @Override
  void close();

  /** Whether it still receives updates. */
  boolean isOpen();
}
