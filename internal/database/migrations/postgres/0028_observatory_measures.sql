-- Disponibilité: the probe Guichet runs on itself, once a minute for the
-- whole instance (one durable job per minute, whatever the number of
-- nodes): probed_at is the minute, ok whether /readyz and a procedure's
-- page both answered, detail what failed.
CREATE TABLE observatory_probes (
    probed_at TIMESTAMPTZ PRIMARY KEY,
    ok BOOLEAN NOT NULL,
    detail TEXT NOT NULL,
    duration_ms INTEGER NOT NULL
);

-- Temps de chargement: the requests to a procedure's pages, summed per
-- procedure and day (UTC). Each node adds its minute's sums to the row, so
-- that several nodes count together.
CREATE TABLE observatory_timings (
    day TEXT NOT NULL,
    procedure_slug TEXT NOT NULL,
    requests BIGINT NOT NULL,
    total_us BIGINT NOT NULL,
    PRIMARY KEY (day, procedure_slug)
);

-- The owner's own note on an edition of their procedure, never published.
ALTER TABLE observatory_declarations ADD COLUMN note TEXT;
