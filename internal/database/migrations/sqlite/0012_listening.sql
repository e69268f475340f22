-- Écoute: feedback on procedures ("Je donne mon avis"), online or entered
-- from paper by agents. Scores are stored on the national scale (/10) so
-- that the observatory's means are plain AVG(): overall 0/5/10, clarity
-- 0/2.5/5/7.5/10, help quality the mean of the helps rated. Nothing here
-- names the person: no account, no address.
CREATE TABLE listening_feedback (
    id INTEGER PRIMARY KEY,
    procedure_slug TEXT NOT NULL,
    org_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    overall_score INTEGER NOT NULL CHECK (overall_score IN (0, 5, 10)),
    clarity INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 5),
    clarity_score REAL NOT NULL,
    -- no_help: the person sought no help (autonomie).
    no_help BOOLEAN NOT NULL,
    -- help_reached: NULL when no help was tried, else whether one was reached.
    help_reached BOOLEAN,
    help_quality_score REAL,
    comment TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('en_ligne', 'papier', 'telephone', 'guichet')),
    answered_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- entered_by: the agent who typed a paper answer; token_id: the API token that sent it.
    entered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    token_id BIGINT
);
CREATE INDEX listening_feedback_procedure ON listening_feedback (procedure_slug, answered_at);
CREATE INDEX listening_feedback_org ON listening_feedback (org_id, answered_at);

-- One row per help sought: which, whether reached, its quality (1-5).
CREATE TABLE listening_feedback_help (
    feedback_id BIGINT NOT NULL REFERENCES listening_feedback (id) ON DELETE CASCADE,
    help TEXT NOT NULL,
    reached BOOLEAN,
    quality INTEGER CHECK (quality BETWEEN 1 AND 5),
    PRIMARY KEY (feedback_id, help)
);

-- The limit of 5 answers per client address per hour, shared by every
-- node. The address is kept only as a keyed hash, apart from the answers,
-- and pruned after the hour.
CREATE TABLE listening_limits (
    addr_hash TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX listening_limits_addr ON listening_limits (addr_hash, at);

-- API tokens of an organisation (the first API writer is paper feedback).
-- Only the SHA-256 of the secret is kept; the secret is shown once.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_org ON api_tokens (org_id);
