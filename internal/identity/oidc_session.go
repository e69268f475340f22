package identity

import (
	"context"
	"fmt"

	"guichet/internal/database"
)

// attachOIDCSQL keeps the provider and ID token of a session, for the sign-out at the provider.
const attachOIDCSQL = `UPDATE sessions SET oidc_issuer = $1, oidc_id_token = $2 WHERE id_hash = $3`

// sessionUserSQL reads whose session a hashed session ID is.
const sessionUserSQL = `SELECT user_id FROM sessions WHERE id_hash = $1`

// AttachOIDC records on the session of token that a provider of issuer
// opened it, with the ID token its end-session endpoint asks for at
// sign-out (sealed). When the provider proved a multi-factor sign-in
// (ProConnect's acr), the session counts as past the second factor: the
// agent is not asked for Guichet's own code.
func (s *Service) AttachOIDC(ctx context.Context, token, issuer, idToken string, multiFactor bool) error {
	id := hashToken(token)
	_, err := s.db.ExecContext(ctx, attachOIDCSQL,
		issuer, s.box.Seal([]byte(idToken)), id)
	if err != nil {
		return fmt.Errorf("attach provider to session: %w", err)
	}
	if !multiFactor {
		return nil
	}
	var userID int64
	if err := s.db.QueryRowContext(ctx, sessionUserSQL, id).Scan(&userID); err != nil {
		return fmt.Errorf("attach provider to session: %w", err)
	}
	if err := markSecondFactor(ctx, s.db, id, s.now()); err != nil {
		return err
	}
	return s.Audit(ctx, s.db, Event{Event: EventSecondFactor, UserID: userID, Detail: "multi-factor sign-in at " + issuer})
}

// sessionOIDCSQL reads the provider and ID token kept with a session.
const sessionOIDCSQL = `SELECT oidc_issuer, oidc_id_token FROM sessions WHERE id_hash = $1`

// SessionOIDC returns the provider's issuer and ID token of the session of
// token, empty when the session was not opened by a provider or is gone.
func (s *Service) SessionOIDC(ctx context.Context, token string) (issuer, idToken string, err error) {
	var sealed string
	err = s.db.QueryRowContext(ctx, sessionOIDCSQL, hashToken(token)).
		Scan(&issuer, &sealed)
	if database.IsNoRows(err) || sealed == "" {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read session provider: %w", err)
	}
	plain, err := s.box.Open(sealed)
	if err != nil {
		return "", "", fmt.Errorf("open session ID token: %w", err)
	}
	return issuer, string(plain), nil
}
