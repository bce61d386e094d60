-- Reads the stored events of each profile in the session gap before the
-- first event of the batch for that profile. The windows are one
-- "(profile_id = … AND event_time >= … AND event_time < …)" per profile.
SELECT profile_id, event_time, event_id, session_id
FROM {database}.events
WHERE profile_id IN ({profiles})
  AND ({windows})
