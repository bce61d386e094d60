-- Current rule-segment membership of each profile, written by the segment
-- service. One row per profile that has had traits.
CREATE TABLE IF NOT EXISTS segment_memberships (
    profile_id    uuid        PRIMARY KEY,
    -- Names of the segments the profile belongs to, sorted.
    segments      text[]      NOT NULL DEFAULT '{}',
    -- Version of the rules file the segments were evaluated with.
    rules_version text        NOT NULL,
    -- as_of of the traits the segments were evaluated from. An upsert with
    -- an older as_of leaves the row as it is, so traits arriving out of
    -- order never roll a membership back.
    as_of         timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Finds the members of a segment, such as segments @> '{lapsing}'.
CREATE INDEX IF NOT EXISTS segment_memberships_segments_idx
    ON segment_memberships USING gin (segments);
