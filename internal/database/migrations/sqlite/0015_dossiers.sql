-- A person's list is read by user and sorted in memory (a person has a few
-- dossiers): the index no longer holds updated_at, which every saved page
-- and every submission changes, so that those writes leave it alone.
DROP INDEX dossiers_user;
CREATE INDEX dossiers_user ON dossiers (user_id);

-- What the owner of a procedure sets for its dossiers: how long a draft
-- nobody touches is kept (the default, 6 months, when no row). By slug,
-- as dossiers name their procedure.
CREATE TABLE dossier_settings (
    procedure_slug TEXT PRIMARY KEY,
    draft_lifetime_months INTEGER NOT NULL CHECK (draft_lifetime_months BETWEEN 1 AND 24),
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);
