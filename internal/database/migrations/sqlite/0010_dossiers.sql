-- Dossiers: a person's request on an online procedure, from draft to
-- decision, with its history (timeline), messages, files and corrections.
CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    procedure_slug TEXT NOT NULL,
    org_id INTEGER NOT NULL REFERENCES organisations (id),
    form_version INTEGER NOT NULL,
    state TEXT NOT NULL,
    -- draft_slot tells drafts of one person and procedure apart: 0 for the
    -- one draft everybody gets, 1, 2… only where the procedure allows more.
    draft_slot INTEGER NOT NULL DEFAULT 0,
    current_page INTEGER NOT NULL DEFAULT 0,
    answers TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    decided_at TIMESTAMP,
    expires_at TIMESTAMP,
    expiry_notice_at TIMESTAMP
);
-- One draft per person, procedure and slot: two tabs, a double click or
-- the start link followed again all meet this index.
CREATE UNIQUE INDEX dossiers_one_draft ON dossiers (user_id, procedure_slug, draft_slot) WHERE state = 'brouillon';
CREATE INDEX dossiers_user ON dossiers (user_id, updated_at);
CREATE INDEX dossiers_decided ON dossiers (procedure_slug, decided_at);
CREATE INDEX dossiers_expiry ON dossiers (expires_at) WHERE state = 'brouillon';

-- The timeline: every change of state, message and correction, attributed.
CREATE TABLE dossier_events (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, at);

CREATE TABLE dossier_messages (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    from_staff BOOLEAN NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX dossier_messages_dossier ON dossier_messages (dossier_id, at);

-- Files are stored under DATA/files by a random name; the row says whose
-- dossier (and which field or message) they belong to.
CREATE TABLE dossier_files (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    field TEXT NOT NULL DEFAULT '',
    message_id INTEGER REFERENCES dossier_messages (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    uploaded_at TIMESTAMP NOT NULL,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id);

CREATE TABLE dossier_corrections (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    requested_at TIMESTAMP NOT NULL,
    requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    fields TEXT NOT NULL,
    message TEXT NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX dossier_corrections_dossier ON dossier_corrections (dossier_id);
