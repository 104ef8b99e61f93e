-- Helpdesk SDK schema, version 14, for MariaDB: the people copied on a ticket (CCs), as a JSON array
-- of {"email": ..., "name": ...} in the order they were added; null when the ticket copies nobody
-- (every ticket stored before this version). Their changes are events in hd_ticket_event.
-- Flyway-compatible name: db/helpdesk/mariadb/V15__ccs.sql.

alter table hd_ticket add column ccs_json mediumtext;
