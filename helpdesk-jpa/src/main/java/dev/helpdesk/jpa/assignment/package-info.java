/**
 * No-reply deadlines over JPA: {@link dev.helpdesk.jpa.assignment.JpaNoReplyDeadlines}, one row per
 * assigned ticket waiting for its agent's reply in {@code hd_no_reply_deadline}, claimed by the
 * escalation job with {@code FOR UPDATE SKIP LOCKED}.
 */
package dev.helpdesk.jpa.assignment;
