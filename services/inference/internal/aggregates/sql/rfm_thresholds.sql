-- Population RFM quintile thresholds over every profile with an order. For
-- each measure the profiles' values are sorted and threshold k (1 to 4) is
-- the last value of the k-th fifth, at 1-based position ceil(k * n / 5), so
-- that "value > threshold k" means "above the k-th fifth". Measures: the UTC
-- day number of the last order, the distinct order days, and the net
-- revenue of all days (cancellations and fees included, as in the traits).
-- Every threshold is a value of the data, so the same data gives the same
-- thresholds. The positions are spelled out because ClickHouse 18.16
-- rejects a second arrayMap lambda over another column of the same query.
SELECT
    length(days) AS profiles,
    [days[toUInt64(ceil(1 * length(days) / 5))], days[toUInt64(ceil(2 * length(days) / 5))], days[toUInt64(ceil(3 * length(days) / 5))], days[toUInt64(ceil(4 * length(days) / 5))]] AS last_order_day,
    [freqs[toUInt64(ceil(1 * length(freqs) / 5))], freqs[toUInt64(ceil(2 * length(freqs) / 5))], freqs[toUInt64(ceil(3 * length(freqs) / 5))], freqs[toUInt64(ceil(4 * length(freqs) / 5))]] AS order_days,
    [revenues[toUInt64(ceil(1 * length(revenues) / 5))], revenues[toUInt64(ceil(2 * length(revenues) / 5))], revenues[toUInt64(ceil(3 * length(revenues) / 5))], revenues[toUInt64(ceil(4 * length(revenues) / 5))]] AS net_revenue
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
