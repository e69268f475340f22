-- The administrations' API on dossiers. A read-only token reads and never
-- writes. What a token does is attributed to it in the dossier's timeline
-- and the audit log (token_id beside the person's actor_id).
ALTER TABLE api_tokens ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE dossier_events ADD COLUMN token_id BIGINT REFERENCES api_tokens (id) ON DELETE SET NULL;
ALTER TABLE audit_events ADD COLUMN token_id BIGINT;

-- A write sent with an Idempotency-Key header: its first answer, kept for
-- the token that sent it, so that the same write sent again is answered
-- the same without being done twice. fingerprint is the method, path and
-- body's hash: the same key with another request is refused.
CREATE TABLE api_idempotency (
    token_id BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (token_id, key)
);
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);

-- The API lists an organisation's sent dossiers by (sending time, id), the
-- order of its cursor.
CREATE INDEX dossiers_api_cursor ON dossiers (org_id, submitted_at, id);
