-- Recomputes profile_hour_of_week for the (profile_id, hour_of_week) pairs
-- of the batch over all time.
-- The caller sends the pairs as the external table aggregate_keys.
INSERT INTO {database}.profile_hour_of_week (profile_id, hour_of_week, events, orders, version)
SELECT
    profile_id,
    hour_of_week,
    toUInt32(count()),
    toUInt32(countIf(event_type = 'order_completed')),
    toUInt64({version})
FROM {database}.events FINAL
WHERE profile_id IN ({profiles})
  AND (profile_id, hour_of_week) IN aggregate_keys
GROUP BY profile_id, hour_of_week
