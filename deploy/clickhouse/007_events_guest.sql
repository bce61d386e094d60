-- guest is 1 for an event without an account: an order_completed event
-- marked guest, or any event without a user id. Rows written before this
-- column existed read as 0.
-- ClickHouse 18.16 rejects ADD COLUMN IF NOT EXISTS, so this statement is
-- not repeatable. NOTE: if a migration run stops after the ALTER but before
-- its schema_migrations row is written, the next run fails with "column
-- with this name already exists". Record the file by hand in that case.
ALTER TABLE {database}.events ADD COLUMN guest UInt8 DEFAULT 0;
