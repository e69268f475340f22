package identity

import (
	"context"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/errs"
)

const selectUser = `SELECT id, email, name,
	COALESCE(password_hash, '') <> '', totp_confirmed_at IS NOT NULL, created_at
FROM users`

// UserByID returns the account with that id and its memberships, or
// errs.NotFound.
func (s *Service) UserByID(ctx context.Context, id int64) (*User, error) {
	return s.user(ctx, s.db, selectUser+` WHERE id = $1`, id)
}

// UserByEmail returns the account with that address (any capitals), or
// errs.NotFound.
func (s *Service) UserByEmail(ctx context.Context, email string) (*User, error) {
	return s.user(ctx, s.db, selectUser+` WHERE email = $1`, normaliseEmail(email))
}

func (s *Service) user(ctx context.Context, q database.Querier, query string, arg any) (*User, error) {
	var u User
	err := q.QueryRowContext(ctx, query, arg).Scan(&u.ID, &u.Email, &u.Name, &u.HasPassword, &u.TOTPEnabled, &u.CreatedAt)
	if database.IsNoRows(err) {
		return nil, errs.Wrap(errs.NotFound, "Ce compte n'existe pas.", err)
	}
	if err != nil {
		return nil, fmt.Errorf("read user %v: %w", arg, err)
	}
	u.CreatedAt = utc(u.CreatedAt)
	if u.Memberships, err = memberships(ctx, q, u.ID); err != nil {
		return nil, err
	}
	return &u, nil
}

const selectMemberships = `SELECT m.org_id, o.slug, o.name, m.role, o.platform
FROM memberships m JOIN organisations o ON o.id = m.org_id
WHERE m.user_id = $1 ORDER BY o.name, o.id, m.role`

func memberships(ctx context.Context, q database.Querier, userID int64) ([]Membership, error) {
	rows, err := q.QueryContext(ctx, selectMemberships, userID)
	if err != nil {
		return nil, fmt.Errorf("read memberships of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		if err := rows.Scan(&m.OrgID, &m.OrgSlug, &m.OrgName, &m.Role, &m.Platform); err != nil {
			return nil, fmt.Errorf("read memberships of user %d: %w", userID, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read memberships of user %d: %w", userID, err)
	}
	return out, nil
}
