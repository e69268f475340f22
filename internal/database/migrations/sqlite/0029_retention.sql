-- Retention: the owner of a procedure sets how many months its closed
-- dossiers are kept after their decision (NULL: kept); a dossier is told
-- once, 30 days before, when it will be deleted.
ALTER TABLE dossier_settings ADD COLUMN retention_months INTEGER CHECK (retention_months BETWEEN 1 AND 120);
ALTER TABLE dossiers ADD COLUMN retention_notice_at TIMESTAMP;
CREATE INDEX dossiers_retention ON dossiers (procedure_slug, decided_at) WHERE decided_at IS NOT NULL;

-- Tombstones in the hash-chained journals. From now on an entry's hash
-- covers its other fields and the digest of its personal ones (digest =
-- SHA-256 of the person, and of the category and purpose or the detail),
-- so that an entry about a deleted dossier or person can lose its
-- personal fields and keep their digest: the chain still verifies. erased_at marks such an
-- entry. Older entries (digest '') hash their fields directly; erased,
-- they keep their hash, which the next entry's prev_hash still binds.
ALTER TABLE access_log ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE access_log ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE mediation_journal ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE mediation_journal ADD COLUMN erased_at TIMESTAMP;

-- The one change the database lets through: an erasure, which empties the
-- personal fields (and may set the person to 0), sets erased_at and
-- leaves the chain (seq, at, hashes, digest) and the rest as they were.
DROP TRIGGER access_log_no_update;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
WHEN NOT (NEW.erased_at IS NOT NULL AND NEW.seq = OLD.seq AND NEW.at = OLD.at
    AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.digest = OLD.digest
    AND NEW.org_id = OLD.org_id AND NEW.actor_kind = OLD.actor_kind AND NEW.actor_id = OLD.actor_id
    AND NEW.actor_name = OLD.actor_name AND NEW.action = OLD.action
    AND NEW.category = '' AND NEW.purpose = '' AND NEW.person_user_id IN (OLD.person_user_id, 0))
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;
DROP TRIGGER mediation_journal_no_update;
CREATE TRIGGER mediation_journal_no_update BEFORE UPDATE ON mediation_journal
WHEN NOT (NEW.erased_at IS NOT NULL AND NEW.seq = OLD.seq AND NEW.at = OLD.at
    AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.digest = OLD.digest
    AND NEW.event = OLD.event AND NEW.mandate_id = OLD.mandate_id AND NEW.org_id = OLD.org_id
    AND NEW.actor_user_id = OLD.actor_user_id
    AND NEW.detail = '' AND NEW.person_user_id IN (OLD.person_user_id, 0))
BEGIN
    SELECT RAISE(ABORT, 'mediation_journal is append-only');
END;

