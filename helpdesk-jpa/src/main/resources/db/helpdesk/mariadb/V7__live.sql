-- Helpdesk SDK schema, version 7, for MariaDB: what several desk instances over one database read
-- to follow each other's changes. Flyway-compatible name: db/helpdesk/mariadb/V7__live.sql.

-- When the event row was written, by the database's clock (the desk's own clock may be any): the
-- polling change relay reads the changes of the last few seconds from it. Filled by the default;
-- the adapters never write it.
alter table hd_ticket_event add column stored_at datetime(6) default current_timestamp(6) not null;
create index hd_ticket_event_stored_ix on hd_ticket_event (stored_at);

-- Agents saved on one instance (came online, capacity changed), for the polling relay to tell the
-- others; rows older than an hour are deleted by the relays.
create table hd_live_signal (
    id bigint not null auto_increment,
    agent_id varchar(128) not null,
    signalled_at datetime(6) default current_timestamp(6) not null,
    constraint hd_live_signal_pk primary key (id)
) engine=InnoDB;
create index hd_live_signal_at_ix on hd_live_signal (signalled_at);
