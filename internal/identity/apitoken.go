package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"guichet/internal/errs"
)

// APIToken is a credential of an organisation for the JSON API, sent as
// "Authorization: Bearer TOKEN". It acts for its organisation only, never
// for a person; its secret is shown once, at creation, and only its hash is
// kept.
type APIToken struct {
	ID         int64
	Org        Organisation
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
	// ReadOnly tokens read (the dossiers of the API) and never write: a
	// write answers 403.
	ReadOnly bool
	// Observatory is set when the organisation is an observatory (one of
	// its members holds the observatory role): its tokens may act on every
	// organisation's procedures, as its members do on the pages.
	Observatory bool
}

// APITokenPrefix starts every API token, so that one pasted by mistake in a
// ticket or a repository is recognised by secret scanners.
const APITokenPrefix = "guichet_"

// The audit events of API tokens.
const (
	EventAPITokenCreated = "api_token_created"
	EventAPITokenRevoked = "api_token_revoked"
)

// APITokenSpec is what an administrator chooses for a new token.
type APITokenSpec struct {
	Name     string // says what it is for
	ReadOnly bool
}

// CreateAPIToken makes a token for the organisation orgID, named name, on
// behalf of actor, who must be allowed to administer it. It returns the
// secret, to show once.
func (s *Service) CreateAPIToken(ctx context.Context, actor *User, orgID int64, name string) (string, *APIToken, error) {
	return s.NewAPIToken(ctx, actor, orgID, APITokenSpec{Name: name})
}

// NewAPIToken is CreateAPIToken with every choice: a read-only token too.
func (s *Service) NewAPIToken(ctx context.Context, actor *User, orgID int64, spec APITokenSpec) (string, *APIToken, error) {
	org, err := s.organisation(ctx, s.db, selectOrganisation+` WHERE id = $1`, orgID)
	if err != nil {
		return "", nil, err
	}
	if actor == nil || !actor.MayCreateIn(org.Slug) {
		return "", nil, errs.E(errs.Forbidden, "Seul un administrateur de l'organisation peut créer ses jetons.")
	}
	return s.createAPIToken(ctx, actor.ID, org, spec)
}

// CreateAPITokenFromCommandLine makes a token for the organisation orgSlug
// for the operator of the instance (`guichet token create`), who has the
// database in hand; the audit log says so.
func (s *Service) CreateAPITokenFromCommandLine(ctx context.Context, orgSlug string, spec APITokenSpec) (string, *APIToken, error) {
	org, err := s.OrganisationBySlug(ctx, orgSlug)
	if err != nil {
		return "", nil, err
	}
	return s.createAPIToken(ctx, 0, org, spec)
}

const insertAPITokenSQL = `INSERT INTO api_tokens (org_id, name, secret_hash, created_by, created_at, read_only)
	VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`

func (s *Service) createAPIToken(ctx context.Context, actorID int64, org *Organisation, spec APITokenSpec) (string, *APIToken, error) {
	name := strings.TrimSpace(spec.Name)
	if name == "" || len([]rune(name)) > 80 {
		return "", nil, errs.InvalidFields("Le jeton n'a pas été créé.", []errs.FieldError{{Field: "name",
			Message: "Donnez au jeton un nom de 80 caractères au plus, qui dit à quoi il sert, par exemple « Saisie des avis papier »."}})
	}
	secret := APITokenPrefix + newToken()
	tok := &APIToken{Org: *org, Name: name, CreatedAt: s.now(), ReadOnly: spec.ReadOnly}
	by := "ligne de commande"
	if actorID != 0 {
		by = fmt.Sprintf("compte %d", actorID)
	}
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, insertAPITokenSQL, org.ID, name, hashToken(secret), nullInt(actorID), tok.CreatedAt,
			spec.ReadOnly).Scan(&tok.ID); err != nil {
			return fmt.Errorf("insert API token: %w", err)
		}
		kind := ""
		if spec.ReadOnly {
			kind = " (lecture seule)"
		}
		return s.Audit(ctx, tx, Event{Event: EventAPITokenCreated, UserID: actorID, ActorID: actorID,
			Detail: fmt.Sprintf("jeton %d « %s »%s de %s, par %s", tok.ID, name, kind, org.Slug, by)})
	})
	if err != nil {
		return "", nil, err
	}
	return secret, tok, nil
}

