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
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, item)
);

-- Who used a person's data: metadata only, append-only, each entry carrying
-- the hash of the previous one (prev_hash) and its own (hash = SHA-256 of
-- prev_hash and its fields), as mediation_journal. seq is given by the
-- application: 1, 2, 3… without gaps.
CREATE TABLE access_log (
    seq BIGINT PRIMARY KEY,
    at TIMESTAMP NOT NULL,
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
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;

-- The consent register: who shares (party: a connector), which data
-- category, for which purpose, on which legal basis, granted and revoked
-- when. Records stay after they are revoked.
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL,
    party TEXT NOT NULL,
    party_name TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    category_name TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    granted_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX consents_person ON consents (user_id, party, category);

-- What was pre-filled in a dossier: for each bound field, whether it was
-- filled (and from what source, with the value sealed, so that the page
-- can tell a corrected answer) or left for the person to type, and why.
CREATE TABLE prefill_marks (
    dossier_id BIGINT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    field_key TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    filled_value TEXT NOT NULL DEFAULT '',
    at TIMESTAMP NOT NULL,
    PRIMARY KEY (dossier_id, field_key)
);

-- A change declared once (a new address): the dossier of changement-adresse
-- that carried it, its reference, the new value sealed, and the date.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL,
    dossier_id BIGINT NOT NULL,
    reference TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    effective_on TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX changes_dossier ON changes (dossier_id);

-- Each administration told of a change: en-attente, envoye (in its agents'
-- queue), recu (acknowledged), echec (a try failed; the job tries again).
CREATE TABLE change_deliveries (
    id INTEGER PRIMARY KEY,
    change_id BIGINT NOT NULL REFERENCES changes (id),
    org_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    sent_at TIMESTAMP,
    received_at TIMESTAMP,
    received_by TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX change_deliveries_once ON change_deliveries (change_id, org_id);
CREATE INDEX change_deliveries_org ON change_deliveries (org_id, status, updated_at);
