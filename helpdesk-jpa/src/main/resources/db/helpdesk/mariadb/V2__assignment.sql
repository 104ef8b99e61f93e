-- Helpdesk SDK schema, version 2, for MariaDB: what automatic assignment knows of an agent, and the
-- row each agent's capacity checks lock. Flyway-compatible name: db/helpdesk/mariadb/V2__assignment.sql.

-- Capacity: total (2147483647 = no limit) and per channel as a small JSON object
-- ({"CHAT": 2}), never queried by channel. Existing agents become unlimited, ONLINE, as before.
alter table hd_agent add column capacity_total integer default 2147483647 not null;
alter table hd_agent add column capacity_channels_json varchar(2000) default '{}' not null;
alter table hd_agent add column availability varchar(16) default 'ONLINE' not null;
alter table hd_agent add column escalation_group_id varchar(64);
alter table hd_agent add constraint hd_agent_capacity_ck check (capacity_total >= 0);
alter table hd_agent add constraint hd_agent_availability_ck check (availability in ('ONLINE','AWAY','OFFLINE'));

-- Skills: a table rather than JSON, so that "which agents have skill X" is an index look-up.
create table hd_agent_skill (
    agent_id varchar(128) not null,
    skill varchar(50) not null,
    constraint hd_agent_skill_pk primary key (agent_id, skill),
    constraint hd_agent_skill_agent_fk foreign key (agent_id) references hd_agent (agent_id)
) engine=InnoDB;
create index hd_agent_skill_skill_ix on hd_agent_skill (skill, agent_id);

-- One row per agent whose capacity a ticket change has guarded. A guarded save updates the row
-- first (taking its row lock until commit), then counts the agent's active tickets: guarded saves
-- for one agent run one after the other, on every instance. No foreign key: the ticket store does
-- not require the agent to be kept in hd_agent. Rows are created on first use and never deleted.
create table hd_agent_lock (
    agent_id varchar(128) not null,
    guarded_saves bigint not null,
    constraint hd_agent_lock_pk primary key (agent_id)
) engine=InnoDB;
