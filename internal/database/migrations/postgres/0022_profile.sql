-- Dites-le-nous une fois: a person's profile, who used their data (access
-- log), their consents, the fields pre-filled in their dossiers and the
-- changes they declared once for several administrations.

-- One item of a person's profile (address, phone, IBAN…): its value sealed
-- with the instance key, where it came from and when.
CREATE TABLE profile_items (
    user_id BIGINT NOT NULL,
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_org TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, item)
);

-- Who used a person's data: metadata only, append-only, each entry carrying
-- the hash of the previous one (prev_hash) and its own (hash = SHA-256 of
-- prev_hash and its fields), as mediation_journal. seq is given by the
-- application: 1, 2, 3… without gaps.
CREATE TABLE access_log (
    seq BIGINT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    person_user_id BIGINT NOT NULL,
    org_id BIGINT NOT NULL DEFAULT 0,
    actor_kind TEXT NOT NULL,
    actor_id BIGINT NOT NULL DEFAULT 0,
    actor_name TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    category TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX access_log_person ON access_log (person_user_id, seq);

-- The database refuses to change or remove an entry, whatever the query.
CREATE FUNCTION access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
