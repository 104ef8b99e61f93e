-- Helpdesk SDK schema, version 8, for MariaDB: finding tickets. Flyway-compatible name:
-- db/helpdesk/mariadb/V8__search.sql (V6 and V7 are other features').

-- The booking reference (custom field booking_reference), for exact, indexed look-ups.
alter table hd_ticket add column booking_reference varchar(1000);

-- The ticket's words (SearchText): ' word word ', sorted, each once; a word shorter than three
-- letters is padded with '_' (InnoDB does not index shorter ones). search_public holds those of
-- the subject and the public messages; search_all those and the words of internal notes. Binary
-- collation: 'uber' must not find 'über'. The ticket store writes them with the ticket.
alter table hd_ticket add column search_public mediumtext character set utf8mb4 collate utf8mb4_bin
    not null default ' ';
alter table hd_ticket add column search_all mediumtext character set utf8mb4 collate utf8mb4_bin
    not null default ' ';

-- Tickets stored before this version: their words as SQL can find them (the store adds to these
-- with each later change).
update hd_ticket t set
    booking_reference = left(json_value(t.custom_fields_json, '$.booking_reference'), 1000),
    search_public = concat(' ', lower(regexp_replace(concat(t.subject, ' ', coalesce((
        select group_concat(m.body separator ' ') from hd_message m
        where m.ticket_id = t.ticket_id and m.visibility = 'PUBLIC'), '')),
        '[^\\p{L}\\p{N}]+', ' ')), ' '),
    search_all = concat(' ', lower(regexp_replace(concat(t.subject, ' ', coalesce((
        select group_concat(m.body separator ' ') from hd_message m
        where m.ticket_id = t.ticket_id), '')),
        '[^\\p{L}\\p{N}]+', ' ')), ' ');

-- FULLTEXT indexes without InnoDB's stop word list (the desk has its own, applied before
-- indexing): a word such as 'www' or 'com' must be found like any other.
set session innodb_ft_enable_stopword = off;
create fulltext index hd_ticket_search_public_ix on hd_ticket (search_public);
create fulltext index hd_ticket_search_all_ix on hd_ticket (search_all);

create index hd_ticket_booking_ix on hd_ticket (booking_reference(255));

-- The orders of a search; the ticket key breaks ties.
create index hd_ticket_updated_ix on hd_ticket (updated_at desc, ticket_key desc);
create index hd_ticket_created_ix on hd_ticket (created_at, ticket_key);
create index hd_ticket_status_updated_ix on hd_ticket (status, updated_at desc, ticket_key desc);
create index hd_ticket_requester_created_ix on hd_ticket (requester_id, created_at, ticket_key);
create index hd_ticket_queue_key_ix
    on hd_ticket (assignee_id, unsolved, priority desc, created_at, ticket_key);
