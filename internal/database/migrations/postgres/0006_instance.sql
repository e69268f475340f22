-- The instance: one row holding the fingerprint of the secret key, so that
-- a node started with another key refuses to start instead of sealing
-- values that the other nodes cannot open.
CREATE TABLE instance (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_fingerprint TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
