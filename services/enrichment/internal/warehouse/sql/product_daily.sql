-- Recomputes product_daily for the (product_id, day) pairs of the batch from
-- the order lines of every profile on those days. Fee lines are left out.
-- The caller sends the pairs as the external table aggregate_keys.
INSERT INTO {database}.product_daily
    (product_id, day, units, revenue, orders, cancellations, buyers, version)
SELECT
    product_id,
    toDate(event_time) AS day,
    sum(toInt64(quantity)),
    toDecimal64(sum(amount), 4),
    toUInt32(uniqExactIf(order_id, is_cancellation = 0)),
    toUInt32(uniqExactIf(order_id, is_cancellation = 1)),
    toUInt32(uniqExactIf(profile_id, is_cancellation = 0)),
    toUInt64({version})
FROM {database}.order_lines FINAL
WHERE is_fee = 0
  AND product_id IN ({products})
  AND (product_id, toYYYYMMDD(event_time)) IN aggregate_keys
  AND event_time >= {from} AND event_time < {to}
GROUP BY product_id, day
