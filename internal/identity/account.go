package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// NewUser describes an account to create. Role defaults to citizen, which
// needs no organisation; a staff role needs OrgSlug, the organisation where
// it is held.
type NewUser struct {
	Email    string
	Name     string
	Password string
	// PasswordHash, instead of Password, gives an argon2id hash made
	// beforehand with HashPassword's parameters (CheckPasswordHash): for
	// accounts imported from another system, and for the demo accounts,
	// whose hashing would be most of the demo's start. CreateUser only;
	// SignUp hashes the password it is given.
	PasswordHash string
	Role         Role
	OrgSlug      string
	// Next is where SignUp's confirmation link leads the person back to
	// once their address is confirmed and they signed in: a path on this
	// site (a procedure being started); anything else is dropped.
	Next string
}

// CreateUser creates an account with a password (or a password hash) and,
// for staff, its first membership. The e-mail address is stored lower-case.
// It returns errs.Invalid with a French message for a bad address, a
// password shorter than MinPasswordLength, a hash that CheckPasswordHash
// refuses, both a password and a hash, or a role that does not fit the
// organisation, and errs.Conflict when the address already has an account.
func (s *Service) CreateUser(ctx context.Context, nu NewUser) (*User, error) {
	email, err := checkEmail(nu.Email)
	if err != nil {
		return nil, err
	}
	name, err := checkName(nu.Name)
	if err != nil {
		return nil, err
	}
	if err := checkNewPassword(nu); err != nil {
		return nil, err
	}
	role := nu.Role
	if role == "" {
		role = RoleCitizen
	}
	var org *Organisation
	if role == RoleCitizen {
		if strings.TrimSpace(nu.OrgSlug) != "" {
			return nil, errs.InvalidField("org", "Un usager n'appartient à aucune organisation. Choisissez un autre rôle ou retirez l'organisation.")
		}
	} else if org, err = s.orgForRole(ctx, nu.OrgSlug, role); err != nil {
		return nil, err
	}
	hash := nu.PasswordHash
	if hash == "" {
		if hash, err = HashPassword(nu.Password); err != nil {
			return nil, err
		}
	}
	var id int64
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		// The address is taken on trust from the administrator or the
		// operator who creates the account.
		id, err = s.insertUser(ctx, tx, email, name, hash, true)
		if err != nil {
			return err
		}
		if org != nil {
			return s.grant(ctx, tx, id, org, role)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.UserByID(ctx, id)
}

// checkNewPassword checks the password of an account to create: the policy
// for a password, the parameters for a hash, never both.
func checkNewPassword(nu NewUser) error {
	if nu.PasswordHash == "" {
		return checkPasswordPolicy(nu.Password)
	}
	if nu.Password != "" {
		return errs.InvalidField("password", "Donnez un mot de passe ou son empreinte, pas les deux.")
	}
	return CheckPasswordHash(nu.PasswordHash)
}

// CreateUserAs is CreateUser on behalf of actor, who must be allowed to
// create accounts in the organisation of nu (User.MayCreateIn): an
// organisation's administrator creates staff of that organisation only,
// and a citizen account only a platform administrator. It returns
// errs.Forbidden otherwise.
func (s *Service) CreateUserAs(ctx context.Context, actor *User, nu NewUser) (*User, error) {
	if actor == nil || (!actor.IsPlatformAdmin() && (nu.Role == RoleCitizen || nu.Role == "" || !actor.MayCreateIn(nu.OrgSlug))) {
		return nil, errs.E(errs.Forbidden, "Vous ne pouvez créer des comptes que dans votre organisation. Pour une autre organisation, demandez à l'équipe de la plateforme.")
	}
	return s.CreateUser(ctx, nu)
}

const insertUser = `INSERT INTO users (email, name, password_hash, created_at, email_verified_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`

// insertUser stores a new account (hash may be empty: no password), its
// address verified or not, and logs its creation.
func (s *Service) insertUser(ctx context.Context, tx database.Querier, email, name, hash string, verified bool) (int64, error) {
	var id int64
	now := s.now()
	err := tx.QueryRowContext(ctx, insertUser, email, name, sql.NullString{String: hash, Valid: hash != ""}, now,
		sql.NullTime{Time: now, Valid: verified}).Scan(&id)
	if database.IsUniqueViolation(err) {
		return 0, errs.E(errs.Conflict, "Un compte existe déjà avec cette adresse e-mail. Connectez-vous, ou demandez un nouveau mot de passe si vous l'avez oublié.")
	}
	if err != nil {
		return 0, fmt.Errorf("create user: %w", err)
	}
	return id, s.Audit(ctx, tx, Event{Event: EventAccountCreated, UserID: id})
}

// truncateName keeps the first 200 characters of a name given by a provider.
func truncateName(name string) string {
	r := []rune(strings.TrimSpace(cleanText(name)))
	return string(r[:min(len(r), 200)])
}

func checkName(name string) (string, error) {
	name = strings.TrimSpace(cleanText(name))
	if utf8.RuneCountInString(name) > 200 {
		return "", errs.InvalidField("name", "Indiquez un nom de 200 caractères au plus.")
	}
	return name, nil
}

// orgForRole finds the organisation where a staff role is to be held and
// checks that the role fits its kind.
func (s *Service) orgForRole(ctx context.Context, slug string, r Role) (*Organisation, error) {
	if !r.Valid() || r == RoleCitizen {
		return nil, errs.InvalidField("role", "Choisissez un rôle dans la liste.")
	}
	if strings.TrimSpace(slug) == "" {
		return nil, errs.InvalidField("org", fmt.Sprintf("Le rôle « %s » s'exerce dans une organisation : choisissez-la.", RoleLabel(r)))
	}
	org, err := s.OrganisationBySlug(ctx, slug)
	if errs.Is(err, errs.NotFound) {
		return nil, errs.InvalidField("org", "Cette organisation n'existe pas. Choisissez-la dans la liste.")
	}
	if err != nil {
		return nil, err
	}
	if !r.allowedIn(org.Kind) {
		want := "une administration"
		if org.Kind == KindAdministration {
			want = "une structure d'aide"
		}
		return nil, errs.InvalidField("org", fmt.Sprintf("Le rôle « %s » s'exerce dans %s, et %s n'en est pas une. Choisissez une autre organisation.",
			RoleLabel(r), want, org.Name))
	}
	return org, nil
}

const insertMembership = `INSERT INTO memberships (user_id, org_id, role) VALUES ($1, $2, $3)
ON CONFLICT (user_id, org_id, role) DO NOTHING`

// grant adds a membership, logging it only when it is new.
func (s *Service) grant(ctx context.Context, tx database.Querier, userID int64, org *Organisation, r Role) error {
	res, err := tx.ExecContext(ctx, insertMembership, userID, org.ID, string(r))
	if err != nil {
		return fmt.Errorf("grant %s in %s to user %d: %w", r, org.Slug, userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return s.Audit(ctx, tx, Event{Event: EventRoleGranted, UserID: userID, Detail: string(r) + "@" + org.Slug})
}

// AddMembership gives user userID the staff role r in the organisation
// orgSlug. Granting a role already held does nothing. It returns
// errs.Invalid when the role does not fit the organisation and
// errs.NotFound when the user does not exist.
func (s *Service) AddMembership(ctx context.Context, userID int64, orgSlug string, r Role) error {
	org, err := s.orgForRole(ctx, orgSlug, r)
	if err != nil {
		return err
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := userExists(ctx, tx, userID); err != nil {
			return err
		}
		return s.grant(ctx, tx, userID, org, r)
	})
}

// userExistsSQL counts the users with an id, 0 or 1.
const userExistsSQL = `SELECT COUNT(*) FROM users WHERE id = $1`

func userExists(ctx context.Context, q database.Querier, userID int64) error {
	var n int
	if err := q.QueryRowContext(ctx, userExistsSQL, userID).Scan(&n); err != nil {
		return fmt.Errorf("find user %d: %w", userID, err)
	}
	if n == 0 {
		return errs.E(errs.NotFound, "Ce compte n'existe pas.")
	}
	return nil
}

// setPasswordSQL replaces a user's password hash.
const setPasswordSQL = `UPDATE users SET password_hash = $1 WHERE id = $2`

// SetPassword replaces the password of user userID after checking the
// policy. Other sessions stay open: call DeleteOtherSessions to end them.
func (s *Service) SetPassword(ctx context.Context, userID int64, password string) error {
	if err := checkPasswordPolicy(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, setPasswordSQL, hash, userID)
		if err != nil {
			return fmt.Errorf("set password of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "Ce compte n'existe pas.")
		}
		return s.Audit(ctx, tx, Event{Event: EventPasswordChanged, UserID: userID, ActorID: userID})
	})
}
