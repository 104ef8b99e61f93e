package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.List;

/**
 * One line of the desk's notification table: when {@link #trigger} happens, {@link #to} gets a
 * notification of {@link #kind}. The table is fixed ({@link #ALL}, after what Zendesk and Freshdesk
 * send by default); a {@link NotificationPolicy} switches each rule on or off. Whatever the rule,
 * the person who made a change is never told of it (an agent who changes the priority of their own
 * ticket gets no mail).
 *
 * @param name the rule's name, as in {@code helpdesk.notifications.<name>.enabled}
 * @param trigger what makes the desk tell
 * @param to who is told
 * @param kind what they are sent; the delivery adapter's template
 */
public record NotificationRule(String name, Trigger trigger, Recipients to, NotificationKind kind) {

  /** What makes a rule fire; each is read from the events of one ticket change. */
  public enum Trigger {
    /** A ticket was opened (and its request did not turn the acknowledgement off). */
    TICKET_OPENED,
    /** An agent or a system wrote a public reply (internal notes never count). */
    STAFF_REPLIED,
    /** The ticket moved to PENDING or SOLVED, by staff. */
    PENDING_OR_SOLVED,
    /** The pending follow-up job reminded the customer that the desk waits for them. */
    PENDING_REMINDER,
    /** The ticket was merged into another of the customer's tickets and closed. */
    MERGED_AWAY,
    /** The ticket was assigned to an agent. */
    ASSIGNED,
    /** The customer wrote a public reply to an open ticket. */
    CUSTOMER_REPLIED,
    /** A SOLVED ticket was opened again (a customer's reply, a bad rating, an agent). */
    REOPENED,
    /** The customer rated the solution bad. */
    RATED_BAD,
    /** The priority changed. */
    PRIORITY_CHANGED,
    /** The ticket was routed to another group (or to none). */
    GROUP_CHANGED,
    /** A ticket without an assignee arrived in a group: opened in it, or routed to it. */
    UNASSIGNED_IN_GROUP
  }

  /** Who a rule tells. */
  public enum Recipients {
    /** The ticket's requester. */
    CUSTOMER,
    /**
     * The agent who has the ticket (for a bad rating, the agent who had it when it was rated; for
     * an assignment, the agent assigned).
     */
    ASSIGNEE,
    /** Every agent of the ticket's group. */
    GROUP
  }

  /** The customer: we received your request ({@link NotificationKind#TICKET_RECEIVED}). */
  public static final NotificationRule CUSTOMER_RECEIVED =
      new NotificationRule(
          "customer-received",
          Trigger.TICKET_OPENED,
          Recipients.CUSTOMER,
          NotificationKind.TICKET_RECEIVED);

  /** The customer: an agent's public reply ({@link NotificationKind#AGENT_REPLIED}). */
  public static final NotificationRule CUSTOMER_AGENT_REPLY =
      new NotificationRule(
          "customer-agent-reply",
          Trigger.STAFF_REPLIED,
          Recipients.CUSTOMER,
          NotificationKind.AGENT_REPLIED);

  /** The customer: waiting for your reply, or solved ({@link NotificationKind#STATUS_CHANGED}). */
  public static final NotificationRule CUSTOMER_PENDING_SOLVED =
      new NotificationRule(
          "customer-pending-solved",
          Trigger.PENDING_OR_SOLVED,
          Recipients.CUSTOMER,
          NotificationKind.STATUS_CHANGED);

  /** The customer: still waiting for your reply ({@link NotificationKind#PENDING_REMINDER}). */
  public static final NotificationRule CUSTOMER_PENDING_REMINDER =
      new NotificationRule(
          "customer-pending-reminder",
          Trigger.PENDING_REMINDER,
          Recipients.CUSTOMER,
          NotificationKind.PENDING_REMINDER);

  /**
   * The customer of a merged duplicate: where it went on ({@link NotificationKind#TICKET_MERGED}).
   */
  public static final NotificationRule CUSTOMER_MERGED =
      new NotificationRule(
          "customer-merged",
          Trigger.MERGED_AWAY,
          Recipients.CUSTOMER,
          NotificationKind.TICKET_MERGED);

