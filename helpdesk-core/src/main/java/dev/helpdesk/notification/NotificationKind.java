package dev.helpdesk.notification;

/** What a notification tells its recipient; delivery adapters pick a template by kind. */
public enum NotificationKind {
  /** To the customer at intake: the ticket key and, where known, when the first reply is due. */
  TICKET_RECEIVED,
  /** To the customer: an agent's public reply, with its text. */
  AGENT_REPLIED,
  /** To the customer: the ticket moved to a status they should know of (pending, solved). */
  STATUS_CHANGED,
  /** To an agent: a ticket was assigned to them. */
  TICKET_ASSIGNED,
  /** To an agent: an SLA target of a ticket is close to its due time. */
  SLA_WARNING,
  /** To an agent: an SLA target of a ticket was breached. */
  SLA_BREACHED
}
