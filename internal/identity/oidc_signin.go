package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// SignInWithOIDC returns the account linked to the provider's (issuer,
// subject) pair. On a first visit it links the citizen account that has
// the same e-mail address, only when the provider says the address is
// verified and the account holds no staff role (staff sign in with their
// password and second factor), or else creates a citizen account without a
// password. It returns errs.Conflict when an account with that address
// cannot be linked, and errs.Invalid when the provider gave no usable
// address.
func (s *Service) SignInWithOIDC(ctx context.Context, c Claims) (*User, error) {
	if c.Issuer == "" || c.Subject == "" {
		return nil, errors.New("sign in with openid connect: claims without issuer or subject")
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT user_id FROM oidc_identities WHERE issuer = $1 AND subject = $2`,
			c.Issuer, c.Subject).Scan(&id)
		if database.IsNoRows(err) {
			id, err = s.linkOIDC(ctx, tx, c)
		}
		if err != nil {
			return err
		}
		var disabled bool
		if err := tx.QueryRowContext(ctx, `SELECT disabled_at IS NOT NULL FROM users WHERE id = $1`, id).Scan(&disabled); err != nil {
			return fmt.Errorf("read user %d: %w", id, err)
		}
		if disabled {
			return errs.E(errs.Forbidden, "Ce compte est désactivé. Pour le rouvrir, écrivez à l'équipe du site.")
		}
		return s.Audit(ctx, tx, Event{Event: EventSignIn, UserID: id, Detail: "openid connect"})
	})
	if err != nil {
		return nil, err
	}
	return s.UserByID(ctx, id)
}

// linkOIDC links the provider's identity to the account with the same
// address, or to a new citizen account, and returns its id.
func (s *Service) linkOIDC(ctx context.Context, tx database.Querier, c Claims) (int64, error) {
	email, err := checkEmail(c.Email)
	if err != nil {
		return 0, errs.E(errs.Invalid, "Le fournisseur d'identité ne nous a pas transmis d'adresse e-mail valide. Créez plutôt un compte avec votre adresse e-mail.")
	}
	var id int64
	var staff int
	err = tx.QueryRowContext(ctx, `SELECT u.id, (SELECT COUNT(*) FROM memberships m WHERE m.user_id = u.id)
		FROM users u WHERE u.email = $1`, email).Scan(&id, &staff)
	switch {
	case database.IsNoRows(err):
		if id, err = s.insertUser(ctx, tx, email, truncateName(c.Name), ""); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, fmt.Errorf("find account for openid connect: %w", err)
	case !c.EmailVerified || staff > 0:
		return 0, errs.E(errs.Conflict, "Un compte existe déjà avec cette adresse e-mail. Connectez-vous avec votre adresse e-mail et votre mot de passe.")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO oidc_identities (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)`,
		c.Issuer, c.Subject, id, s.now()); err != nil {
		return 0, fmt.Errorf("link openid connect identity: %w", err)
	}
	return id, s.Audit(ctx, tx, Event{Event: EventOIDCLinked, UserID: id, Detail: c.Issuer})
}
