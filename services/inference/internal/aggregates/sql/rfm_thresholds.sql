-- Population RFM quintile thresholds over every profile with an order:
-- the 20th, 40th, 60th and 80th percentiles of the UTC day number of the
-- last order, of the distinct order days and of net revenue (all days,
-- cancellations and fees included, as in the traits). quantilesExact keeps
-- the thresholds exact, so the same data gives the same thresholds.
SELECT
    count() AS profiles,
    arrayMap(x -> toInt64(x), quantilesExact(0.2, 0.4, 0.6, 0.8)(last_order_day)) AS last_order_day,
    arrayMap(x -> toInt64(x), quantilesExact(0.2, 0.4, 0.6, 0.8)(order_days)) AS order_days,
    quantilesExact(0.2, 0.4, 0.6, 0.8)(net_revenue) AS net_revenue
FROM
(
    SELECT
        profile_id,
        toInt64(toUInt32(maxIf(day, orders > 0))) AS last_order_day,
        toInt64(countIf(orders > 0)) AS order_days,
        toFloat64(sum(net_revenue)) AS net_revenue
    FROM profile_daily FINAL
    GROUP BY profile_id
    HAVING sum(orders) > 0
)
