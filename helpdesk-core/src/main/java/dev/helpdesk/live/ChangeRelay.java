package dev.helpdesk.live;

import java.util.List;

/**
 * SPI: carries {@link RelayedChange announcements} between desk instances that share one store, so
 * that each instance's live subscribers see the changes stored by the others, and each instance's
 * assignment roster hears of capacity freed and agents saved elsewhere. Set it with {@code
 * HelpDesk.builder().changeRelay(relay)}; without one a desk sees only its own changes (one
 * instance).
 *
 * <p>A relay carries only "ticket X reached version v" and "agent A changed". The receiving desk
 * reads what it has not yet delivered from the store ({@code Tickets.changes}) and delivers it in
 * version order, each change once; so a relay may deliver an announcement late, twice, or to the
 * instance that made it, but it must not lose one silently: after an outage (a lost connection) it
 * reads from the store what it may have missed and delivers that as announcements. The JPA module
 * has two: PostgreSQL {@code LISTEN}/{@code NOTIFY} and polling the event table.
 */
public interface ChangeRelay extends AutoCloseable {

  /**
   * Starts delivering every announcement, of every instance including this one, to {@code
   * receiver}, one batch at a time, on a thread of the relay's (never on the thread that announced:
   * the receiver reads the store there). The desk calls it once, when it is built.
   */
  void start(Receiver receiver);

  /**
   * Announces changes. The desk calls it for ticket changes inside the unit of work that stores
   * them, after the store's write; a relay must let other instances hear of them only once that
   * unit has committed (PostgreSQL's {@code NOTIFY} is transactional, and a poller finds only
   * committed rows). For agents it is called after they are saved. It should not block for long.
   */
  void announce(List<RelayedChange> changes);

  /** Stops delivering and releases the relay's connections and threads. */
  @Override
  void close();

  /** Where a relay delivers announcements: the desk. */
  @FunctionalInterface
  interface Receiver {

    /**
     * Announcements, in the order the relay received them. The desk reads what it has not delivered
     * from the store on the calling thread, then queues the updates for its subscribers. When it
     * throws (the store could not be read), the relay should deliver again what it may have missed,
     * as after a lost connection; an announcement repeated is harmless.
     */
    void received(List<RelayedChange> changes);
  }
}
