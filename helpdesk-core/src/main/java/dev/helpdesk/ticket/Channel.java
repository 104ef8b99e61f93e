package dev.helpdesk.ticket;

/** Where a ticket came in. */
public enum Channel {
  /** A web form of the booking application. */
  WEB,
  /** Mail to the support address. */
  EMAIL,
  /** A live chat. */
  CHAT,
  /** The application's own code, through the API. */
  API,
  /** A phone call an agent logged. */
  PHONE
}
