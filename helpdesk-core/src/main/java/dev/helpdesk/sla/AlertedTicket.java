package dev.helpdesk.sla;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;

/**
 * The change in which an SLA alert was noticed, as an {@link Escalation} may add to it: what it
 * adds is stored with the change, all of it or none of it.
 */
public interface AlertedTicket {

  /** The ticket as the change has made it so far. */
  Ticket ticket();

  /** The instant of the change. */
  Instant at();

  /** Sets the priority. */
  void changePriority(Priority to);

  /** Routes the ticket to a group. */
  void changeGroup(GroupId to);

  /** Takes the ticket from its assignee, back to the queue. */
  void unassign();

  /** Sends a notification once the change is stored. */
  void notify(Notification notification);
}
