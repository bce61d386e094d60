-- The latest event time the platform has seen. Recency and the engagement
-- window are measured back from it instead of from the wall clock.
SELECT max(event_time) FROM events
