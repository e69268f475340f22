-- Observatoire: the indicators of every procedure per edition (a calendar
-- quarter, "2026-T4"). The current edition's rows are rewritten by a
-- refresh every minute, so that pages read them and never recompute; an
-- edition is frozen (frozen_at) once its quarter has ended and its last
-- computation is stored.
CREATE TABLE observatory_editions (
    edition TEXT PRIMARY KEY,
    computed_at TIMESTAMP NOT NULL,
    frozen_at TIMESTAMP
);

-- One indicator of one procedure in one edition. num holds marks (/10),
-- shares (percent) and durations; word holds oui/non answers. answers is
-- how many answers or dossiers the value rests on; source says how it was
-- obtained, in French.
CREATE TABLE observatory_values (
    edition TEXT NOT NULL REFERENCES observatory_editions (edition) ON DELETE CASCADE,
    procedure_slug TEXT NOT NULL,
    indicator TEXT NOT NULL,
    num REAL,
    word TEXT,
    colour TEXT,
    answers INTEGER NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (edition, procedure_slug, indicator)
);

-- What a procedure's owner declares for an edition, where Guichet cannot
-- know: the RGAA compliance rate with the date of its audit, and how many
-- requests came through other channels (paper, counter, phone) in the
-- quarter.
CREATE TABLE observatory_declarations (
    procedure_slug TEXT NOT NULL,
    edition TEXT NOT NULL,
    rgaa_rate REAL,
    rgaa_audited_on TEXT,
    other_channels INTEGER,
    declared_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    declared_at TIMESTAMP NOT NULL,
    PRIMARY KEY (procedure_slug, edition)
);

-- Alerts on a procedure: one row per cause raised (an indicator turned
-- red, a sudden change between two weeks, help hard to reach, silence),
-- cleared when the cause ends. A cause is raised again only after it was
-- cleared.
CREATE TABLE observatory_alerts (
    id INTEGER PRIMARY KEY,
    procedure_slug TEXT NOT NULL,
    cause TEXT NOT NULL,
    detail TEXT NOT NULL,
    raised_at TIMESTAMP NOT NULL,
    cleared_at TIMESTAMP
);
CREATE INDEX observatory_alerts_open ON observatory_alerts (procedure_slug, cause, cleared_at);
