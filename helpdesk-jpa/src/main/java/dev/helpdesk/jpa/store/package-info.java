/**
 * What the JPA adapters share: the per-database {@link dev.helpdesk.jpa.store.Database}
 * customizations, the {@link dev.helpdesk.jpa.store.Transactions} they run in, and helpers for JSON
 * columns and for recognising lost races.
 */
package dev.helpdesk.jpa.store;
