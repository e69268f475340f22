-- Sign-in with FranceConnect, FranceConnect+ and ProConnect (issue 18).

-- The identity a provider vouches for, kept with the account it signs in:
-- its profile, the identity pivot (names, birth, gender) sealed as JSON and
-- the date the provider last gave it.
ALTER TABLE oidc_identities ADD COLUMN profile TEXT NOT NULL DEFAULT '';
ALTER TABLE oidc_identities ADD COLUMN pivot TEXT NOT NULL DEFAULT '';
ALTER TABLE oidc_identities ADD COLUMN pivot_at TIMESTAMP;

-- A session opened by a provider keeps its sealed ID token, the hint its
-- end-session endpoint asks for at sign-out.
ALTER TABLE sessions ADD COLUMN oidc_issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN oidc_id_token TEXT NOT NULL DEFAULT '';

-- ProConnect: an agent's organisation is found by its SIRET, and the
-- platform administrator says which role signing in through it brings
-- (empty: none, the agent is refused).
ALTER TABLE organisations ADD COLUMN siret TEXT;
ALTER TABLE organisations ADD COLUMN proconnect_role TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX organisations_siret ON organisations (siret) WHERE siret IS NOT NULL;

-- A provider's identity whose address is already an account's waits here
-- until the person proves the account is theirs (its password).
CREATE TABLE oidc_link_requests (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    claims TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
