-- Core profiles, written by the projector. Each section is a JSONB document
-- with the event time (<section>_as_of) of the update that set it: the
-- projector applies an update to a section only when its event time is not
-- older than the section's and the content differs, so updates are ordered
-- by event time and replays change nothing.
CREATE TABLE IF NOT EXISTS profiles (
    profile_id        uuid        PRIMARY KEY,
    -- Number of changes applied; the profiles topic carries the same value.
    version           bigint      NOT NULL DEFAULT 0,
    -- Latest version acknowledged on the profiles topic. A row with
    -- version > published_version still has to be published.
    published_version bigint      NOT NULL DEFAULT 0,
    -- Latest event time of any applied change.
    updated_at        timestamptz,
    -- Wall-clock time of the last write.
    written_at        timestamptz NOT NULL DEFAULT now(),
    -- Keyed HMAC-SHA256 of the product's user id.
    user_id_hash      text,

    -- Personal data. These columns never leave Postgres: the profiles topic
    -- carries only has_email and has_phone.
    -- NOTE: they are stored in clear; encryption with a per-profile data key
    -- is a later step.
    email             text,
    phone             text,
    first_name        text,

    explicit                jsonb,
    explicit_as_of          timestamptz,
    demographics            jsonb,
    demographics_as_of      timestamptz,
    -- Contact preferences; the email, phone and first_name columns follow
    -- this section's event time too.
    communication           jsonb,
    communication_as_of     timestamptz,
    -- Map of purpose to {granted, policy_version, as_of}; each purpose is
    -- ordered by its own as_of, and consent_as_of is the latest of them.
    consent                 jsonb       NOT NULL DEFAULT '{}',
    consent_as_of           timestamptz,
    psychographics          jsonb,
    psychographics_as_of    timestamptz,
    behaviour               jsonb,
    behaviour_as_of         timestamptz,
    preference_vector       jsonb,
    preference_vector_as_of timestamptz,
    segments                jsonb,
    segments_as_of          timestamptz
);

-- Finds rows that still have to be published.
CREATE INDEX IF NOT EXISTS profiles_unpublished_idx ON profiles (profile_id)
    WHERE version > published_version;
