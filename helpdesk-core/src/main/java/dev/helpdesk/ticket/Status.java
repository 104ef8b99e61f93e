package dev.helpdesk.ticket;

/**
 * Where a ticket stands. The moves between statuses are governed by {@link StatusTransitions}; the
 * rules that hold whatever the table says are described there.
 */
public enum Status {
  /** Just opened, nobody assigned yet. Nothing ever returns to NEW. */
  NEW,
  /** Being worked on. */
  OPEN,
  /** Waiting on the customer; their public reply makes it OPEN again. */
  PENDING,
  /** Waiting on a third party (a rail operator, a payment provider). */
  ON_HOLD,
  /** An agent considers it answered; closes by itself after a while unless the customer writes. */
  SOLVED,
  /** Final: nothing changes a closed ticket; a customer writing again gets a linked follow-up. */
  CLOSED;

  /** Whether the ticket still needs work (not solved, not closed). */
  public boolean isUnsolved() {
    return this != SOLVED && this != CLOSED;
  }
}
