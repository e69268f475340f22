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

-- Actions: what an administration does about what it heard. An action has
-- an owner, a status, milestones, a progress (a parent's is the weighted
-- mean of its children's), the indicator of the procedure it aims to move,
-- the proposals it answers and followers told by e-mail of each change.
CREATE TABLE listening_actions (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    procedure_slug TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES listening_actions (id) ON DELETE SET NULL,
    weight INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100),
    owner_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    indicator TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('proposee', 'a_l_etude', 'en_cours', 'realisee', 'abandonnee')),
    abandon_reason TEXT NOT NULL DEFAULT '',
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_actions_org ON listening_actions (org_id, procedure_slug);

CREATE TABLE listening_milestones (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES listening_actions (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP
);
CREATE INDEX listening_milestones_action ON listening_milestones (action_id, due_at);

-- The proposals an action answers: an experience, a feedback answer, an
-- agent's suggestion, or a workshop's verbatim, by kind and id.
CREATE TABLE listening_action_sources (
    action_id INTEGER NOT NULL REFERENCES listening_actions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('experience', 'avis', 'idee', 'verbatim')),
    source_id BIGINT NOT NULL,
    PRIMARY KEY (action_id, kind, source_id)
);

-- Who is told of each status change: authors of the proposals and anyone
-- who follows by e-mail. The address is sealed; its keyed hash keeps one
-- row per address and action.
CREATE TABLE listening_action_followers (
    action_id INTEGER NOT NULL REFERENCES listening_actions (id) ON DELETE CASCADE,
    email_hash TEXT NOT NULL,
    email_sealed TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (action_id, email_hash)
);

-- Listening workshops (ateliers d'écoute) an observatory or an owner
-- records: when, where, who facilitated, and the participants' profiles as
-- counts only, never names.
CREATE TABLE listening_workshops (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    held_on TIMESTAMP NOT NULL,
    place TEXT NOT NULL,
    facilitator TEXT NOT NULL,
    participants INTEGER NOT NULL CHECK (participants BETWEEN 1 AND 500),
    disability INTEGER NOT NULL DEFAULT 0,
    illiteracy INTEGER NOT NULL DEFAULT 0,
    precarity INTEGER NOT NULL DEFAULT 0,
    far_from_digital INTEGER NOT NULL DEFAULT 0,
    age_under_25 INTEGER NOT NULL DEFAULT 0,
    age_25_64 INTEGER NOT NULL DEFAULT 0,
    age_65_plus INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_workshops_org ON listening_workshops (org_id, held_on);

-- What participants said, masked, tied to a procedure and a step.
CREATE TABLE listening_verbatims (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES listening_workshops (id) ON DELETE CASCADE,
    procedure_slug TEXT NOT NULL,
    step TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_verbatims_procedure ON listening_verbatims (procedure_slug, created_at);
