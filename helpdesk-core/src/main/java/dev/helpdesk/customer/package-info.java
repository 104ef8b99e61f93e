/**
 * Customers of the booking application: who raises tickets, and the {@link
 * dev.helpdesk.customer.Customers} port.
 */
package dev.helpdesk.customer;
