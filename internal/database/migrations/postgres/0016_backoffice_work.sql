-- The agents' daily work on dossiers. assigned_to is the agent a dossier
-- is given to (by themselves when they take it, or by a colleague of the
-- procedure's team); NULL while nobody has it.
ALTER TABLE dossiers ADD COLUMN assigned_to BIGINT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX dossiers_assigned ON dossiers (org_id, assigned_to);
-- The queue and its exports read an organisation's sent dossiers oldest first.
CREATE INDEX dossiers_queue ON dossiers (org_id, submitted_at);

-- The expected delay of each procedure ("9 sur 10 en moins de N jours"),
-- kept a few minutes so that the queue can tell late dossiers in SQL:
-- late_before is the sending date before which an open dossier is late,
-- NULL while the procedure has too few decisions to say.
CREATE TABLE procedure_delays (
    procedure_slug TEXT PRIMARY KEY,
    days INTEGER NOT NULL,
    late_before TIMESTAMPTZ,
    computed_at TIMESTAMPTZ NOT NULL
);

-- Drafts deleted because nobody sent them: the figures of a procedure
-- count them as abandoned after the dossiers themselves are gone.
CREATE TABLE dossier_drafts_expired (
    id BIGSERIAL PRIMARY KEY,
    procedure_slug TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expired_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX dossier_drafts_expired_procedure ON dossier_drafts_expired (procedure_slug, created_at);
