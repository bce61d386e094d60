-- Sales of a product per UTC day, recomputed from order_lines FINAL for
-- every (product_id, day) a batch touched. Fee lines are left out. units and
-- revenue are net of cancellations. orders and buyers count the distinct
-- completed orders and profiles, cancellations the distinct cancellations.
CREATE TABLE IF NOT EXISTS {database}.product_daily
(
    product_id    String,
    day           Date,
    units         Int64,
    revenue       Decimal(18, 4),
    orders        UInt32,
    cancellations UInt32,
    buyers        UInt32,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (product_id, day)
