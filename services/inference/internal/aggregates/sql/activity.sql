-- Per profile: the latest event time, the first and last order_completed
-- time and whether every event is a guest one (min(guest) = 1). Duplicates
-- of an event share its event_time and guest flag, so min and max need no
-- FINAL. first_order_at and last_order_at are 1970-01-01 without orders.
SELECT
    profile_id,
    max(event_time) AS last_event_at,
    countIf(event_type = 'order_completed') AS order_events,
    minIf(event_time, event_type = 'order_completed') AS first_order_at,
    maxIf(event_time, event_type = 'order_completed') AS last_order_at,
    min(guest) AS all_guest
FROM events
WHERE profile_id IN ?
GROUP BY profile_id
