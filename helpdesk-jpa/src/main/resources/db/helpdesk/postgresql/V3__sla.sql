-- Helpdesk SDK schema, version 3, for PostgreSQL: SLA timers, one row per ticket.
-- Flyway-compatible name: db/helpdesk/postgresql/V3__sla.sql.

create table hd_sla_timer (
    ticket_id uuid not null,
    -- The ticket version the timers belong to; a save with an older version changes nothing.
    ticket_version bigint not null,
    policy varchar(200),
    -- The latest cycle of each target, as a JSON document (jpa.sla.TimerPayloads).
    timers_json text not null,
    -- The earliest warning or due instant of a running timer; null when nothing runs.
    next_check_at timestamp(6) with time zone,
    -- Claimed by a monitor until then; a save ends the claim.
    claimed_until timestamp(6) with time zone,
    constraint hd_sla_timer_pk primary key (ticket_id)
);
-- SlaTimers.claimDue: due tickets, earliest next check first.
create index hd_sla_timer_due_ix on hd_sla_timer (next_check_at, ticket_id);
