-- One row per line of an order_completed or order_cancelled event. The
-- sorting key includes is_cancellation, so a cancellation that reuses the
-- order id of the order it takes back does not replace that order's lines.
-- amount = quantity * unit_price as sent, so the lines of a cancellation,
-- whose quantities are negative, have a negative amount.
CREATE TABLE IF NOT EXISTS {database}.order_lines
(
    profile_id        String,
    order_id          String,
    line_no           Int32,
    event_id          String,
    event_time        DateTime('UTC'),
    product_id        String,
    category          String,
    quantity          Int32,
    unit_price        Decimal(18, 4),
    amount            Decimal(18, 4),
    is_fee            UInt8,
    is_cancellation   UInt8,
    original_order_id String,
    currency          String,
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (profile_id, order_id, is_cancellation, line_no)
