-- Helpdesk SDK schema, version 13, for MariaDB: roles. An agent's role (AGENT or SUPERVISOR;
-- agents saved before are AGENT), a customer's organisation, and the organisation a ticket's
-- requester had when it was opened, which a customer of that organisation may read it by.
-- Flyway-compatible name: db/helpdesk/mariadb/V13__roles.sql.

alter table hd_agent add column role varchar(16) default 'AGENT' not null;
alter table hd_customer add column organisation_id varchar(128);
alter table hd_ticket add column requester_organisation varchar(128);

-- A customer's listing with their organisation's tickets: newest first, per organisation.
create index hd_ticket_organisation_created_ix
    on hd_ticket (requester_organisation, created_at, ticket_key);
-- An agent who sees their groups' tickets: searches and listings within the groups.
create index hd_ticket_group_updated_ix on hd_ticket (group_id, updated_at desc, ticket_key desc);
