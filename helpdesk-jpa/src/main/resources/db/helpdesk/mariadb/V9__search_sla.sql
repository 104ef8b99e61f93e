-- Helpdesk SDK schema, version 9, for MariaDB: finding tickets by SLA state. Flyway-compatible
-- name: db/helpdesk/mariadb/V9__search_sla.sql.

-- The ticket's SLA state (SlaState), which the SLA timers adapter writes in the same transaction as
-- the ticket's row of hd_sla_timer: the earliest due instant of a running timer (UTC, as every
-- datetime of the desk), 9999-01-01 when none runs (so that the SLA-due order, no running timer
-- last, is one ascending index range), and whether the latest cycle of some target is breached.
alter table hd_ticket add column sla_due_at datetime(6) not null default '9999-01-01 00:00:00';
alter table hd_ticket add column sla_breached boolean not null default false;

-- Tickets whose timers were stored before this version: their state from the timers' document
-- (TimerPayloads: an object keyed by target, each with its state and an ISO-8601 UTC dueAt).
-- LEAST is null when any argument is, hence the sentinel for each target that does not run.
update hd_ticket t join hd_sla_timer s on s.ticket_id = t.ticket_id set
    t.sla_due_at = least(
        if(json_value(s.timers_json, '$.FIRST_REPLY.state') = 'RUNNING',
            cast(replace(replace(json_value(s.timers_json, '$.FIRST_REPLY.dueAt'), 'T', ' '),
                'Z', '') as datetime(6)), timestamp '9999-01-01 00:00:00'),
        if(json_value(s.timers_json, '$.NEXT_REPLY.state') = 'RUNNING',
            cast(replace(replace(json_value(s.timers_json, '$.NEXT_REPLY.dueAt'), 'T', ' '),
                'Z', '') as datetime(6)), timestamp '9999-01-01 00:00:00'),
        if(json_value(s.timers_json, '$.PERIODIC_UPDATE.state') = 'RUNNING',
            cast(replace(replace(json_value(s.timers_json, '$.PERIODIC_UPDATE.dueAt'), 'T', ' '),
                'Z', '') as datetime(6)), timestamp '9999-01-01 00:00:00'),
        if(json_value(s.timers_json, '$.RESOLUTION.state') = 'RUNNING',
            cast(replace(replace(json_value(s.timers_json, '$.RESOLUTION.dueAt'), 'T', ' '),
                'Z', '') as datetime(6)), timestamp '9999-01-01 00:00:00')),
    t.sla_breached = s.timers_json like '%"state":"BREACHED"%';

-- The SLA-due order and the due-within filter; the ticket key breaks ties.
create index hd_ticket_sla_due_ix on hd_ticket (sla_due_at, ticket_key);
create index hd_ticket_sla_breached_ix on hd_ticket (sla_breached, sla_due_at, ticket_key);
