-- Catalogue of procedures (démarches): revisions with draft and published
-- states, life events, the editable synonyms list of the search, the
-- catalogue version that tells every node to rebuild its search index, and
-- the "Mes droits" results a signed-in person chose to keep.
CREATE TABLE catalogue_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalogue_state (id, version) VALUES (1, 1);

CREATE TABLE procedures (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    org_id INTEGER NOT NULL REFERENCES organisations (id),
    latest_revision INTEGER NOT NULL,
    published_revision INTEGER,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX procedures_org ON procedures (org_id);
CREATE INDEX procedures_published ON procedures (published_revision) WHERE published_revision IS NOT NULL;

-- Each save adds a revision; content is the whole procedure as JSON, so that
-- any revision can be shown again or published. Titles and readability
-- scores are copied out for the owners' list.
CREATE TABLE procedure_revisions (
    procedure_id INTEGER NOT NULL REFERENCES procedures (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    summary_score DOUBLE PRECISION NOT NULL,
    falc_score DOUBLE PRECISION NOT NULL,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (procedure_id, number)
);

CREATE TABLE life_events (
    slug TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    position INTEGER NOT NULL
);

-- The procedures of a life event, in the order a person meets them.
CREATE TABLE life_event_steps (
    life_event TEXT NOT NULL REFERENCES life_events (slug) ON DELETE CASCADE,
    procedure_slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (life_event, procedure_slug)
);

-- Every saved version of the synonyms list; the newest is in use.
CREATE TABLE catalogue_synonyms (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

-- Answers to "Mes droits" that a signed-in person kept, sealed with the
-- instance key because they tell about health and income.
CREATE TABLE saved_simulations (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answers TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX saved_simulations_user ON saved_simulations (user_id, created_at);
