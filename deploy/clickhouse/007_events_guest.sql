-- guest is 1 for an event without an account: an order_completed event
-- marked guest, or any event without a user id. Rows written before this
-- column existed read as 0.
-- ClickHouse 18.16 rejects ADD COLUMN IF NOT EXISTS, so this statement is
-- not repeatable. NOTE: a migration run stopped after the ALTER but before
-- its schema_migrations row was written fails on the next run with "column
-- with this name already exists"; record the file by hand in that case.
ALTER TABLE {database}.events ADD COLUMN guest UInt8 DEFAULT 0;
