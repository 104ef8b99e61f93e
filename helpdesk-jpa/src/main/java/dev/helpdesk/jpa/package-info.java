/**
 * JPA persistence for the desk: {@link dev.helpdesk.jpa.JpaHelpDeskStore} assembles the adapters of
 * every persistence port over PostgreSQL, MariaDB or H2, standalone or inside the application's
 * transactions.
 */
package dev.helpdesk.jpa;
