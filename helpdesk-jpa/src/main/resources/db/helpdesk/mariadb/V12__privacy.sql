-- Helpdesk SDK schema, version 12, for MariaDB: erasing personal data (a customer's on request, closed
-- tickets' by the retention setting). Flyway-compatible name: db/helpdesk/mariadb/V12__privacy.sql.

-- When the desk erased the ticket's personal data (Tickets.erase); null while it has it. The
-- retention reads the CLOSED tickets not erased yet, least recently changed first, from the index.
alter table hd_ticket add column erased_at datetime(6);
create index hd_ticket_retention_ix on hd_ticket (status, erased_at, updated_at, ticket_id);

-- An erase rewrites the outbox entries of the ticket and forgets the Message-IDs that landed on it.
create index hd_outbox_ticket_ix on hd_outbox (ticket_id);
create index hd_message_thread_ticket_ix on hd_message_thread (ticket_id);
