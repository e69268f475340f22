-- Accès aux droits: the aid Guichet suggests to a person who allowed it to
-- look (consent register, purpose "chercher des aides…"), one row per
-- person and procedure. A dismissed row stays, so that a new evaluation
-- does not suggest it again; every row of a person goes when they withdraw
-- their consent. followed_at is when they started the procedure from it.
CREATE TABLE rights_suggestions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    reason TEXT NOT NULL,
    unchecked TEXT NOT NULL,
    parameters_date TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    evaluated_at TIMESTAMP NOT NULL,
    dismissed_at TIMESTAMP,
    followed_at TIMESTAMP,
    UNIQUE (user_id, slug)
);

-- When a person was last told of a suggestion of an aid: at most once a
-- year per aid. It names no reason and no answer, and stays after a
-- withdrawal like the message notify kept.
CREATE TABLE rights_notices (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    notified_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, slug)
);

-- Take-up, anonymous: per month of the suggestion and aid, how many
-- suggestions were made and how many were followed by an application. No
-- person is named, so the figures outlive withdrawals.
CREATE TABLE rights_takeup (
    month TEXT NOT NULL,
    slug TEXT NOT NULL,
    suggested INTEGER NOT NULL,
    followed INTEGER NOT NULL,
    PRIMARY KEY (month, slug)
);

-- "Résultat inattendu ?": the situation a rule answered and what the
-- person says of it, without any person id, for the rule's owner to turn
-- into a reference household.
CREATE TABLE rights_feedback (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    answers TEXT NOT NULL,
    eligible TEXT NOT NULL,
    comment TEXT NOT NULL,
    evaluated_on TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX rights_feedback_slug ON rights_feedback (slug, created_at);

-- The rules and parameters last evaluated: a change of either makes a new
-- evaluation of every person who allowed it.
CREATE TABLE rights_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
