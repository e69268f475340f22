package consent

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/errs"
)

// Legal bases a consent may rest on, in the words of the GDPR's article 6.
const (
	BasisConsent      = "consentement (RGPD, article 6-1-a)"
	BasisPublicTask   = "mission d'intérêt public (RGPD, article 6-1-e)"
	BasisLegalDuty    = "obligation légale (RGPD, article 6-1-c)"
	PurposePrefill    = "pré-remplir vos démarches en ligne"
	PurposePropagate  = "informer les administrations de vos changements"
	maxConsentsListed = 200
)

// Options tune a Service.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Service keeps the consent register. It is safe for concurrent use.
type Service struct {
	db    *database.DB
	clock func() time.Time
	audit *audit.Log
}

// New returns the consent service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	return s
}

func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// Consent is one record of the register.
type Consent struct {
	ID     int64
	UserID int64
	// Party is who shares: a connector's name ("caf", "dgfip").
	Party        string
	PartyName    string // in a sentence: "la CAF"
	Category     string // "quotient-familial"
	CategoryName string // "quotient familial"
	Purpose      string
	LegalBasis   string
	GrantedAt    time.Time
	RevokedAt    time.Time // zero while in force
}

// Active tells whether the consent is in force.
func (c Consent) Active() bool { return c.RevokedAt.IsZero() }

// Grant is what a person allows.
type Grant struct {
	Party, PartyName, Category, CategoryName, Purpose, LegalBasis string
}

const activeSQL = `SELECT id FROM consents WHERE user_id = $1 AND party = $2 AND category = $3 AND purpose = $4
AND revoked_at IS NULL`

const insertSQL = `INSERT INTO consents (user_id, party, party_name, category, category_name, purpose, legal_basis,
granted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`

// Give records that the person allows g. A consent already in force for
// the same party, category and purpose is kept as it is.
func (s *Service) Give(ctx context.Context, userID int64, g Grant) error {
	if userID == 0 || g.Party == "" || g.Category == "" || g.Purpose == "" || g.LegalBasis == "" {
		return errs.E(errs.Internal, "consent: who, which category, which purpose and which legal basis are required")
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, activeSQL, userID, g.Party, g.Category, g.Purpose).Scan(&id)
		if err == nil {
			return nil
		}
		if !database.IsNoRows(err) {
			return fmt.Errorf("find consent: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insertSQL, userID, g.Party, g.PartyName, g.Category, g.CategoryName, g.Purpose,
			g.LegalBasis, s.now()); err != nil {
			return fmt.Errorf("record consent: %w", err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "consent_given", UserID: userID, ActorID: userID,
			Detail: g.Party + " " + g.Category + " : " + g.Purpose})
	})
}

const revokeSQL = `UPDATE consents SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`

// Withdraw revokes one of the person's consents in force; another
// person's, or one already revoked, is not found.
func (s *Service) Withdraw(ctx context.Context, userID, id int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, revokeSQL, s.now(), id, userID)
		if err != nil {
			return fmt.Errorf("withdraw consent %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.E(errs.NotFound, "Cette autorisation n'existe pas ou est déjà retirée.")
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "consent_withdrawn", UserID: userID, ActorID: userID,
			Detail: fmt.Sprint("consent ", id)})
	})
}

// Allows tells whether a consent of the person is in force for party,
// category and purpose: the only question asked before calling a connector.
func (s *Service) Allows(ctx context.Context, userID int64, party, category, purpose string) (bool, error) {
	var id int64
	err := s.db.Querier(ctx).QueryRowContext(ctx, activeSQL, userID, party, category, purpose).Scan(&id)
	if database.IsNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("consent of user %d: %w", userID, err)
	}
	return true, nil
}

const ofPersonSQL = `SELECT id, user_id, party, party_name, category, category_name, purpose, legal_basis, granted_at,
revoked_at FROM consents WHERE user_id = $1 ORDER BY granted_at DESC, id DESC LIMIT $2`

// OfPerson returns the person's consents, in force and revoked, newest first.
func (s *Service) OfPerson(ctx context.Context, userID int64) ([]Consent, error) {
	rows, err := s.db.QueryContext(ctx, ofPersonSQL, userID, maxConsentsListed)
	if err != nil {
		return nil, fmt.Errorf("consents of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Consent
	for rows.Next() {
		var c Consent
		var revoked sql.NullTime
		if err := rows.Scan(&c.ID, &c.UserID, &c.Party, &c.PartyName, &c.Category, &c.CategoryName, &c.Purpose,
			&c.LegalBasis, &c.GrantedAt, &revoked); err != nil {
			return nil, fmt.Errorf("consents of user %d: %w", userID, err)
		}
		c.GrantedAt = c.GrantedAt.UTC()
		if revoked.Valid {
			c.RevokedAt = revoked.Time.UTC()
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
