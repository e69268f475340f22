-- Écoute: experiences people tell of a procedure, moderated by the staff
-- of its organisation before they are published, and the administration's
-- public replies. The text is stored masked (no phone, e-mail, IBAN or
-- long number); the author's e-mail, when they leave one to hear of the
-- moderation, is kept sealed and only to write to them.
CREATE TABLE listening_experiences (
    id INTEGER PRIMARY KEY,
    procedure_slug TEXT NOT NULL,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    author_name TEXT NOT NULL DEFAULT '',
    author_email_sealed TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('en_attente', 'publiee', 'refusee')),
    refusal_reason TEXT NOT NULL DEFAULT '',
    moderated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    moderated_at TIMESTAMP,
    first_reply_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_experiences_procedure ON listening_experiences (procedure_slug, status, created_at);
CREATE INDEX listening_experiences_org ON listening_experiences (org_id, status, created_at);

-- The administration's public replies to a published experience.
CREATE TABLE listening_replies (
    id INTEGER PRIMARY KEY,
    experience_id INTEGER NOT NULL REFERENCES listening_experiences (id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_replies_experience ON listening_replies (experience_id, created_at);

-- The agents' suggestion box: an agent suggests an improvement for a
-- procedure (owner_org_id its organisation) or for the service (no
-- procedure, answered by the platform's administrators). Staff only, never
-- public; the author is named among staff.
CREATE TABLE listening_suggestions (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    procedure_slug TEXT NOT NULL DEFAULT '',
    owner_org_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ouverte', 'a_l_etude', 'retenue', 'non_retenue', 'en_action')),
    answer TEXT NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_suggestions_created ON listening_suggestions (created_at);

-- One vote per colleague and suggestion, whatever their organisation.
CREATE TABLE listening_suggestion_votes (
    suggestion_id INTEGER NOT NULL REFERENCES listening_suggestions (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (suggestion_id, user_id)
);

CREATE TABLE listening_suggestion_comments (
    id INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES listening_suggestions (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_suggestion_comments_suggestion ON listening_suggestion_comments (suggestion_id, created_at);
