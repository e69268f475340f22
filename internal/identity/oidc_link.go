package identity

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// linkRequestTTL is how long a person has to confirm a link with their
// password after the provider's sign-in.
const linkRequestTTL = 15 * time.Minute

var errLinkExpired = errs.E(errs.Invalid, "La demande de rattachement a expiré. Recommencez depuis la page de connexion.")

// insertLinkRequestSQL keeps the claims of a provider identity waiting for the account's password.
const insertLinkRequestSQL = `INSERT INTO oidc_link_requests (token_hash, user_id, claims, created_at, expires_at)
	VALUES ($1, $2, $3, $4, $5)`

// createLinkRequest keeps the provider's claims, sealed, until the person
// confirms the link with the account's password, and returns the token
// that names the request.
func (s *Service) createLinkRequest(ctx context.Context, tx database.Querier, userID int64, c Claims) (string, error) {
	c.IDToken = "" // the session keeps the ID token, not the request
	b, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	token, now := newToken(), s.now()
	if _, err := tx.ExecContext(ctx, insertLinkRequestSQL, hashToken(token), userID, s.box.Seal(b), now, now.Add(linkRequestTTL)); err != nil {
		return "", fmt.Errorf("create link request: %w", err)
	}
	return token, nil
}

// pendingLinkSQL reads the address and expiry of a waiting link request.
const pendingLinkSQL = `SELECT u.email, r.expires_at FROM oidc_link_requests r JOIN users u ON u.id = r.user_id
	WHERE r.token_hash = $1`

// PendingLink returns the address of the account a link request is for.
func (s *Service) PendingLink(ctx context.Context, token string) (email string, err error) {
	var expires time.Time
	err = s.db.QueryRowContext(ctx, pendingLinkSQL, hashToken(token)).Scan(&email, &expires)
	if database.IsNoRows(err) || (err == nil && !s.now().Before(utc(expires))) {
		return "", errLinkExpired
	}
	if err != nil {
		return "", fmt.Errorf("read link request: %w", err)
	}
	return email, nil
}

// takeLinkRequestSQL consumes a link request, so that it serves once.
const takeLinkRequestSQL = `DELETE FROM oidc_link_requests WHERE token_hash = $1 RETURNING user_id, claims`

// LinkWithPassword confirms a link request with the password of its
// account, typed from ip (throttled as any sign-in), then links the
// provider's identity to the account, writes it to the audit log and
// returns the account. The request works once.
func (s *Service) LinkWithPassword(ctx context.Context, token, password, ip string) (*User, error) {
	email, err := s.PendingLink(ctx, token)
	if err != nil {
		return nil, err
	}
	u, err := s.Authenticate(ctx, email, password, ip)
	if err != nil {
		return nil, err
	}
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		var userID int64
		var sealed string
		err := tx.QueryRowContext(ctx, takeLinkRequestSQL,
			hashToken(token)).Scan(&userID, &sealed)
		if database.IsNoRows(err) {
			return errLinkExpired // used meanwhile by another request
		}
		if err != nil {
			return fmt.Errorf("use link request: %w", err)
		}
		if userID != u.ID {
			return errLinkExpired
		}
		var c Claims
		plain, err := s.box.Open(sealed)
		if err == nil {
			err = json.Unmarshal(plain, &c)
		}
		if err != nil {
			return fmt.Errorf("read link request: %w", err)
		}
		if c.Profile == "proconnect" {
			org, role, err := s.orgBySIRET(ctx, tx, c.SIRET)
			if err != nil {
				return err
			}
			if err := s.grant(ctx, tx, u.ID, org, role); err != nil {
				return err
			}
		}
		return s.linkIdentity(ctx, tx, u.ID, c, "confirmé par le mot de passe du compte")
	})
	if err != nil {
		return nil, err
	}
	return s.UserByID(ctx, u.ID)
}

// orgBySIRETSQL finds the organisation that ProConnect names by its SIRET.
const orgBySIRETSQL = `SELECT id, slug, name, kind, proconnect_role FROM organisations WHERE siret = $1`

// orgBySIRET finds the organisation of a ProConnect agent and the role
// the platform administrator set for its agents.
func (s *Service) orgBySIRET(ctx context.Context, q database.Querier, siret string) (*Organisation, Role, error) {
	var o Organisation
	var kind, role string
	err := q.QueryRowContext(ctx, orgBySIRETSQL, siret).
		Scan(&o.ID, &o.Slug, &o.Name, &kind, &role)
	if siret == "" || database.IsNoRows(err) || (err == nil && role == "") {
		return nil, "", errs.E(errs.Forbidden, "Votre organisation n'utilise pas encore Guichet avec ProConnect. Demandez à l'administrateur de Guichet de l'ajouter, ou connectez-vous avec votre adresse e-mail et votre mot de passe.")
	}
	if err != nil {
		return nil, "", fmt.Errorf("find organisation by siret: %w", err)
	}
	o.Kind = OrgKind(kind)
	return &o, Role(role), nil
}

// setProConnectSQL records the SIRET and ProConnect role of an organisation.
const setProConnectSQL = `UPDATE organisations SET siret = $1, proconnect_role = $2 WHERE id = $3`

// SetProConnect sets the SIRET of the organisation orgSlug and the role
// its agents get when they first sign in with ProConnect (RoleCitizen: none).
// It returns errs.Invalid for a SIRET that is not 14 digits or a role that
// does not fit the organisation, errs.Conflict when another organisation
// has that SIRET.
func (s *Service) SetProConnect(ctx context.Context, actorID int64, orgSlug, siret string, r Role) error {
	if !validSIRET(siret) {
		return errs.InvalidField("siret", "Indiquez un numéro SIRET de 14 chiffres.")
	}
	org, err := s.orgForRole(ctx, orgSlug, r)
	if r == RoleCitizen {
		org, err = s.OrganisationBySlug(ctx, orgSlug)
	}
	if err != nil {
		return err
	}
	role := string(r)
	if r == RoleCitizen {
		role = ""
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, setProConnectSQL, siret, role, org.ID)
		if database.IsUniqueViolation(err) {
			return errs.InvalidField("siret", "Une autre organisation a déjà ce numéro SIRET.")
		}
		if err != nil {
			return fmt.Errorf("set proconnect of %s: %w", orgSlug, err)
		}
		return s.Audit(ctx, tx, Event{Event: EventProConnectSet, ActorID: actorID, Detail: orgSlug + " " + siret + " " + role})
	})
}

// clearProConnectSQL forgets the SIRET of an organisation that has this one.
const clearProConnectSQL = `UPDATE organisations SET siret = NULL, proconnect_role = '' WHERE siret = $1`

// ClearProConnect stops agents whose ProConnect identity carries siret from
// signing in to the organisation that has it, for instance when demo data
// must not outlive the demo. It reports whether an organisation had it.
func (s *Service) ClearProConnect(ctx context.Context, actorID int64, siret string) (bool, error) {
	var cleared bool
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, clearProConnectSQL, siret)
		if err != nil {
			return fmt.Errorf("clear proconnect of %s: %w", siret, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		cleared = true
		return s.Audit(ctx, tx, Event{Event: EventProConnectSet, ActorID: actorID, Detail: siret + " retiré"})
	})
	return cleared, err
}

func validSIRET(v string) bool {
	if len(v) != 14 {
		return false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
