package dev.helpdesk.sla;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.util.Map;
import java.util.Set;

/**
 * What happens when a target warns or breaches, inside the same change that records it (so it is
 * stored with it). Plug in your own, or use the ones here. An escalation that throws is logged and
 * skipped: an alert never blocks the change that noticed it.
 */
@FunctionalInterface
public interface Escalation {

  /**
   * Acts on the alert.
   *
   * @param alert the warning or breach
   * @param edit the change being made; add to it (priority, group, notifications)
   * @param agents the desk's agents, to look up whom to tell
   */
  void escalate(SlaAlert alert, AlertedTicket ticket, Agents agents);

  /** Raises the priority one step (LOW to NORMAL, ..., HIGH to URGENT); URGENT stays URGENT. */
  static Escalation raisePriority() {
    return (alert, edit, agents) -> {
      Priority p = edit.ticket().priority();
      if (p != Priority.URGENT) {
        edit.changePriority(Priority.values()[p.ordinal() + 1]);
      }
    };
  }

  /**
   * Routes the ticket to {@code supervisors} and takes it from its assignee, so that it waits in
   * the supervisors' queue (a SOLVED ticket, which needs an assignee, keeps it).
   */
  static Escalation reassignTo(GroupId supervisors) {
    Check.present("supervisors", supervisors);
    return (alert, edit, agents) -> {
      edit.changeGroup(supervisors);
      if (edit.ticket().status() != Status.SOLVED) {
        edit.unassign();
      }
    };
  }

  /**
   * Mails the assignee ({@link NotificationKind#SLA_WARNING} or {@link
   * NotificationKind#SLA_BREACHED}); nobody when the ticket is unassigned.
   */
  static Escalation notifyAssignee() {
    return (alert, edit, agents) ->
        edit.ticket()
            .assignee()
            .flatMap(agents::byId)
            .ifPresent(a -> edit.notify(notification(alert, edit, recipient(a))));
  }

  /**
   * Mails every agent in {@code group} (such as the supervisors), one notification each, ordered by
   * agent id; nobody when the group has no members. Members are read from {@link Agents} when the
   * alert comes, so a change of staff needs no new escalation.
   */
  static Escalation notifyGroup(GroupId group) {
    Check.present("group", group);
    return (alert, edit, agents) -> {
      for (Agent a : agents.all()) {
        if (a.isIn(group)) {
          edit.notify(notification(alert, edit, recipient(a)));
        }
      }
    };
  }

  /**
   * Mails every member of the assignee's escalation group ({@link Agent#escalationGroup()}): the
   * supervisors of whoever holds the ticket. Nobody when the ticket is unassigned or its assignee
   * has no escalation group; use {@link #notifyGroup} for a fixed group.
   */
  static Escalation notifySupervisors() {
    return (alert, edit, agents) ->
        edit.ticket()
            .assignee()
            .flatMap(agents::byId)
            .flatMap(Agent::escalationGroup)
            .ifPresent(group -> notifyGroup(group).escalate(alert, edit, agents));
  }

  /** Mails a fixed address, such as the supervisors' list. */
  static Escalation notify(Recipient recipient) {
    Check.present("recipient", recipient);
    return (alert, edit, agents) -> edit.notify(notification(alert, edit, recipient));
  }

  /** This escalation for the given targets only. */
  default Escalation onlyFor(Set<SlaTarget> targets) {
    Set<SlaTarget> only = Set.copyOf(Check.present("targets", targets));
    return (alert, edit, agents) -> {
      if (only.contains(alert.target())) {
        escalate(alert, edit, agents);
      }
    };
  }

  private static Recipient recipient(Agent a) {
    return new Recipient(a.name(), a.email());
  }

  private static Notification notification(SlaAlert alert, AlertedTicket edit, Recipient to) {
    Ticket t = edit.ticket();
    return new Notification(
        NotificationId.random(),
        alert.breach() ? NotificationKind.SLA_BREACHED : NotificationKind.SLA_WARNING,
        to,
        t.id(),
        t.key(),
        t.subject(),
        Map.of(
            Notification.SLA_TARGET, alert.target().name(),
            Notification.SLA_DUE, alert.dueAt().toString()),
        edit.at());
  }
}
