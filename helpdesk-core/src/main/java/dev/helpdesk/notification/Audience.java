package dev.helpdesk.notification;

/**
 * Whom a {@link NotificationKind} is written for, so that a delivery adapter can word it and link
 * it for them: a customer follows their request, an agent works the ticket in the desk.
 */
public enum Audience {
  /** The customer who asked: the ticket is "your request", its link the customer's page. */
  CUSTOMER,
  /** An agent of the desk: the ticket is work to do, its link the agents' console. */
  AGENT,
  /** A system of the host's: a webhook endpoint, posted the change as JSON, never mailed. */
  ENDPOINT
}
