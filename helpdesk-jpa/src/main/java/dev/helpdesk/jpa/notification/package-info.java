/**
 * The transactional outbox in table {@code hd_outbox}: {@link
 * dev.helpdesk.jpa.notification.JpaOutbox}.
 */
package dev.helpdesk.jpa.notification;
