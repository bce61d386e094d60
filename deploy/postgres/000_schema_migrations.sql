-- Bookkeeping of the migration runner: one row per applied file. The runner
-- executes this file before reading the table, so it must stay idempotent.
CREATE TABLE IF NOT EXISTS schema_migrations (
    name       text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
