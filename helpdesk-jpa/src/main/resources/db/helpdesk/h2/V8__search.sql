-- Helpdesk SDK schema, version 8, for H2: finding tickets. Flyway-compatible name:
-- db/helpdesk/h2/V8__search.sql (V6 and V7 are other features').
--
-- H2 has no full-text index the desk uses: a word is matched with LIKE '% word %' over the
-- ticket's words, which scans the tickets the other filters leave. H2 serves tests and demos; use
-- PostgreSQL or MariaDB for a large desk.

-- The booking reference (custom field booking_reference), for exact, indexed look-ups.
alter table hd_ticket add column booking_reference character varying(1000);

-- The ticket's words (SearchText): ' word word ', sorted, each once. search_public holds those of
-- the subject and the public messages; search_all those and the words of internal notes. Tickets
-- stored before this version get their words as they next change.
alter table hd_ticket add column search_public character varying(1048576) default ' ' not null;
alter table hd_ticket add column search_all character varying(1048576) default ' ' not null;

create index hd_ticket_booking_ix on hd_ticket (booking_reference);

-- The orders of a search; the ticket key breaks ties.
create index hd_ticket_updated_ix on hd_ticket (updated_at desc, ticket_key desc);
create index hd_ticket_created_ix on hd_ticket (created_at, ticket_key);
create index hd_ticket_status_updated_ix on hd_ticket (status, updated_at desc, ticket_key desc);
create index hd_ticket_requester_created_ix on hd_ticket (requester_id, created_at, ticket_key);
create index hd_ticket_queue_key_ix
    on hd_ticket (assignee_id, unsolved, priority desc, created_at, ticket_key);
