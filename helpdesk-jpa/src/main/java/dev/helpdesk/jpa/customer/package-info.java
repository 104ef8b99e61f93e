/** Customers over JPA: {@link dev.helpdesk.jpa.customer.JpaCustomers}. */
package dev.helpdesk.jpa.customer;
