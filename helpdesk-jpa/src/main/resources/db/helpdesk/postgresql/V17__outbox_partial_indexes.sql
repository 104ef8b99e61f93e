-- Helpdesk SDK schema, version 17, for PostgreSQL: the outbox's indexes hold only the rows they
-- serve. A delivered entry, kept as the record of what was sent and soon the great majority of
-- rows, then has no entry in them: marking an entry delivered writes fewer index entries, and the
-- claim's index stays as small as the queue.
-- Flyway-compatible name: db/helpdesk/postgresql/V17__outbox_partial_indexes.sql.

-- Outbox.claim and Outbox.undelivered: what may still be sent (due_at is null once an entry is
-- DELIVERED or DEAD).
drop index hd_outbox_due_ix;
create index hd_outbox_due_ix on hd_outbox (due_at, id) where due_at is not null;

-- Outbox.deadLetters: dead entries, oldest first.
drop index hd_outbox_state_ix;
create index hd_outbox_dead_ix on hd_outbox (created_at, id) where state = 'DEAD';

-- Outbox.claim: the companions of a group's leader; an entry without a key is always sent alone.
drop index hd_outbox_coalescing_ix;
create index hd_outbox_coalescing_ix on hd_outbox (coalescing_key, created_at)
    where coalescing_key is not null;
