-- Recomputes profile_products for the (profile_id, product_id) pairs of
-- the batch over all time. Views, cart adds and reviews come from events, units,
-- revenue and orders from order_lines. Fee lines and fee products are left
-- out. The category is the latest non-empty one seen.
-- The caller sends the pairs as the external table aggregate_keys.
INSERT INTO {database}.profile_products
    (profile_id, product_id, category, units, revenue, orders, views, cart_adds,
     reviews, rating_sum, last_at, version)
SELECT
    profile_id,
    product_id,
    argMaxIf(category, event_time, category != ''),
    sum(units),
    toDecimal64(sum(amount), 4),
    toUInt32(uniqExactIf(order_id, is_order_line = 1)),
    toUInt32(sum(is_view)),
    toUInt32(sum(is_cart_add)),
    toUInt32(sum(is_review)),
    toUInt32(sum(rating)),
    max(event_time),
    toUInt64({version})
FROM
(
    SELECT
        profile_id,
        product_id,
        category,
        event_time,
        toInt64(0) AS units,
        toDecimal64(0, 4) AS amount,
        '' AS order_id,
        toUInt8(0) AS is_order_line,
        toUInt8(event_type = 'product_viewed') AS is_view,
        toUInt8(event_type = 'cart_updated' AND cart_action = 'ADDED') AS is_cart_add,
        toUInt8(event_type = 'review_submitted') AS is_review,
        toUInt32(if(event_type = 'review_submitted', rating, 0)) AS rating
    FROM {database}.events FINAL
    WHERE profile_id IN ({profiles})
      AND (profile_id, product_id) IN aggregate_keys
      AND is_fee = 0
      AND event_type IN ('product_viewed', 'cart_updated', 'review_submitted')
    UNION ALL
    SELECT
        profile_id,
        product_id,
        category,
        event_time,
        toInt64(quantity) AS units,
        amount,
        order_id,
        toUInt8(is_cancellation = 0) AS is_order_line,
        toUInt8(0) AS is_view,
        toUInt8(0) AS is_cart_add,
        toUInt8(0) AS is_review,
        toUInt32(0) AS rating
    FROM {database}.order_lines FINAL
    WHERE profile_id IN ({profiles})
      AND (profile_id, product_id) IN aggregate_keys
      AND is_fee = 0
)
GROUP BY profile_id, product_id
