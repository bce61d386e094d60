-- One page of the profile ids that have aggregates, in id order, after the
-- last id of the previous page. FINAL is not needed: a recomputation
-- replaces rows of a profile but never removes its id.
SELECT DISTINCT profile_id
FROM profile_daily
WHERE profile_id > ?
ORDER BY profile_id
LIMIT ?
