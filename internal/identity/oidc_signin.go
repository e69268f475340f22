package identity

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// OIDCSignIn is the outcome of a provider's sign-in: the account, or, when
// an account already has the address the provider gave, a pending link the
// person confirms with that account's password (LinkWithPassword).
type OIDCSignIn struct {
	User      *User
	LinkToken string // set instead of User
	LinkEmail string // the address of the account to confirm
}

// Pivot is the identity a provider vouches for, shown read-only on the
// person's account page as « transmis par <provider> le <date> ».
type Pivot struct {
	Profile           string    `json:"profile"`
	GivenName         string    `json:"given_name,omitempty"`
	FamilyName        string    `json:"family_name,omitempty"`
	UsualName         string    `json:"usual_name,omitempty"`
	PreferredUsername string    `json:"preferred_username,omitempty"`
	Birthdate         string    `json:"birthdate,omitempty"`
	Birthplace        string    `json:"birthplace,omitempty"`
	Birthcountry      string    `json:"birthcountry,omitempty"`
	Gender            string    `json:"gender,omitempty"`
	SIRET             string    `json:"siret,omitempty"`
	OrganizationLabel string    `json:"organization_label,omitempty"`
	At                time.Time `json:"-"` // when the provider last gave it
}

func pivotOf(c Claims) Pivot {
	return Pivot{Profile: c.Profile, GivenName: c.GivenName, FamilyName: c.FamilyName, UsualName: c.UsualName,
		PreferredUsername: c.PreferredUsername, Birthdate: c.Birthdate, Birthplace: c.Birthplace,
		Birthcountry: c.Birthcountry, Gender: c.Gender, SIRET: c.SIRET, OrganizationLabel: c.OrganizationLabel}
}

// identityUserSQL finds the account a provider identity is linked to.
const identityUserSQL = `SELECT user_id FROM oidc_identities WHERE issuer = $1 AND subject = $2`

// SignInWithOIDC returns the account linked to the provider's (issuer,
// subject) pair, never found by e-mail. On a first visit it creates an
// account, unless one already has the provider's address: the person must
// then confirm with its password that it is theirs (OIDCSignIn.LinkToken).
// A ProConnect agent's account gets the role its organisation (by SIRET)
// brings. It returns errs.Conflict when an account with that address
// cannot be linked, errs.Forbidden for an agent whose organisation is not
// set up, and errs.Invalid when the provider gave no usable address.
func (s *Service) SignInWithOIDC(ctx context.Context, c Claims) (OIDCSignIn, error) {
	if c.Issuer == "" || c.Subject == "" {
		return OIDCSignIn{}, errors.New("sign in with openid connect: claims without issuer or subject")
	}
	var out OIDCSignIn
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, identityUserSQL,
			c.Issuer, c.Subject).Scan(&id)
		switch {
		case database.IsNoRows(err):
			if id, out, err = s.firstOIDCSignIn(ctx, tx, c); err != nil || out.LinkToken != "" {
				return err
			}
		case err != nil:
			return fmt.Errorf("find openid connect identity: %w", err)
		default:
			if err := s.storePivot(ctx, tx, c); err != nil {
				return err
			}
		}
		var disabled bool
		if err := tx.QueryRowContext(ctx, userDisabledSQL, id).Scan(&disabled); err != nil {
			return fmt.Errorf("read user %d: %w", id, err)
		}
		if disabled {
			return errs.E(errs.Forbidden, "Ce compte est désactivé. Pour le rouvrir, écrivez à l'équipe du site.")
		}
		return s.Audit(ctx, tx, Event{Event: EventSignIn, UserID: id, Detail: "openid connect " + c.Profile})
	})
	if err != nil || out.LinkToken != "" {
		return out, err
	}
	out.User, err = s.UserByID(ctx, id)
	return out, err
}

// accountForOIDCSQL reads what a first provider sign-in must know of an address's account.
const accountForOIDCSQL = `SELECT u.id, u.password_hash IS NOT NULL, (SELECT COUNT(*) FROM memberships m WHERE m.user_id = u.id),
	(SELECT COUNT(*) FROM oidc_identities o WHERE o.user_id = u.id), u.email_verified_at IS NOT NULL
	FROM users u WHERE u.email = $1`

