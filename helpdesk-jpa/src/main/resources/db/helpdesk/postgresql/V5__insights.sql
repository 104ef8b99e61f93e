-- Helpdesk SDK schema, version 5, for PostgreSQL: links between tickets and the facts metrics are
-- aggregated from. Flyway-compatible name: db/helpdesk/postgresql/V5__insights.sql (V4 is another feature's).

create sequence hd_ticket_link_seq start with 1 increment by 50;
create sequence hd_metric_fact_seq start with 1 increment by 50;

-- One row per end of each link: a ticket, the ticket at the other end, and the link as the first
-- sees it. Kept by the ticket store from the Linked/Unlinked events of each change (both ends, so
-- that a closed ticket, whose history no longer changes, still lists its links).
create table hd_ticket_link (
    id bigint not null,
    ticket_id uuid not null,
    other_id uuid not null,
    kind varchar(16) not null,
    -- Whether ticket_id is the link's "from" end (for FOLLOW_UP: ticket_id follows up other_id).
    outgoing boolean not null,
    -- The other ticket's key and customer, which never change: what a customer's view is checked by.
    other_key varchar(29) not null,
    other_requester varchar(128) not null,
    linked_at timestamp(6) with time zone not null,
    constraint hd_ticket_link_pk primary key (id),
    -- Tickets.links: a ticket's links; two tickets are linked at most once.
    constraint hd_ticket_link_pair_uq unique (ticket_id, other_id),
    constraint hd_ticket_link_ticket_fk foreign key (ticket_id) references hd_ticket (ticket_id),
    constraint hd_ticket_link_other_fk foreign key (other_id) references hd_ticket (ticket_id),
    constraint hd_ticket_link_kind_ck check (kind in ('FOLLOW_UP','RELATED'))
);

-- What each stored change contributes to the metrics (dev.helpdesk.metrics.MetricFacts), written in
-- the change's transaction. FIRST_REPLY and FIRST_SOLVE are kept once per ticket: the first.
create table hd_metric_fact (
    id bigint not null,
    ticket_id uuid not null,
    ticket_version bigint not null,
    position integer not null,
    kind varchar(16) not null,
    -- The instant a range must contain for the fact to count there.
    occurred_at timestamp(6) with time zone not null,
    -- FIRST_REPLY, FIRST_SOLVE: microseconds since the ticket was opened.
    duration_micros bigint,
    -- RATED: the agent and group the ticket had when it was rated.
    agent_id varchar(128),
    group_id varchar(64),
    -- SLA_ENDED: the target; outcome MET or BREACHED. RATED: outcome GOOD or BAD.
    sla_target varchar(16),
    outcome varchar(16),
    constraint hd_metric_fact_pk primary key (id),
    constraint hd_metric_fact_order_uq unique (ticket_id, ticket_version, position),
    constraint hd_metric_fact_ticket_fk foreign key (ticket_id) references hd_ticket (ticket_id),
    constraint hd_metric_fact_kind_ck check (kind in ('OPENED','FIRST_REPLY','FIRST_SOLVE','REOPENED','SLA_ENDED','RATED'))
);
-- MetricsQueries: the facts of one kind in a range, counted, summed and grouped.
create index hd_metric_fact_range_ix on hd_metric_fact (kind, occurred_at);

-- MetricsQueries.unsolvedByPriority: unsolved tickets counted per priority from the index alone.
create index hd_ticket_unsolved_ix on hd_ticket (unsolved, priority);
