package dev.helpdesk.search;

import java.util.Comparator;

/**
 * The orders a search can return tickets in. Each ends with the ticket key, compared character by
 * character (binary, not by a language's collation), so that the order is total and the same on
 * every store: a page never repeats or skips a ticket that shares its time with another.
 */
public enum TicketSort {
  /** Last changed first; the default. */
  UPDATED_NEWEST(
      Comparator.comparing(SearchPosition::updatedAt)
          .thenComparing(p -> p.key().value())
          .reversed()),
  /** Newest first: a customer's own tickets. */
  CREATED_NEWEST(
      Comparator.comparing(SearchPosition::createdAt)
          .thenComparing(p -> p.key().value())
          .reversed()),
  /** Oldest first. */
  CREATED_OLDEST(
      Comparator.comparing(SearchPosition::createdAt).thenComparing(p -> p.key().value())),
  /** Most urgent first, then oldest first: the order of a work queue. */
  MOST_URGENT(
      Comparator.comparing(SearchPosition::priority, Comparator.reverseOrder())
          .thenComparing(SearchPosition::createdAt)
          .thenComparing(p -> p.key().value())),
  /**
   * Earliest SLA due first ({@link dev.helpdesk.sla.SlaState#due()}: the earliest due instant of a
   * running timer, overdue ones first of all); tickets with no running timer last.
   */
  SLA_DUE(Comparator.comparing(SearchPosition::slaDue).thenComparing(p -> p.key().value()));

  private final Comparator<SearchPosition> positions;

  TicketSort(Comparator<SearchPosition> positions) {
    this.positions = positions;
  }

  /** The order of positions: negative when {@code a} comes before {@code b}. */
  public Comparator<SearchPosition> positions() {
    return positions;
  }

  /** The order of hits. */
  public Comparator<SearchHit> hits() {
    return Comparator.comparing(SearchPosition::of, positions);
  }

  /** Whether {@code hit} comes after {@code position} in this order. */
  public boolean isAfter(SearchHit hit, SearchPosition position) {
    return positions.compare(SearchPosition.of(hit), position) > 0;
  }
}
