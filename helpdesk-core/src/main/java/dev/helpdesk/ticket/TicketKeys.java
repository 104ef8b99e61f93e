package dev.helpdesk.ticket;

/**
 * Port: issues unique human keys such as {@code HD-1042}. A database sequence serves it well;
 * numbers may have gaps but never repeat. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TicketKeys {

  /** A key never issued before. */
  TicketKey next();
}
