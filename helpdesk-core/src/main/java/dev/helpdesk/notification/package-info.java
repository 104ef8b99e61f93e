/**
 * Telling people what happened: {@link dev.helpdesk.notification.Notification}s written to an
 * {@link dev.helpdesk.notification.Outbox} with the ticket change that caused them, and delivered
 * by a {@link dev.helpdesk.internal.notification.NotificationDispatcher} through a {@link
 * dev.helpdesk.notification.Notifier} with retries, backoff and a dead-letter state.
 */
package dev.helpdesk.notification;