// nullInt stores 0 as NULL.
func nullInt(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

const selectAPITokens = `SELECT t.id, t.name, t.created_at, t.last_used_at, t.revoked_at, t.read_only,
	o.id, o.slug, o.name, o.kind,
	EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = o.id AND m.role = 'observatory')
	FROM api_tokens t JOIN organisations o ON o.id = t.org_id`

func scanAPIToken(sc interface{ Scan(...any) error }) (*APIToken, error) {
	var t APIToken
	var used, revoked sql.NullTime
	if err := sc.Scan(&t.ID, &t.Name, &t.CreatedAt, &used, &revoked, &t.ReadOnly, &t.Org.ID, &t.Org.Slug, &t.Org.Name,
		&t.Org.Kind, &t.Observatory); err != nil {
		return nil, err
	}
	t.CreatedAt = utc(t.CreatedAt)
	if used.Valid {
		u := utc(used.Time)
		t.LastUsedAt = &u
	}
	if revoked.Valid {
		r := utc(revoked.Time)
		t.RevokedAt = &r
	}
	return &t, nil
}

// APITokens lists the tokens of the organisation orgID, newest first,
// revoked ones included.
func (s *Service) APITokens(ctx context.Context, orgID int64) ([]APIToken, error) {
	rows, err := s.db.QueryContext(ctx, selectAPITokens+` WHERE t.org_id = $1 ORDER BY t.id DESC`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, fmt.Errorf("list API tokens: %w", err)
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

const revokeAPITokenSQL = `UPDATE api_tokens SET revoked_at = $1
	WHERE id = $2 AND org_id = $3 AND revoked_at IS NULL`

// RevokeAPIToken ends the token id of the organisation orgID for good.
func (s *Service) RevokeAPIToken(ctx context.Context, actor *User, orgID, id int64) error {
	org, err := s.organisation(ctx, s.db, selectOrganisation+` WHERE id = $1`, orgID)
	if err != nil {
		return err
	}
	if actor == nil || !actor.MayCreateIn(org.Slug) {
		return errs.E(errs.Forbidden, "Seul un administrateur de l'organisation peut retirer ses jetons.")
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, revokeAPITokenSQL, s.now(), id, orgID)
		if err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "Ce jeton n'existe pas ou a déjà été retiré.")
		}
		return s.Audit(ctx, tx, Event{Event: EventAPITokenRevoked, UserID: actor.ID, ActorID: actor.ID,
			Detail: fmt.Sprintf("jeton %d de %s", id, org.Slug)})
	})
}

// ErrAPITokenInvalid answers a bearer token that is unknown or revoked.
var ErrAPITokenInvalid = errs.E(errs.Unauthorized, "Ce jeton d'API n'est pas valable : il est inconnu ou a été retiré. Demandez-en un nouveau à l'administrateur de votre organisation.")

const touchAPITokenSQL = `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`

// APITokenBySecret returns the live token whose secret is secret, and notes
// when it was last used (to the minute, so that a batch of calls writes
// once).
func (s *Service) APITokenBySecret(ctx context.Context, secret string) (*APIToken, error) {
	if !strings.HasPrefix(secret, APITokenPrefix) {
		return nil, ErrAPITokenInvalid
	}
	t, err := scanAPIToken(s.db.QueryRowContext(ctx, selectAPITokens+` WHERE t.secret_hash = $1`, hashToken(secret)))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && t.RevokedAt != nil) {
		return nil, ErrAPITokenInvalid
	}
	if err != nil {
		return nil, fmt.Errorf("find API token: %w", err)
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= time.Minute {
		if _, err := s.db.ExecContext(ctx, touchAPITokenSQL, now, t.ID); err != nil {
			return nil, fmt.Errorf("note API token use: %w", err)
		}
		t.LastUsedAt = &now
	}
	return t, nil
}
