-- The agents' queue filtered on the dossiers waiting for a correction
-- reads the open corrections first, then their dossiers, instead of
-- walking the organisation's dossiers to find the few that have one: an
-- index of the open corrections alone, as small as their number. Expand
-- only: the previous release ignores it, and the new one reads the same
-- rows without it, only slower.
CREATE INDEX dossier_corrections_open ON dossier_corrections (dossier_id) WHERE closed_at IS NULL;
