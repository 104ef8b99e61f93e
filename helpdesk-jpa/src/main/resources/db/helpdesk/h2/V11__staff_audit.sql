-- Helpdesk SDK schema, version 11, for H2: the audit of staff changes (agents saved, availability
-- set, dead letters redelivered), one row per change, written in the change's transaction.
-- Flyway-compatible name: db/helpdesk/h2/V11__staff_audit.sql.

create table hd_staff_audit (
    -- Made by the desk: sorts after the desk's earlier ids, so it orders records of one instant.
    audit_id varchar(36) not null,
    -- The desk clock's instant of the change.
    recorded_at timestamp(6) with time zone not null,
    -- Who made it, as Actor.describe() writes it: customer:<id>, agent:<id> or system:<name>.
    actor varchar(200) not null,
    -- StaffAction: AGENT_SAVED, AVAILABILITY_CHANGED, DEAD_LETTER_REDELIVERED.
    action varchar(40) not null,
    -- The agent's or the notification's id.
    subject varchar(200) not null,
    -- Summaries of the thing before and after, as JSON objects of strings.
    before_json varchar(30000) not null,
    after_json varchar(30000) not null,
    constraint hd_staff_audit_pk primary key (audit_id)
);
-- AuditLog.list: newest first, paged by (recorded_at, audit_id), whole or by actor or by subject.
create index hd_staff_audit_at_ix on hd_staff_audit (recorded_at, audit_id);
create index hd_staff_audit_actor_ix on hd_staff_audit (actor, recorded_at, audit_id);
create index hd_staff_audit_subject_ix on hd_staff_audit (subject, recorded_at, audit_id);
