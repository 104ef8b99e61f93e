package dev.helpdesk.jpa.store;

import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The claim the jobs share (SLA timers, pending follow-ups, no-reply deadlines): in one short
 * transaction of its own, select the tickets whose entry is due, skipping rows other claimants
 * hold, and set the entries' {@code claimedUntil}, so that no other instance takes them before.
 */
public final class DueClaims {

  /** How often a claim that lost a race is made again before its failure is thrown. */
  public static final int ATTEMPTS = 5;

  private DueClaims() {}

  /**
   * Claims the due entries.
   *
   * @param own transactions that commit on their own
   * @param selectDue a native query of the due entries' ticket ids, its one parameter ({@code ?1})
   *     the instant they must be due at, locking what it returns and skipping locked rows
   * @param at the instant, as the column keeps it
   * @param entity the JPA entity of the entries, with {@code ticketId} and {@code claimedUntil}
   * @param until the claim's end, as the column keeps it
   * @return the claimed tickets, in the order the query returned them
   */
  public static List<TicketId> claim(
      Transactions own, String selectDue, Instant at, String entity, Instant until) {
    // A claim rolled back as a deadlock's victim (InnoDB may pick one even with SKIP LOCKED)
    // wrote nothing: it is made again.
    return Failures.retryLostRaces(
        ATTEMPTS,
        () ->
            own.inTransaction(
                em -> {
                  List<UUID> ids = new ArrayList<>();
                  for (Object id :
                      em.createNativeQuery(selectDue).setParameter(1, at).getResultList()) {
                    ids.add(Columns.uuid(id));
                  }
                  if (ids.isEmpty()) {
                    return List.of();
                  }
                  em.createQuery(
                          "update "
                              + entity
                              + " e set e.claimedUntil = :until where e.ticketId in :ids")
                      .setParameter("until", until)
                      .setParameter("ids", ids)
                      .executeUpdate();
                  return ids.stream().map(TicketId::new).toList();
                }));
  }
}
