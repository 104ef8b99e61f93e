/**
 * Named leases over JPA: {@link dev.helpdesk.jpa.common.JpaLeases}, one row per lease in {@code
 * hd_lease}, so that one instance at a time does work such as polling a mailbox.
 */
package dev.helpdesk.jpa.common;
