-- Helpdesk SDK schema, version 9, for PostgreSQL: finding tickets by SLA state. Flyway-compatible
-- name: db/helpdesk/postgresql/V9__search_sla.sql.

-- The ticket's SLA state (SlaState), which the SLA timers adapter writes in the same transaction as
-- the ticket's row of hd_sla_timer: the earliest due instant of a running timer, 9999-01-01 when
-- none runs (so that the SLA-due order, no running timer last, is one ascending index range), and
-- whether the latest cycle of some target is breached.
alter table hd_ticket add column sla_due_at timestamp(6) with time zone
    not null default timestamp with time zone '9999-01-01 00:00:00+00';
alter table hd_ticket add column sla_breached boolean not null default false;

-- Tickets whose timers were stored before this version: their state from the timers' document
-- (TimerPayloads: an object keyed by target, each with its state and ISO-8601 dueAt).
update hd_ticket t set
    sla_due_at = coalesce((
        select min((e.value ->> 'dueAt')::timestamptz)
        from hd_sla_timer s, jsonb_each(s.timers_json::jsonb) e
        where s.ticket_id = t.ticket_id and e.value ->> 'state' = 'RUNNING'),
        timestamp with time zone '9999-01-01 00:00:00+00'),
    sla_breached = exists (
        select 1 from hd_sla_timer s, jsonb_each(s.timers_json::jsonb) e
        where s.ticket_id = t.ticket_id and e.value ->> 'state' = 'BREACHED')
where exists (select 1 from hd_sla_timer s where s.ticket_id = t.ticket_id);

-- The SLA-due order and the due-within filter (a range on its leading column); the ticket key,
-- compared byte by byte, breaks ties.
create index hd_ticket_sla_due_ix on hd_ticket (sla_due_at, ticket_key collate "C");
-- The breached filter: few tickets are breached, so only those are indexed, in the SLA-due order.
create index hd_ticket_sla_breached_ix on hd_ticket (sla_due_at, ticket_key collate "C")
    where sla_breached = true;
