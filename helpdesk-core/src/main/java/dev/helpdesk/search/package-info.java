/**
 * Finding tickets: {@link dev.helpdesk.search.TicketQuery} (full text, filters, a {@link
 * dev.helpdesk.search.TicketSort} and keyset paging with an opaque cursor) and the {@link
 * dev.helpdesk.search.Page} of tickets it yields; for stores, {@link
 * dev.helpdesk.search.TicketSearch} (what the {@code Tickets} port is asked), {@link
 * dev.helpdesk.search.SearchHit} (what it answers: each ticket with its SLA state), {@link
 * dev.helpdesk.search.SearchPosition} (where a page ends) and {@link
 * dev.helpdesk.search.SearchText} (the words a store must index).
 */
package dev.helpdesk.search;
