-- Activity of a profile per UTC day, recomputed from events FINAL and
-- order_lines FINAL for every (profile_id, day) a batch touched. The row
-- with the highest version is the current one, so readers use FINAL.
-- orders and cancellations count order_completed and order_cancelled
-- events. net_revenue sums quantity * unit_price over every line of both,
-- fees included. items sums the quantity of the lines that are not fees.
CREATE TABLE IF NOT EXISTS {database}.profile_daily
(
    profile_id    String,
    day           Date,
    orders        UInt32,
    cancellations UInt32,
    net_revenue   Decimal(18, 4),
    items         Int64,
    product_views UInt32,
    cart_adds     UInt32,
    cart_removes  UInt32,
    reviews       UInt32,
    events        UInt32,
    sessions      UInt32,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (profile_id, day)
