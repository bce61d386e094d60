-- computed_at of the traits a membership was evaluated from: the last key
-- that orders traits, after as_of and reference_time, because two
-- computations with both equal may have used different RFM thresholds.
ALTER TABLE segment_memberships
    ADD COLUMN IF NOT EXISTS traits_computed_at timestamptz NOT NULL DEFAULT 'epoch';
