-- Reference time of the traits a membership was evaluated from. Traits are
-- ordered by as_of and then by reference_time: inference recomputes quiet
-- profiles when the reference time advances, and such a recomputation has
-- the same as_of as the one before it but is newer.
ALTER TABLE segment_memberships
    ADD COLUMN IF NOT EXISTS reference_time timestamptz NOT NULL DEFAULT 'epoch';