// firstOIDCSignIn creates the account of a first visit, or a link request
// when an account has the address already.
func (s *Service) firstOIDCSignIn(ctx context.Context, tx database.Querier, c Claims) (int64, OIDCSignIn, error) {
	email, err := checkEmail(c.Email)
	if err != nil {
		return 0, OIDCSignIn{}, errs.E(errs.Invalid, "Le fournisseur d'identité ne nous a pas transmis d'adresse e-mail valide. Créez plutôt un compte avec votre adresse e-mail.")
	}
	var org *Organisation
	var role Role
	if c.Profile == "proconnect" {
		if org, role, err = s.orgBySIRET(ctx, tx, c.SIRET); err != nil {
			return 0, OIDCSignIn{}, err
		}
	}
	var id int64
	var staff, linked int
	var hasPassword, verified bool
	err = tx.QueryRowContext(ctx, accountForOIDCSQL, email).Scan(&id, &hasPassword, &staff, &linked, &verified)
	switch {
	case database.IsNoRows(err):
		if id, err = s.insertUser(ctx, tx, email, truncateName(c.Name), "", c.EmailVerified); err != nil {
			return 0, OIDCSignIn{}, err
		}
	case err != nil:
		return 0, OIDCSignIn{}, fmt.Errorf("find account for openid connect: %w", err)
	case staff > 0 && org == nil:
		return 0, OIDCSignIn{}, errs.E(errs.Conflict, "Un compte professionnel existe déjà avec cette adresse e-mail. Connectez-vous avec votre adresse e-mail, votre mot de passe et votre code de double authentification.")
	case !verified && (!c.EmailVerified || linked > 0 || staff > 0):
		return 0, OIDCSignIn{}, errs.E(errs.Conflict, "Un compte attend la confirmation de cette adresse e-mail. Ouvrez le lien reçu par e-mail, ou choisissez un nouveau mot de passe avec « Mot de passe oublié ».")
	case !verified:
		// Nobody proved this address, and the provider did: anybody could
		// have signed up with somebody else's address and a password of
		// their own. The account holds nothing (it cannot sign in), so it
		// is replaced, with that password, and never linked.
		if id, err = s.replaceUnverified(ctx, tx, id, email, truncateName(c.Name)); err != nil {
			return 0, OIDCSignIn{}, err
		}
	case !hasPassword:
		return 0, OIDCSignIn{}, errs.E(errs.Conflict, "Un compte existe déjà avec cette adresse e-mail, ouvert avec un autre fournisseur d'identité. Connectez-vous avec celui-ci.")
	default:
		token, err := s.createLinkRequest(ctx, tx, id, c)
		return 0, OIDCSignIn{LinkToken: token, LinkEmail: email}, err
	}
	if org != nil {
		if err := s.grant(ctx, tx, id, org, role); err != nil {
			return 0, OIDCSignIn{}, err
		}
	}
	return id, OIDCSignIn{}, s.linkIdentity(ctx, tx, id, c, "")
}

// insertIdentitySQL links a provider identity to an account.
const insertIdentitySQL = `INSERT INTO oidc_identities (issuer, subject, user_id, created_at, profile, pivot, pivot_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7)`

// linkIdentity records that (issuer, subject) signs in account id, with
// the identity pivot, and writes it to the audit log.
func (s *Service) linkIdentity(ctx context.Context, tx database.Querier, id int64, c Claims, how string) error {
	if _, err := tx.ExecContext(ctx, insertIdentitySQL, c.Issuer, c.Subject, id, s.now(), c.Profile, s.sealPivot(c), s.now()); err != nil {
		return fmt.Errorf("link openid connect identity: %w", err)
	}
	detail := c.Issuer
	if how != "" {
		detail += " (" + how + ")"
	}
	return s.Audit(ctx, tx, Event{Event: EventOIDCLinked, UserID: id, Detail: detail})
}

// storePivotSQL keeps the latest profile and identity pivot of a provider identity.
const storePivotSQL = `UPDATE oidc_identities SET profile = $1, pivot = $2, pivot_at = $3 WHERE issuer = $4 AND subject = $5`

// storePivot refreshes the identity pivot at each sign-in: the provider's
// is the current one.
func (s *Service) storePivot(ctx context.Context, tx database.Querier, c Claims) error {
	_, err := tx.ExecContext(ctx, storePivotSQL,
		c.Profile, s.sealPivot(c), s.now(), c.Issuer, c.Subject)
	if err != nil {
		return fmt.Errorf("store identity pivot: %w", err)
	}
	return nil
}

func (s *Service) sealPivot(c Claims) string {
	b, _ := json.Marshal(pivotOf(c))
	return s.box.Seal(b)
}

// pivotsSQL lists the identity pivots of a user, newest first.
const pivotsSQL = `SELECT pivot, pivot_at FROM oidc_identities
	WHERE user_id = $1 AND pivot <> '' ORDER BY pivot_at DESC`

// Pivots returns the identities providers vouched for about user userID,
// most recent first.
func (s *Service) Pivots(ctx context.Context, userID int64) ([]Pivot, error) {
	rows, err := s.db.QueryContext(ctx, pivotsSQL, userID)
	if err != nil {
		return nil, fmt.Errorf("read identity pivots of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Pivot
	for rows.Next() {
		var sealed string
		var at sql.NullTime
		if err := rows.Scan(&sealed, &at); err != nil {
			return nil, fmt.Errorf("read identity pivots of user %d: %w", userID, err)
		}
		plain, err := s.box.Open(sealed)
		if err != nil {
			return nil, fmt.Errorf("open identity pivot of user %d: %w", userID, err)
		}
		var p Pivot
		if err := json.Unmarshal(plain, &p); err != nil {
			return nil, fmt.Errorf("read identity pivot of user %d: %w", userID, err)
		}
		p.At = utc(at.Time)
		out = append(out, p)
	}
	return out, rows.Err()
}

// deleteUnverifiedSQL removes an account whose address nobody verified.
const deleteUnverifiedSQL = `DELETE FROM users WHERE id = $1 AND email_verified_at IS NULL`

// replaceUnverified deletes the unconfirmed account oldID, with its
// password, sessions and links, and creates a verified one for email.
func (s *Service) replaceUnverified(ctx context.Context, tx database.Querier, oldID int64, email, name string) (int64, error) {
	if _, err := tx.ExecContext(ctx, deleteUnverifiedSQL, oldID); err != nil {
		return 0, fmt.Errorf("delete unverified account %d: %w", oldID, err)
	}
	if err := s.Audit(ctx, tx, Event{Event: EventUnverifiedReplaced, UserID: oldID}); err != nil {
		return 0, err
	}
	return s.insertUser(ctx, tx, email, name, "", true)
}
