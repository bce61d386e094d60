-- Recomputes profile_daily for the (profile_id, day) pairs of the batch from
-- every stored event and order line of those days. Counts come from events,
-- money and units from order_lines, joined by UNION ALL and one GROUP BY.
-- The caller sends the pairs as the external table aggregate_keys.
INSERT INTO {database}.profile_daily
    (profile_id, day, orders, cancellations, net_revenue, items, product_views,
     cart_adds, cart_removes, reviews, events, sessions, version)
SELECT
    profile_id,
    day,
    toUInt32(sum(is_order)),
    toUInt32(sum(is_cancellation)),
    toDecimal64(sum(amount), 4),
    sum(units),
    toUInt32(sum(is_view)),
    toUInt32(sum(is_cart_add)),
    toUInt32(sum(is_cart_remove)),
    toUInt32(sum(is_review)),
    toUInt32(sum(is_event)),
    toUInt32(uniqExactIf(session_id, is_event = 1)),
    toUInt64({version})
FROM
(
    SELECT
        profile_id,
        toDate(event_time) AS day,
        toUInt8(event_type = 'order_completed') AS is_order,
        toUInt8(event_type = 'order_cancelled') AS is_cancellation,
        toDecimal64(0, 4) AS amount,
        toInt64(0) AS units,
        toUInt8(event_type = 'product_viewed') AS is_view,
        toUInt8(event_type = 'cart_updated' AND cart_action = 'ADDED') AS is_cart_add,
        toUInt8(event_type = 'cart_updated' AND cart_action = 'REMOVED') AS is_cart_remove,
        toUInt8(event_type = 'review_submitted') AS is_review,
        toUInt8(1) AS is_event,
        session_id
    FROM {database}.events FINAL
    WHERE profile_id IN ({profiles})
      AND (profile_id, toYYYYMMDD(event_time)) IN aggregate_keys
      AND event_time >= {from} AND event_time < {to}
    UNION ALL
    SELECT
        profile_id,
        toDate(event_time) AS day,
        toUInt8(0) AS is_order,
        toUInt8(0) AS is_cancellation,
        amount,
        toInt64(if(is_fee = 1, 0, quantity)) AS units,
        toUInt8(0) AS is_view,
        toUInt8(0) AS is_cart_add,
        toUInt8(0) AS is_cart_remove,
        toUInt8(0) AS is_review,
        toUInt8(0) AS is_event,
        '' AS session_id
    FROM {database}.order_lines FINAL
    WHERE profile_id IN ({profiles})
      AND (profile_id, toYYYYMMDD(event_time)) IN aggregate_keys
      AND event_time >= {from} AND event_time < {to}
)
GROUP BY profile_id, day
