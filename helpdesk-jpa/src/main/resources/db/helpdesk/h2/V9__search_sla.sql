-- Helpdesk SDK schema, version 9, for H2: finding tickets by SLA state. Flyway-compatible name:
-- db/helpdesk/h2/V9__search_sla.sql.

-- The ticket's SLA state (SlaState), which the SLA timers adapter writes in the same transaction as
-- the ticket's row of hd_sla_timer: the earliest due instant of a running timer, 9999-01-01 when
-- none runs (so that the SLA-due order, no running timer last, is one ascending index range), and
-- whether the latest cycle of some target is breached.
alter table hd_ticket add column sla_due_at timestamp(6) with time zone
    default timestamp with time zone '9999-01-01 00:00:00+00' not null;
alter table hd_ticket add column sla_breached boolean default false not null;

-- Tickets whose timers were stored before this version: their state from the timers' document
-- (TimerPayloads: an object keyed by target, each written as goal, pausedBy, warning, cycle,
-- startedAt, pausedSoFar, pausedSince, state, dueAt, ...). H2 reads no JSON paths, hence the
-- patterns; a target absent or not running counts as the sentinel (LEAST is null when any
-- argument is).
update hd_ticket t set
    sla_due_at = coalesce((
        select least(
            coalesce(cast(replace(regexp_substr(s.timers_json,
                '"FIRST_REPLY":\{[^{}]*\{[^{}]*\}[^{}]*"state":"RUNNING","dueAt":"([^"]+)"',
                1, 1, '', 1), 'Z', '+00:00') as timestamp(6) with time zone),
                timestamp with time zone '9999-01-01 00:00:00+00'),
            coalesce(cast(replace(regexp_substr(s.timers_json,
                '"NEXT_REPLY":\{[^{}]*\{[^{}]*\}[^{}]*"state":"RUNNING","dueAt":"([^"]+)"',
                1, 1, '', 1), 'Z', '+00:00') as timestamp(6) with time zone),
                timestamp with time zone '9999-01-01 00:00:00+00'),
            coalesce(cast(replace(regexp_substr(s.timers_json,
                '"PERIODIC_UPDATE":\{[^{}]*\{[^{}]*\}[^{}]*"state":"RUNNING","dueAt":"([^"]+)"',
                1, 1, '', 1), 'Z', '+00:00') as timestamp(6) with time zone),
                timestamp with time zone '9999-01-01 00:00:00+00'),
            coalesce(cast(replace(regexp_substr(s.timers_json,
                '"RESOLUTION":\{[^{}]*\{[^{}]*\}[^{}]*"state":"RUNNING","dueAt":"([^"]+)"',
                1, 1, '', 1), 'Z', '+00:00') as timestamp(6) with time zone),
                timestamp with time zone '9999-01-01 00:00:00+00'))
        from hd_sla_timer s where s.ticket_id = t.ticket_id),
        timestamp with time zone '9999-01-01 00:00:00+00'),
    sla_breached = exists (
        select 1 from hd_sla_timer s
        where s.ticket_id = t.ticket_id and s.timers_json like '%"state":"BREACHED"%')
where exists (select 1 from hd_sla_timer s where s.ticket_id = t.ticket_id);

-- The SLA-due order and the due-within filter; the ticket key breaks ties.
create index hd_ticket_sla_due_ix on hd_ticket (sla_due_at, ticket_key);
create index hd_ticket_sla_breached_ix on hd_ticket (sla_breached, sla_due_at, ticket_key);
