-- A person's list is read by user and sorted in memory (a person has a few
-- dossiers): the index no longer holds updated_at, which every saved page
-- and every submission changes, so that those writes leave it alone.
DROP INDEX dossiers_user;
CREATE INDEX dossiers_user ON dossiers (user_id);

