-- Helpdesk SDK schema, version 14, for H2: the no-reply deadlines of assigned tickets (when
-- the assignment policy's no-reply rule reassigns or escalates a ticket its agent has not answered),
-- one row per ticket while it waits for its agent's first public reply.
-- Flyway-compatible name: db/helpdesk/h2/V14__no_reply_deadlines.sql.

create table hd_no_reply_deadline (
    ticket_id uuid not null,
    -- The ticket version the deadline belongs to; a save with an older version changes nothing.
    ticket_version bigint not null,
    -- When the rule acts if no agent has replied publicly by then.
    due_at timestamp(6) with time zone not null,
    -- How many times the rule has reassigned the ticket in this chain.
    attempts integer not null,
    -- The agents the ticket had in this chain, in order, as a JSON array of agent ids.
    agents_tried character varying(65536) not null,
    -- Claimed by the escalation job until then; a save ends the claim.
    claimed_until timestamp(6) with time zone,
    constraint hd_no_reply_deadline_pk primary key (ticket_id)
);
-- NoReplyDeadlines.claimDue: due deadlines, earliest first.
create index hd_no_reply_deadline_due_ix on hd_no_reply_deadline (due_at, ticket_id);
