-- Fewer index pages written per dossier sent (issue 9's submit rate).
--
-- dossiers_queue (org_id, submitted_at) was a prefix of dossiers_api_cursor
-- (org_id, submitted_at, id), which serves every query it served. One
-- index serves the queue, its exports and the API; it holds only sent
-- dossiers (every query on it bounds submitted_at), so that a draft being
-- sent adds its entry instead of moving it.
DROP INDEX dossiers_queue;
DROP INDEX dossiers_api_cursor;
CREATE INDEX dossiers_sent ON dossiers (org_id, submitted_at, id) WHERE submitted_at IS NOT NULL;

-- The expiry sweep finds drafts through dossiers_one_draft, which holds
-- every draft, every ten minutes: dossiers_expiry made each saved page
-- (which pushes the date back) and each sending rewrite an index entry
-- for a lookup that the one-draft index serves well enough.
DROP INDEX dossiers_expiry;

-- Most jobs have no idempotency key (a receipt, a delivery try), yet the
-- UNIQUE constraint's index holds their NULLs too: the key's index now
-- holds only the keys.
ALTER TABLE jobs DROP CONSTRAINT jobs_idempotency_key_key;
CREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
