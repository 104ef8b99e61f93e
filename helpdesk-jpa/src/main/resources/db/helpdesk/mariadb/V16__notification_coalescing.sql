-- Helpdesk SDK schema, version 14, for MariaDB: coalescing notifications. An outbox entry
-- keeps the instant it may be sent at the earliest (the end of its coalescing window; null for
-- entries written before, which were due at created_at) and the key it is merged by (one ticket,
-- one recipient; null for an entry always sent alone).
-- Flyway-compatible name: db/helpdesk/mariadb/V16__notification_coalescing.sql.

alter table hd_outbox add column not_before datetime(6);
alter table hd_outbox add column coalescing_key varchar(300);

-- Outbox.claim: the companions of a group's leader, the entries with its key made within its
-- window. Without the state, which a claim changes: the claim's update then leaves this index as
-- it is, so concurrent claims on MariaDB do not deadlock over its gaps.
create index hd_outbox_coalescing_ix on hd_outbox (coalescing_key, created_at);
