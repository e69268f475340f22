-- Fewer index pages written per dossier sent (issue 9's submit rate).
--
-- dossiers_queue (org_id, submitted_at) was dossiers_api_cursor
-- (org_id, submitted_at, id) twice over: on SQLite every index ends with
-- the rowid, so both held the same entries and each sending rewrote two
-- pages of each. One index serves the queue, its exports and the API; it
-- holds only sent dossiers (every query on it bounds submitted_at), so
-- that a draft being sent adds its entry instead of moving it.
DROP INDEX dossiers_queue;
DROP INDEX dossiers_api_cursor;
CREATE INDEX dossiers_sent ON dossiers (org_id, submitted_at, id) WHERE submitted_at IS NOT NULL;

-- The expiry sweep finds drafts through dossiers_one_draft, which holds
-- every draft, every ten minutes: dossiers_expiry made each saved page
-- (which pushes the date back) and each sending rewrite an index entry
-- for a lookup that the one-draft index serves well enough.
DROP INDEX dossiers_expiry;

-- Most jobs have no idempotency key (a receipt, a delivery try), yet a
-- UNIQUE column indexes its NULLs too: the key's index now holds only the
-- keys. A UNIQUE column cannot be dropped in SQLite, so the table is
-- rebuilt, with the same columns and its two claim indexes.
CREATE TABLE jobs_rebuilt (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_at TIMESTAMP NOT NULL,
    locked_by TEXT,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
INSERT INTO jobs_rebuilt (id, kind, payload, idempotency_key, status, attempts, max_attempts, run_at, locked_by,
    locked_until, last_error, created_at, finished_at)
SELECT id, kind, payload, idempotency_key, status, attempts, max_attempts, run_at, locked_by,
    locked_until, last_error, created_at, finished_at FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_rebuilt RENAME TO jobs;
CREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE status = 'queued';
CREATE INDEX jobs_lease ON jobs (locked_until) WHERE status = 'running';
