-- Retention: the owner of a procedure sets how many months its closed
-- dossiers are kept after their decision (NULL: kept); a dossier is told
-- once, 30 days before, when it will be deleted.
ALTER TABLE dossier_settings ADD COLUMN retention_months INTEGER CHECK (retention_months BETWEEN 1 AND 120);
ALTER TABLE dossiers ADD COLUMN retention_notice_at TIMESTAMPTZ;
CREATE INDEX dossiers_retention ON dossiers (procedure_slug, decided_at) WHERE decided_at IS NOT NULL;

-- Tombstones in the hash-chained journals (see the SQLite migration).
ALTER TABLE access_log ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE access_log ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE mediation_journal ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE mediation_journal ADD COLUMN erased_at TIMESTAMPTZ;

-- The one change the database lets through: an erasure, which empties the
-- personal fields (and may set the person to 0), sets erased_at and
-- leaves the chain (seq, at, hashes, digest) and the rest as they were.
-- DELETE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.erased_at IS NOT NULL AND NEW.seq = OLD.seq AND NEW.at = OLD.at
            AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.digest = OLD.digest
            AND NEW.org_id = OLD.org_id AND NEW.actor_kind = OLD.actor_kind AND NEW.actor_id = OLD.actor_id
            AND NEW.actor_name = OLD.actor_name AND NEW.action = OLD.action
            AND NEW.category = '' AND NEW.purpose = '' AND NEW.person_user_id IN (OLD.person_user_id, 0) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'access_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION mediation_journal_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.erased_at IS NOT NULL AND NEW.seq = OLD.seq AND NEW.at = OLD.at
            AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.digest = OLD.digest
            AND NEW.event = OLD.event AND NEW.mandate_id = OLD.mandate_id AND NEW.org_id = OLD.org_id
            AND NEW.actor_user_id = OLD.actor_user_id
            AND NEW.detail = '' AND NEW.person_user_id IN (OLD.person_user_id, 0) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'mediation_journal is append-only';
END;
$$ LANGUAGE plpgsql;

