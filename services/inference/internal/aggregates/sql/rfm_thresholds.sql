-- Population RFM quintile thresholds over every profile with an order. For
-- each measure the profiles' values are sorted and the threshold k (1 to 4)
-- is the last value of the k-th fifth, at 1-based position ceil(k * n / 5),
-- so that "value > threshold k" means "above the k-th fifth". Measures: the
-- UTC day number of the last order, the distinct order days, and the net
-- revenue of all days (cancellations and fees included, as in the traits).
-- Every value comes from the data, so the same data gives the same
-- thresholds.
SELECT
    length(days) AS profiles,
    arrayMap(k -> days[toUInt64(ceil(k * length(days) / 5))], [1, 2, 3, 4]) AS last_order_day,
    arrayMap(k -> freqs[toUInt64(ceil(k * length(freqs) / 5))], [1, 2, 3, 4]) AS order_days,
    arrayMap(k -> revenues[toUInt64(ceil(k * length(revenues) / 5))], [1, 2, 3, 4]) AS net_revenue
FROM
(
    SELECT
        arraySort(groupArray(last_order_day)) AS days,
        arraySort(groupArray(order_days)) AS freqs,
        arraySort(groupArray(net_revenue)) AS revenues
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
)
