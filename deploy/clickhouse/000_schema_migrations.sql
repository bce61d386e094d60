-- Bookkeeping of the migration runner: one row per applied file. The runner
-- executes this file before reading the table, so it must stay idempotent.
-- ReplacingMergeTree collapses a file recorded twice to one row on merge;
-- the runner reads the names with DISTINCT.
CREATE TABLE IF NOT EXISTS {database}.schema_migrations
(
    name       String,
    applied_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY name
