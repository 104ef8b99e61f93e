-- Helpdesk SDK schema, version 1, for PostgreSQL 9.5+ (tested with 15).
-- Flyway-compatible name: db/helpdesk/postgresql/V1__init.sql. Never edit a released script; add V2__...
-- Every table and sequence is prefixed hd_ so the desk can share a schema with the application.

-- Surrogate ids: pooled sequences (increment = the mapping's allocationSize, 50), never IDENTITY,
-- so that the provider can batch inserts.
create sequence hd_ticket_seq start with 1 increment by 50;
create sequence hd_message_attachment_seq start with 1 increment by 50;
create sequence hd_ticket_event_seq start with 1 increment by 50;
create sequence hd_outbox_seq start with 1 increment by 50;
create sequence hd_attachment_blob_seq start with 1 increment by 50;
-- The number part of human ticket keys (HD-1000, HD-1001, ...).
create sequence hd_ticket_key_seq start with 1000 increment by 1;
-- Orders customer saves, for "most recently saved customer with this address".
create sequence hd_customer_save_seq start with 1 increment by 1;

create table hd_ticket (
    id bigint not null,
    version bigint not null,
    ticket_id uuid not null,
    ticket_key varchar(29) not null,
    subject varchar(200) not null,
    description text not null,
    requester_id varchar(128) not null,
    requester_name varchar(200) not null,
    requester_email varchar(254) not null,
    channel varchar(16) not null,
    priority integer not null,
    tags_json varchar(4000) not null,
    custom_fields_json text not null,
    status varchar(16) not null,
    unsolved boolean not null,
    assignee_id varchar(128),
    group_id varchar(64),
    follow_up_of uuid,
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    solved_at timestamp(6) with time zone,
    constraint hd_ticket_pk primary key (id),
    constraint hd_ticket_id_uq unique (ticket_id),
    constraint hd_ticket_key_uq unique (ticket_key),
    constraint hd_ticket_follow_up_fk foreign key (follow_up_of) references hd_ticket (ticket_id),
    constraint hd_ticket_priority_ck check (priority between 1 and 4),
    constraint hd_ticket_status_ck check (status in ('NEW','OPEN','PENDING','ON_HOLD','SOLVED','CLOSED'))
);
-- Tickets.byRequester: a customer's tickets, newest first.
create index hd_ticket_requester_ix on hd_ticket (requester_id, created_at, ticket_id);
-- Tickets.byAssignee (assignee_id = ?) and Tickets.unassigned (assignee_id is null): unsolved
-- tickets, most urgent first, then oldest; the index delivers rows in that order.
create index hd_ticket_queue_ix on hd_ticket (assignee_id, unsolved, priority desc, created_at, ticket_id);
-- Tickets.solvedBefore: SOLVED tickets by the time they were solved.
create index hd_ticket_solved_ix on hd_ticket (status, solved_at, ticket_id);

create table hd_message (
    message_id uuid not null,
    ticket_id uuid not null,
    ticket_version bigint not null,
    position integer not null,
    author_kind varchar(16) not null,
    author_id varchar(128) not null,
    visibility varchar(16) not null,
    body text not null,
    created_at timestamp(6) with time zone not null,
    constraint hd_message_pk primary key (message_id),
    constraint hd_message_ticket_fk foreign key (ticket_id) references hd_ticket (ticket_id),
    -- Tickets.conversation: a ticket's messages in the order they were added.
    constraint hd_message_order_uq unique (ticket_id, ticket_version, position)
);

create table hd_message_attachment (
    id bigint not null,
    message_id uuid not null,
    ticket_id uuid not null,
    position integer not null,
    name varchar(255) not null,
    media_type varchar(255) not null,
    size_bytes bigint not null,
    ref varchar(512) not null,
    constraint hd_message_attachment_pk primary key (id),
    constraint hd_message_attachment_message_fk foreign key (message_id) references hd_message (message_id)
);
-- Tickets.conversation: a ticket's attachment metadata in one query.
create index hd_message_attachment_ticket_ix on hd_message_attachment (ticket_id, message_id, position);

create table hd_ticket_event (
    id bigint not null,
    ticket_id uuid not null,
    ticket_version bigint not null,
    position integer not null,
    event_type varchar(32) not null,
    actor_kind varchar(16) not null,
    actor_id varchar(128) not null,
    occurred_at timestamp(6) with time zone not null,
    -- The event type's own fields as a JSON document.
    payload text not null,
    constraint hd_ticket_event_pk primary key (id),
    constraint hd_ticket_event_ticket_fk foreign key (ticket_id) references hd_ticket (ticket_id),
    -- Tickets.history: a ticket's events in the order they happened.
    constraint hd_ticket_event_order_uq unique (ticket_id, ticket_version, position)
);

-- The transactional outbox. No foreign key to hd_ticket: an outbox entry outlives what it tells of.
create table hd_outbox (
    id bigint not null,
    notification_id uuid not null,
    kind varchar(32) not null,
    recipient_name varchar(200) not null,
    recipient_email varchar(254) not null,
    ticket_id uuid not null,
    ticket_key varchar(64) not null,
    ticket_subject varchar(1000) not null,
    values_json text not null,
    created_at timestamp(6) with time zone not null,
    state varchar(16) not null,
    attempts integer not null,
    next_attempt_at timestamp(6) with time zone not null,
    -- next_attempt_at while PENDING or CLAIMED (for a claim: when its lease ends); null once
    -- DELIVERED or DEAD, so the claim scans only what may still be sent.
    due_at timestamp(6) with time zone,
    lease_owner varchar(200),
    last_error varchar(4000),
    constraint hd_outbox_pk primary key (id),
    constraint hd_outbox_notification_uq unique (notification_id),
    constraint hd_outbox_state_ck check (state in ('PENDING','CLAIMED','DELIVERED','DEAD'))
);
-- Outbox.claim: due rows, oldest due first (SELECT ... FOR UPDATE SKIP LOCKED); Outbox.undelivered.
create index hd_outbox_due_ix on hd_outbox (due_at, id);
-- Outbox.deadLetters: dead entries, oldest first.
create index hd_outbox_state_ix on hd_outbox (state, created_at, id);

create table hd_agent (
    agent_id varchar(128) not null,
    name varchar(200) not null,
    email varchar(254) not null,
    constraint hd_agent_pk primary key (agent_id)
);

create table hd_agent_group (
    agent_id varchar(128) not null,
    group_id varchar(64) not null,
    constraint hd_agent_group_pk primary key (agent_id, group_id),
    constraint hd_agent_group_agent_fk foreign key (agent_id) references hd_agent (agent_id)
);
-- The agents of a group, for routing.
create index hd_agent_group_group_ix on hd_agent_group (group_id, agent_id);

create table hd_customer (
    customer_id varchar(128) not null,
    name varchar(200) not null,
    email varchar(254) not null,
    saved_seq bigint not null,
    constraint hd_customer_pk primary key (customer_id)
);
-- Customers.byEmail: the most recently saved customer with an address.
create index hd_customer_email_ix on hd_customer (email, saved_seq);

create table hd_attachment_blob (
    id bigint not null,
    size_bytes bigint not null,
    content bytea not null,
    constraint hd_attachment_blob_pk primary key (id)
);
