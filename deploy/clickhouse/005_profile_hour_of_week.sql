-- Events of a profile per hour of the week in the event's own time zone:
-- hour_of_week = local_dow * 24 + local_hour, where local_dow 0 is Monday,
-- so 0 is Monday 00:00-00:59 and 167 is Sunday 23:00-23:59. Recomputed for
-- every (profile_id, hour_of_week) a batch touched.
CREATE TABLE IF NOT EXISTS {database}.profile_hour_of_week
(
    profile_id   String,
    hour_of_week UInt8,
    events       UInt32,
    orders       UInt32,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (profile_id, hour_of_week)
