-- The online forms of procedures, as versions. A version is the whole form
-- as JSON (internal/forms.Form). At most one version of a procedure is a
-- draft (published_at NULL), the one its owners edit; published versions
-- never change, so that a dossier started on one keeps its questions.
CREATE TABLE form_versions (
    procedure_slug TEXT NOT NULL REFERENCES procedures (slug),
    version INTEGER NOT NULL CHECK (version > 0),
    definition TEXT NOT NULL,
    published_at TIMESTAMP,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (procedure_slug, version)
);
-- One draft per procedure.
CREATE UNIQUE INDEX form_versions_draft ON form_versions (procedure_slug) WHERE published_at IS NULL;
