-- Reads the stored events of the batch's profiles between the earliest
-- window start and the latest first event of the batch. The caller keeps,
-- per profile, the latest event inside that profile's own window.
SELECT profile_id, event_time, event_id, session_id
FROM {database}.events
WHERE profile_id IN ({profiles})
  AND event_time >= {from} AND event_time < {to}
