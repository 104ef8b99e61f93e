-- Helpdesk SDK schema, version 18, for PostgreSQL: the unsolved tickets counted per priority and
-- whether they have an assignee, kept with every change of a ticket (MetricsQueries.queueByPriority
-- and unsolvedByPriority read these rows instead of counting hd_ticket).
-- Flyway-compatible name: db/helpdesk/postgresql/V18__ticket_counts.sql.

create table hd_ticket_count (
    -- The tickets' priority rank, as in hd_ticket.priority (1 = LOW ... 4 = URGENT).
    priority integer not null,
    -- Whether the counted tickets have no assignee (the unassigned queue).
    queued boolean not null,
    -- One of several rows per priority and queued, so that concurrent changes of different
    -- tickets at one priority do not all wait for one row lock; the count is the sum over slots,
    -- and one slot's figure alone may be negative.
    slot smallint not null,
    n bigint not null,
    constraint hd_ticket_count_pk primary key (priority, queued, slot),
    constraint hd_ticket_count_priority_ck check (priority between 1 and 4),
    constraint hd_ticket_count_slot_ck check (slot >= 0)
);

-- Every row the store writes (4 priorities x queued or not x 16 slots) at zero, then the tickets
-- stored before this version counted into slot 0, so that an upgraded desk's figures are right at
-- once.
insert into hd_ticket_count (priority, queued, slot, n)
select p.priority, q.queued, s.slot, 0
from (select 1 as priority union all select 2 union all select 3 union all select 4) p
cross join (select true as queued union all select false) q
cross join (select a.v * 4 + b.v as slot
            from (select 0 as v union all select 1 union all select 2 union all select 3) a
            cross join (select 0 as v union all select 1 union all select 2 union all select 3) b) s;

update hd_ticket_count
set n = (select count(*) from hd_ticket t
         where t.unsolved = true and t.priority = hd_ticket_count.priority
           and (case when t.assignee_id is null then true else false end) = hd_ticket_count.queued)
where slot = 0;
