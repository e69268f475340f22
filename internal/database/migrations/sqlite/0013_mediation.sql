-- Mediation (internal/mediation): the mandates a person gives a help
-- structure, and the hash-chained journal of everything done about them.

-- A mandate: a person authorises a help structure (org_id), not one
-- mediator, for some categories and a fixed number of days. The person is
-- known by their account (person_user_id) or by the identity document the
-- mediator saw: its type and last 4 characters only, never its number.
CREATE TABLE mediation_mandates (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL,
    person_user_id BIGINT NOT NULL DEFAULT 0,
    person_name TEXT NOT NULL,
    document_type TEXT NOT NULL DEFAULT '',
    document_last4 TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL,
    days INTEGER NOT NULL CHECK (days IN (1, 31, 182, 365)),
    text_version TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    consented_at TIMESTAMP NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoked_by BIGINT NOT NULL DEFAULT 0,
    revoked_side TEXT NOT NULL DEFAULT '' CHECK (revoked_side IN ('', 'person', 'structure')),
    notice_sent_at TIMESTAMP,
    expiry_journaled BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX mediation_mandates_org ON mediation_mandates (org_id, starts_at);
CREATE INDEX mediation_mandates_person ON mediation_mandates (person_user_id, starts_at);
CREATE INDEX mediation_mandates_ends ON mediation_mandates (ends_at);

-- The journal: append-only, each entry carrying the hash of the previous
-- one (prev_hash) and its own (hash = SHA-256 of prev_hash and its fields).
-- seq is given by the application: 1, 2, 3… without gaps.
CREATE TABLE mediation_journal (
    seq BIGINT PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    event TEXT NOT NULL,
    mandate_id BIGINT NOT NULL,
    org_id BIGINT NOT NULL,
    person_user_id BIGINT NOT NULL DEFAULT 0,
    actor_user_id BIGINT NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX mediation_journal_mandate ON mediation_journal (mandate_id, seq);
CREATE INDEX mediation_journal_person ON mediation_journal (person_user_id, seq);

-- The database refuses to change or remove an entry, whatever the query.
CREATE TRIGGER mediation_journal_no_update BEFORE UPDATE ON mediation_journal
BEGIN
    SELECT RAISE(ABORT, 'mediation_journal is append-only');
END;
CREATE TRIGGER mediation_journal_no_delete BEFORE DELETE ON mediation_journal
BEGIN
    SELECT RAISE(ABORT, 'mediation_journal is append-only');
END;
