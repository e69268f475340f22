-- Mediation (internal/mediation): people acted for without a Guichet
-- account, the structure's inbox for the people it domiciles, and the
-- attestations a renewal replaced.

-- person_record is true when person_user_id is a person record the
-- structure made for someone identified by a document (no login, no
-- e-mail): the attestation still signs the mandate as given, without an
-- account.
ALTER TABLE mediation_mandates ADD COLUMN person_record BOOLEAN NOT NULL DEFAULT FALSE;

-- The structure's inbox: every notification for a person it domiciles,
-- as the person would have read it. idempotency_key is the event's, so
-- that an event notified twice is kept once.
CREATE TABLE mediation_inbox (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    org_id BIGINT NOT NULL,
    person_user_id BIGINT NOT NULL,
    person_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX mediation_inbox_person ON mediation_inbox (org_id, person_user_id, received_at);

-- The attestations a renewal replaced: the SHA-256 of their signature
-- only, so that the check page can say "remplacé" without the database
-- holding a valid attestation.
CREATE TABLE mediation_replaced_attestations (
    mandate_id BIGINT NOT NULL,
    signature_hash TEXT NOT NULL,
    replaced_at TIMESTAMP NOT NULL,
    PRIMARY KEY (mandate_id, signature_hash)
);

-- Appointments (internal/appointments): a booking made without an account
-- counts once the person proves the phone or e-mail given is theirs with
-- the short code sent to it. Until then it is a hold: the contact sealed,
-- the code as a keyed hash only, a few tries, a quarter of an hour.
CREATE TABLE appointment_holds (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    slot_id BIGINT NOT NULL,
    person_name TEXT NOT NULL,
    contact TEXT NOT NULL,
    contact_hash TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX appointment_holds_contact ON appointment_holds (contact_hash, created_at);
CREATE INDEX appointment_holds_expires ON appointment_holds (expires_at);
