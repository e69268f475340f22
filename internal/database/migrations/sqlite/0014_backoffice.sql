-- The agents' back office. Teams per procedure: the agents of the
-- organisation who instruct a procedure's dossiers, chosen by its owner.
-- An agent sees only the dossiers of the procedures they are on.
CREATE TABLE procedure_agents (
    procedure_slug TEXT NOT NULL,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (procedure_slug, user_id)
);
CREATE INDEX procedure_agents_user ON procedure_agents (user_id, org_id);

-- Private notes of the agents on a dossier: never shown to its person.
CREATE TABLE dossier_notes (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at TIMESTAMP NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX dossier_notes_dossier ON dossier_notes (dossier_id, at);
