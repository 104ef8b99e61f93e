-- Helpdesk SDK schema, version 8, for PostgreSQL: finding tickets. Flyway-compatible name:
-- db/helpdesk/postgresql/V8__search.sql (V6 and V7 are other features').

-- The booking reference (custom field booking_reference), for exact, indexed look-ups.
alter table hd_ticket add column booking_reference varchar(1000);

-- The ticket's words (SearchText): ' word word ', sorted, each once. search_public holds those of
-- the subject and the public messages; search_all those and the words of internal notes. The ticket
-- store writes them in the same statement as the ticket.
alter table hd_ticket add column search_public text not null default ' ';
alter table hd_ticket add column search_all text not null default ' ';

-- Tickets stored before this version: their words as SQL can find them (the store adds to these
-- with each later change).
update hd_ticket t set
    booking_reference = left(t.custom_fields_json::jsonb ->> 'booking_reference', 1000),
    search_public = ' ' || lower(regexp_replace(t.subject || ' ' || coalesce((
        select string_agg(m.body, ' ') from hd_message m
        where m.ticket_id = t.ticket_id and m.visibility = 'PUBLIC'), ''),
        '[^[:alnum:]]+', ' ', 'g')) || ' ',
    search_all = ' ' || lower(regexp_replace(t.subject || ' ' || coalesce((
        select string_agg(m.body, ' ') from hd_message m where m.ticket_id = t.ticket_id), ''),
        '[^[:alnum:]]+', ' ', 'g')) || ' ';

-- Full-text vectors of those words, computed by the database in the same write, with the text
-- search configuration 'simple' (no stemming, no stop words: every language works). To search with
-- another configuration, drop these columns and add them again with it, and build the store with
-- Database.postgreSql("that_configuration").
alter table hd_ticket add column search_public_tsv tsvector
    generated always as (to_tsvector('simple'::regconfig, search_public)) stored;
alter table hd_ticket add column search_all_tsv tsvector
    generated always as (to_tsvector('simple'::regconfig, search_all)) stored;
create index hd_ticket_search_public_ix on hd_ticket using gin (search_public_tsv);
create index hd_ticket_search_all_ix on hd_ticket using gin (search_all_tsv);

create index hd_ticket_booking_ix on hd_ticket (booking_reference);

-- The orders of a search; the ticket key, compared byte by byte, breaks ties.
create index hd_ticket_updated_ix on hd_ticket (updated_at desc, ticket_key collate "C" desc);
create index hd_ticket_created_ix on hd_ticket (created_at, ticket_key collate "C");
create index hd_ticket_status_updated_ix
    on hd_ticket (status, updated_at desc, ticket_key collate "C" desc);
create index hd_ticket_requester_created_ix
    on hd_ticket (requester_id, created_at, ticket_key collate "C");
-- Queues, most urgent first: on -priority, so that the keyset condition is one row value in one
-- direction, read as one index range. IS NULL does not fix a column's order for the planner, hence
-- the unassigned queue's partial index.
create index hd_ticket_queue_key_ix
    on hd_ticket (assignee_id, unsolved, (-priority), created_at, ticket_key collate "C");
create index hd_ticket_unassigned_queue_ix
    on hd_ticket ((-priority), created_at, ticket_key collate "C")
    where assignee_id is null and unsolved = true;
