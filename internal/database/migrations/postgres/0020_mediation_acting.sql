-- Acting under a mandate (internal/mediation, internal/dossiers).

-- A mediator acting for a person: the mandate their session acts under,
-- until they stop. The row says what the session chose; every request
-- checks the mandate again (scope, dates, revocation).
CREATE TABLE mediation_acting (
    session_hash TEXT PRIMARY KEY,
    mediator_id BIGINT NOT NULL,
    mandate_id BIGINT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX mediation_acting_mandate ON mediation_acting (mandate_id);

-- Domiciliation: a person without a fixed address, e-mail or phone is
-- reached through a help structure, which receives their notifications and
-- whose address their postal mail carries. One per person at a time.
CREATE TABLE mediation_domiciliations (
    person_user_id BIGINT PRIMARY KEY,
    org_id BIGINT NOT NULL,
    person_name TEXT NOT NULL,
    address TEXT NOT NULL,
    recorded_by BIGINT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX mediation_domiciliations_org ON mediation_domiciliations (org_id);

-- A dossier a mediator worked on under a mandate says so (the observatory
-- counts them), and each timeline entry names the structure that acted.
ALTER TABLE dossiers ADD COLUMN helped_by_org_id BIGINT;
ALTER TABLE dossier_events ADD COLUMN via_org_id BIGINT;
