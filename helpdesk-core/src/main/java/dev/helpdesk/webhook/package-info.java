/**
 * Telling the host's other systems what happened: {@link dev.helpdesk.webhook.Webhook} endpoints
 * registered with the desk receive the ticket changes they asked for ({@link
 * dev.helpdesk.webhook.WebhookEvent}) as signed HTTP posts ({@link
 * dev.helpdesk.webhook.WebhookSignature}). Deliveries wait in the notification {@link
 * dev.helpdesk.notification.Outbox}, written with the change, and share its retries, dead letters
 * and redelivery.
 */
package dev.helpdesk.webhook;
