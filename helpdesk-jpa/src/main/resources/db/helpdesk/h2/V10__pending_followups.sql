-- Helpdesk SDK schema, version 10, for H2: the follow-up of tickets waiting in PENDING
-- (reminders to the customer, then the auto-solve), one row per ticket while it has a step to take.
-- Flyway-compatible name: db/helpdesk/h2/V10__pending_followups.sql (V9 is another feature's).

create table hd_pending_followup (
    ticket_id uuid not null,
    -- The ticket version the plan belongs to; a save with an older version changes nothing.
    ticket_version bigint not null,
    -- When the ticket entered PENDING.
    pending_since timestamp(6) with time zone not null,
    -- When each step is due; null for a step the follow-up does not have.
    first_reminder_at timestamp(6) with time zone,
    second_reminder_at timestamp(6) with time zone,
    auto_solve_at timestamp(6) with time zone,
    -- The step to take next (FIRST_REMINDER, SECOND_REMINDER, AUTO_SOLVE) and when it is due.
    next_step varchar(32) not null,
    next_due_at timestamp(6) with time zone not null,
    -- Claimed by the pending follow-up job until then; a save ends the claim.
    claimed_until timestamp(6) with time zone,
    constraint hd_pending_followup_pk primary key (ticket_id)
);
-- PendingFollowUps.claimDue: due plans, earliest first.
create index hd_pending_followup_due_ix on hd_pending_followup (next_due_at, ticket_id);
