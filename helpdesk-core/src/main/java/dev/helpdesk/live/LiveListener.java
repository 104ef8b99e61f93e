package dev.helpdesk.live;

/**
 * Receives the live updates of one subscription, one at a time and in order, on one of the desk's
 * delivery threads (never on the thread that made the change). It should return quickly: hand the
 * update to a web socket's asynchronous send, for example, rather than wait for the client. A
 * listener that throws is logged and keeps its subscription; other subscriptions are not affected.
 */
@FunctionalInterface
public interface LiveListener {

  /** Called once per update. */
  void onUpdate(LiveUpdate update);
}
