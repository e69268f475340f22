-- Écoute, what is left of it: tutorials a procedure's owner writes
-- ("Comment faire, pas à pas"), the staff's shared library of good
-- practices ("boîte à outils"), and the double opt-in of those who follow
-- an action by e-mail without an account.

-- A tutorial of a procedure, written by its organisation's owners; shown
-- on the procedure's public page once published.
CREATE TABLE listening_tutorials (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    procedure_slug TEXT NOT NULL,
    title TEXT NOT NULL,
    published_at TIMESTAMP,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_tutorials_procedure ON listening_tutorials (procedure_slug, published_at);

-- Its ordered steps: a text, and either a picture (stored in the files
-- folder under a random name, its type told from its content, with its
-- alternative text) or a video link with its transcript.
CREATE TABLE listening_tutorial_steps (
    id INTEGER PRIMARY KEY,
    tutorial_id INTEGER NOT NULL REFERENCES listening_tutorials (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    picture_name TEXT NOT NULL DEFAULT '',
    picture_type TEXT NOT NULL DEFAULT '',
    picture_size INTEGER NOT NULL DEFAULT 0,
    picture_width INTEGER NOT NULL DEFAULT 0,
    picture_height INTEGER NOT NULL DEFAULT 0,
    alt TEXT NOT NULL DEFAULT '',
    video_url TEXT NOT NULL DEFAULT '',
    transcript TEXT NOT NULL DEFAULT '',
    CHECK (picture_name = '' OR alt <> ''),
    CHECK (video_url = '' OR transcript <> ''),
    CHECK (picture_name = '' OR video_url = '')
);
CREATE INDEX listening_tutorial_steps_tutorial ON listening_tutorial_steps (tutorial_id, position);

-- The good practices staff of every organisation share; never public.
CREATE TABLE listening_toolbox (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    procedure_slug TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_toolbox_created ON listening_toolbox (created_at);

-- A follower counts once confirmed; the token (its hash to find it, sealed
-- to write the unsubscribe link of each e-mail) confirms and unsubscribes.
-- The followers already there were authors of proposals: confirmed.
ALTER TABLE listening_action_followers ADD COLUMN confirmed_at TIMESTAMP;
ALTER TABLE listening_action_followers ADD COLUMN token_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE listening_action_followers ADD COLUMN token_sealed TEXT NOT NULL DEFAULT '';
UPDATE listening_action_followers SET confirmed_at = created_at;
CREATE INDEX listening_action_followers_token ON listening_action_followers (token_hash);
