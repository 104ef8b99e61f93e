-- Helpdesk SDK schema, version 11, for MariaDB: the audit of staff changes (agents saved,
-- availability set, dead letters redelivered), one row per change, written in the change's
-- transaction. Flyway-compatible name: db/helpdesk/mariadb/V11__staff_audit.sql.

create table hd_staff_audit (
    -- Made by the desk: sorts after the desk's earlier ids, so it orders records of one instant;
    -- compared byte by byte, as Java compares it.
    audit_id varchar(36) character set ascii collate ascii_bin not null,
    -- The desk clock's instant of the change (UTC, as every datetime of the desk).
    recorded_at datetime(6) not null,
    -- Who made it, as Actor.describe() writes it: customer:<id>, agent:<id> or system:<name>.
    actor varchar(200) collate utf8mb4_bin not null,
    -- StaffAction: AGENT_SAVED, AVAILABILITY_CHANGED, DEAD_LETTER_REDELIVERED.
    action varchar(40) not null,
    -- The agent's or the notification's id.
    subject varchar(200) collate utf8mb4_bin not null,
    -- Summaries of the thing before and after, as JSON objects of strings.
    before_json mediumtext not null,
    after_json mediumtext not null,
    constraint hd_staff_audit_pk primary key (audit_id)
) engine=InnoDB;
-- AuditLog.list: newest first, paged by (recorded_at, audit_id), whole or by actor or by subject.
create index hd_staff_audit_at_ix on hd_staff_audit (recorded_at, audit_id);
create index hd_staff_audit_actor_ix on hd_staff_audit (actor, recorded_at, audit_id);
create index hd_staff_audit_subject_ix on hd_staff_audit (subject, recorded_at, audit_id);
