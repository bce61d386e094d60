SELECT profile_id, hour_of_week, events
FROM profile_hour_of_week FINAL
WHERE profile_id IN ?
