-- Helpdesk SDK schema, version 10, for MariaDB: the follow-up of tickets waiting in PENDING
-- (reminders to the customer, then the auto-solve), one row per ticket while it has a step to take.
-- Flyway-compatible name: db/helpdesk/mariadb/V10__pending_followups.sql (V9 is another feature's).

create table hd_pending_followup (
    ticket_id uuid not null,
    -- The ticket version the plan belongs to; a save with an older version changes nothing.
    ticket_version bigint not null,
    -- When the ticket entered PENDING.
    pending_since datetime(6) not null,
    -- When each step is due; null for a step the follow-up does not have.
    first_reminder_at datetime(6),
    second_reminder_at datetime(6),
    auto_solve_at datetime(6),
    -- The step to take next (FIRST_REMINDER, SECOND_REMINDER, AUTO_SOLVE) and when it is due.
    next_step varchar(32) not null,
    next_due_at datetime(6) not null,
    -- Claimed by the pending follow-up job until then; a save ends the claim.
    claimed_until datetime(6),
    constraint hd_pending_followup_pk primary key (ticket_id)
) engine=InnoDB;
-- PendingFollowUps.claimDue: due plans, earliest first.
create index hd_pending_followup_due_ix on hd_pending_followup (next_due_at, ticket_id);
