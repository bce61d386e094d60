-- Preference vectors of profiles, written by the vectorize service. One row
-- per profile and feature space; a vector is only comparable with vectors
-- of the same vector_space.
CREATE TABLE IF NOT EXISTS profile_vectors (
    profile_id   uuid        NOT NULL,
    -- Name and version of the feature space, such as scent-notes-v1.
    vector_space text        NOT NULL,
    -- L2-normalised weights, one per feature of the space, in its order.
    vector       real[]      NOT NULL,
    -- Up to five strongest feature names, strongest first.
    top_features text[]      NOT NULL DEFAULT '{}',
    -- Purchased units and views the vector is built from.
    evidence     bigint      NOT NULL DEFAULT 0,
    -- Latest event time of the activity the vector includes. An upsert
    -- with an older as_of leaves the row as it is.
    as_of        timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (profile_id, vector_space)
);