  /**
   * The agent assigned, unless they took it themselves ({@link NotificationKind#TICKET_ASSIGNED}).
   */
  public static final NotificationRule ASSIGNEE_ASSIGNED =
      new NotificationRule(
          "assignee-assigned",
          Trigger.ASSIGNED,
          Recipients.ASSIGNEE,
          NotificationKind.TICKET_ASSIGNED);

  /** The assignee: the customer replied ({@link NotificationKind#CUSTOMER_REPLIED}). */
  public static final NotificationRule ASSIGNEE_CUSTOMER_REPLY =
      new NotificationRule(
          "assignee-customer-reply",
          Trigger.CUSTOMER_REPLIED,
          Recipients.ASSIGNEE,
          NotificationKind.CUSTOMER_REPLIED);

  /** The assignee: their solved ticket was reopened ({@link NotificationKind#TICKET_REOPENED}). */
  public static final NotificationRule ASSIGNEE_REOPENED =
      new NotificationRule(
          "assignee-reopened",
          Trigger.REOPENED,
          Recipients.ASSIGNEE,
          NotificationKind.TICKET_REOPENED);

  /** The agent who had the ticket: a bad rating ({@link NotificationKind#BAD_RATING}). */
  public static final NotificationRule ASSIGNEE_BAD_RATING =
      new NotificationRule(
          "assignee-bad-rating",
          Trigger.RATED_BAD,
          Recipients.ASSIGNEE,
          NotificationKind.BAD_RATING);

  /** The assignee: the priority changed ({@link NotificationKind#PRIORITY_CHANGED}). */
  public static final NotificationRule ASSIGNEE_PRIORITY =
      new NotificationRule(
          "assignee-priority",
          Trigger.PRIORITY_CHANGED,
          Recipients.ASSIGNEE,
          NotificationKind.PRIORITY_CHANGED);

  /** The assignee: the group changed ({@link NotificationKind#GROUP_CHANGED}). */
  public static final NotificationRule ASSIGNEE_GROUP =
      new NotificationRule(
          "assignee-group",
          Trigger.GROUP_CHANGED,
          Recipients.ASSIGNEE,
          NotificationKind.GROUP_CHANGED);

  /** The group: an unassigned ticket arrived ({@link NotificationKind#UNASSIGNED_IN_GROUP}). */
  public static final NotificationRule GROUP_UNASSIGNED =
      new NotificationRule(
          "group-unassigned",
          Trigger.UNASSIGNED_IN_GROUP,
          Recipients.GROUP,
          NotificationKind.UNASSIGNED_IN_GROUP);

  /** Every rule of the table, in the order of the documentation's table. */
  public static final List<NotificationRule> ALL =
      List.of(
          CUSTOMER_RECEIVED,
          CUSTOMER_AGENT_REPLY,
          CUSTOMER_PENDING_SOLVED,
          CUSTOMER_PENDING_REMINDER,
          CUSTOMER_MERGED,
          ASSIGNEE_ASSIGNED,
          ASSIGNEE_CUSTOMER_REPLY,
          ASSIGNEE_REOPENED,
          ASSIGNEE_BAD_RATING,
          ASSIGNEE_PRIORITY,
          ASSIGNEE_GROUP,
          GROUP_UNASSIGNED);

  /** Validates the rule. */
  public NotificationRule {
    Check.line("name", name, 64);
    Check.present("trigger", trigger);
    Check.present("to", to);
    Check.present("kind", kind);
    if ((to == Recipients.CUSTOMER) != (kind.audience() == Audience.CUSTOMER)) {
      throw new ValidationException(
          "kind", kind + " is written for " + kind.audience() + ", not for " + to);
    }
  }

  /**
   * Whether what this rule sends may wait for later changes of the same ticket for the same
   * recipient and go out with them as one ({@link NotificationPolicy#coalescingWindow()}). The
   * acknowledgement, reminders and the merge notice go out at once and alone.
   */
  public boolean coalesces() {
    return trigger != Trigger.TICKET_OPENED
        && trigger != Trigger.PENDING_REMINDER
        && trigger != Trigger.MERGED_AWAY;
  }

  /**
   * The rule of the table with this name.
   *
   * @throws ValidationException naming {@code rule} if there is none
   */
  public static NotificationRule named(String name) {
    Check.present("rule", name);
    return ALL.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new ValidationException(
                    "rule",
                    "unknown notification rule '"
                        + name
                        + "'; known: "
                        + ALL.stream().map(NotificationRule::name).toList()));
  }
}
