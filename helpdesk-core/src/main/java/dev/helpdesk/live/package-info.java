/**
 * Live updates: subscribe to a ticket's conversation or an agent's queue and receive each new
 * message and status or assignee change as it is stored, in order, on a delivery thread, so that a
 * slow subscriber never holds up the desk. See {@link dev.helpdesk.internal.live.LiveFeed} for the
 * buffering and overflow rule.
 */
package dev.helpdesk.live;
