-- Tables of the ingest service: event ids already forwarded, and the links
-- from anonymous ids to the profile of the user they were seen with.

-- ingest_seen contains the id of every event that ingest produced to
-- events.resolved. Ingest inserts a batch's ids only after the resolved
-- records were acknowledged, so a crash in between can repeat an event but
-- never lose one.
CREATE TABLE IF NOT EXISTS ingest_seen (
    event_id uuid PRIMARY KEY,
    seen_at  timestamptz NOT NULL DEFAULT now()
);

-- Supports deleting old ids in seen_at order once a retention window is set.
CREATE INDEX IF NOT EXISTS ingest_seen_seen_at_idx ON ingest_seen (seen_at);

-- identity_links maps an identifier to the profile it belongs to, with the
-- event that established the link. A user id always maps to its own profile
-- (identity.ProfileID(KindUser, id)) and is never stored here, so that two
-- user ids can never share a profile.
CREATE TABLE IF NOT EXISTS identity_links (
    identifier_type  text        NOT NULL,
    identifier_value text        NOT NULL,
    profile_id       uuid        NOT NULL,
    first_event_id   uuid        NOT NULL,
    first_event_time timestamptz NOT NULL,
    -- rule names the resolution rule that wrote the link, such as
    -- 'event_with_user_id' for an event that carried both identifiers.
    rule             text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (identifier_type, identifier_value),
    CONSTRAINT identity_links_no_user_ids CHECK (identifier_type <> 'user')
);

-- Lists every identifier of a profile, for merges, exports and deletion.
CREATE INDEX IF NOT EXISTS identity_links_profile_id_idx ON identity_links (profile_id);
