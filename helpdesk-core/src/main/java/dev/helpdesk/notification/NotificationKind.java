package dev.helpdesk.notification;

/**
 * What a notification tells its recipient; delivery adapters pick a template by kind. Every kind
 * but {@link #WEBHOOK} is handed to the host's {@link Notifier}.
 */
public enum NotificationKind {
  /** To the customer at intake: the ticket key and, where known, when the first reply is due. */
  TICKET_RECEIVED(Audience.CUSTOMER),
  /** To the customer: an agent's public reply, with its text. */
  AGENT_REPLIED(Audience.CUSTOMER),
  /** To the customer: the ticket moved to a status they should know of (pending, solved). */
  STATUS_CHANGED(Audience.CUSTOMER),
  /** To an agent: a ticket was assigned to them. */
  TICKET_ASSIGNED(Audience.AGENT),
  /** To an agent: an SLA target of a ticket is close to its due time. */
  SLA_WARNING(Audience.AGENT),
  /** To an agent: an SLA target of a ticket was breached. */
  SLA_BREACHED(Audience.AGENT),
  /**
   * To a {@link dev.helpdesk.webhook.Webhook} endpoint: a ticket change it asked for, posted as
   * {@link Notification#PAYLOAD}. Its recipient's name is the webhook's id; see {@link
   * Notification#WEBHOOK}. The desk delivers it itself, never through the host's {@link Notifier}.
   */
  WEBHOOK(Audience.ENDPOINT),

  /**
   * To the customer: their PENDING ticket still waits for their answer (the first or second
   * reminder, with when the ticket will be solved without one, if planned).
   */
  PENDING_REMINDER(Audience.CUSTOMER),

  /** To the assignee: the customer replied publicly, with the text ({@link Notification#BODY}). */
  CUSTOMER_REPLIED(Audience.AGENT),

  /** To the assignee: a SOLVED ticket of theirs was opened again. */
  TICKET_REOPENED(Audience.AGENT),

  /**
   * To the agent who had the ticket: the customer rated the solution bad, with their comment
   * ({@link Notification#COMMENT}).
   */
  BAD_RATING(Audience.AGENT),

  /** To the assignee: the priority changed ({@link Notification#PRIORITY}). */
  PRIORITY_CHANGED(Audience.AGENT),

  /** To the assignee: the ticket was routed to another group ({@link Notification#GROUP}). */
  GROUP_CHANGED(Audience.AGENT),

  /**
   * To every agent of a group: a ticket without an assignee arrived in the group (opened in it or
   * routed to it), for one of them to take.
   */
  UNASSIGNED_IN_GROUP(Audience.AGENT),

  /**
   * To the customer of a duplicate: it was merged into another of their tickets ({@link
   * Notification#MERGED_INTO}), where the conversation goes on.
   */
  TICKET_MERGED(Audience.CUSTOMER);

  private final Audience audience;

  NotificationKind(Audience audience) {
    this.audience = audience;
  }

  /** Whom this kind is written for: a customer or an agent of the desk. */
  public Audience audience() {
    return audience;
  }
}
