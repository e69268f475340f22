-- The agents' queue counts its dossiers state by state, up to 1,001 each
-- (backoffice.CountLimit), for one holder when the filter names one: an
-- index led by the state and the holder serves each count from its own
-- entries, and holds every column the usual filters read, so that a
-- count reads no row; with the id, a page of the queue that PostgreSQL
-- sorts is sorted from it alone. Sent dossiers only, as dossiers_sent:
-- every count names submitted_at. Expand only: the previous release
-- ignores it.
CREATE INDEX dossiers_queue_count ON dossiers (org_id, state, assigned_to, submitted_at, procedure_slug, id) WHERE submitted_at IS NOT NULL;
