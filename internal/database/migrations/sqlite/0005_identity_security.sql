-- Identity security (issue 8): verified e-mail addresses, platform administrators.

-- An address is verified when its owner opened the link sent to it (or a
-- reset link), when an administrator created the account, or when the
-- identity provider vouched for it. Accounts from before this migration
-- keep working: they count as verified.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
UPDATE users SET email_verified_at = created_at;

CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX email_verifications_user ON email_verifications (user_id);

-- The platform's own organisation: its administrators run the whole
-- platform; other organisations' administrators only their own. The
-- organisations that already have an administrator keep the powers they had.
ALTER TABLE organisations ADD COLUMN platform BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE organisations SET platform = TRUE WHERE id IN (SELECT org_id FROM memberships WHERE role = 'admin');
