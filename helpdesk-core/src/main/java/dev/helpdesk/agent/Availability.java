package dev.helpdesk.agent;

/** Whether an agent takes new tickets. */
public enum Availability {
  /** Working and taking new tickets. */
  ONLINE,
  /** Working their current tickets but taking no new ones (a break, a meeting). */
  AWAY,
  /** Not working: takes no new tickets; their active ones are kept or queued, as configured. */
  OFFLINE
}
