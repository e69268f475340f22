package rights

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/audit"
	"guichet/internal/consent"
)

// The consent of accès aux droits, as the register records it: Guichet
// itself uses the person's profile and kept answers, for one purpose.
const (
	Party        = "guichet"
	PartyName    = "Guichet"
	Category     = "profil-et-reponses"
	CategoryName = "profil et réponses gardées de « Mes droits »"
	Purpose      = "chercher des aides auxquelles vous avez peut-être droit"
)

// Allowed tells whether the person's consent to look for aid is in force.
func (s *Service) Allowed(ctx context.Context, userID int64) (bool, error) {
	return s.opts.Consent.Allows(ctx, userID, Party, Category, Purpose)
}

// Allow records the person's consent and evaluates their suggestions at
// once, in the same transaction, so that the page they come back to shows
// them.
func (s *Service) Allow(ctx context.Context, userID int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := s.opts.Consent.Give(ctx, userID, consent.Grant{Party: Party, PartyName: PartyName,
			Category: Category, CategoryName: CategoryName, Purpose: Purpose, LegalBasis: consent.BasisConsent}); err != nil {
			return err
		}
		_, err := s.evaluate(ctx, tx, userID)
		return err
	})
}

const deleteSuggestionsSQL = `DELETE FROM rights_suggestions WHERE user_id = $1`

// Withdraw revokes one of the person's consents (any purpose, as the
// register's page lists them all) and, when no consent to look for aid
// remains, deletes their suggestions in the same transaction: they are
// gone the moment the withdrawal is. Jobs still queued for them find no
// consent and do nothing.
func (s *Service) Withdraw(ctx context.Context, userID, consentID int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := s.opts.Consent.Withdraw(ctx, userID, consentID); err != nil {
			return err
		}
		ok, err := s.Allowed(ctx, userID)
		if err != nil || ok {
			return err
		}
		return s.forget(ctx, tx, userID)
	})
}

// WithdrawAll revokes the person's consent to look for aid, whichever
// record holds it, and deletes their suggestions.
func (s *Service) WithdrawAll(ctx context.Context, userID int64) error {
	list, err := s.opts.Consent.OfPerson(ctx, userID)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, c := range list {
			if c.Active() && c.Party == Party && c.Category == Category && c.Purpose == Purpose {
				if err := s.opts.Consent.Withdraw(ctx, userID, c.ID); err != nil {
					return err
				}
			}
		}
		return s.forget(ctx, tx, userID)
	})
}

// forget deletes the person's suggestions, with an audit line.
func (s *Service) forget(ctx context.Context, tx *sql.Tx, userID int64) error {
	res, err := tx.ExecContext(ctx, deleteSuggestionsSQL, userID)
	if err != nil {
		return fmt.Errorf("delete suggestions of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return s.audit.Write(ctx, tx, audit.Entry{Event: "rights_suggestions_deleted", UserID: userID, ActorID: userID,
		Detail: fmt.Sprintf("%d suggestions supprimées avec le consentement", n)})
}
