-- The number of profiles that have aggregates.
SELECT uniqExact(profile_id) FROM profile_daily
