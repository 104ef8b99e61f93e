/** The staff audit in {@code hd_staff_audit}, written in the transaction of each change. */
package dev.helpdesk.jpa.audit;
