-- One row per event of events.resolved, enriched by the enrichment service.
-- A replay writes the same event again: rows with an equal sorting key
-- (profile_id, event_time, event_id) collapse to the highest version on
-- merge, so readers use FINAL. No personal data: the raw user id, the
-- anonymous id and every Identify trait stay out of this table.
CREATE TABLE IF NOT EXISTS {database}.events
(
    event_id     String,
    event_type   String,
    profile_id   String,
    event_time   DateTime('UTC'),
    received_at  DateTime('UTC'),
    source       String,
    session_id   String,
    channel      String,
    country      String,
    locale       String,
    timezone     String,
    device       String,
    browser      String,
    os           String,
    local_hour   UInt8,
    local_dow    UInt8,
    hour_of_week UInt8,
    product_id   String,
    category     String,
    is_fee       UInt8,
    order_id     String,
    cart_action  String,
    quantity     Int32,
    rating       UInt8,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (profile_id, event_time, event_id)
