/**
 * Pending follow-ups over JPA: {@link dev.helpdesk.jpa.pending.JpaPendingFollowUps}, one row per
 * pending ticket in {@code hd_pending_followup}, claimed by the job with {@code FOR UPDATE SKIP
 * LOCKED}.
 */
package dev.helpdesk.jpa.pending;
