package dev.helpdesk.ticket;

/** How urgent a ticket is; queues serve higher priorities first. */
public enum Priority {
  /** Can wait. */
  LOW,
  /** The default. */
  NORMAL,
  /** Soon. */
  HIGH,
  /** At once: a customer cannot travel, a payment is stuck. */
  URGENT
}
