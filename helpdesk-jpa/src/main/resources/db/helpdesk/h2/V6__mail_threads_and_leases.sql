-- Helpdesk SDK schema, version 6, for H2: the Message-IDs mail channels turned into ticket
-- changes, and named leases. Flyway-compatible name: db/helpdesk/h2/V6__mail_threads_and_leases.sql.

-- One row per Message-ID, the first ticket it landed on. A Message-ID may be up to a header line
-- long (998 characters), more than an index key allows: rows are keyed by its SHA-256 (lower-case
-- hex), and the full id is kept beside it.
create table hd_message_thread (
    id_hash varchar(64) not null,
    message_id varchar(998) not null,
    ticket_id uuid not null,
    constraint hd_message_thread_pk primary key (id_hash)
);

-- One row per lease ever taken (a released one is deleted): who holds it, until when. Taken with
-- a conditional update, or an insert that the primary key lets only one owner win.
create table hd_lease (
    name varchar(200) not null,
    owner varchar(200) not null,
    expires_at timestamp(6) with time zone not null,
    constraint hd_lease_pk primary key (name)
);
