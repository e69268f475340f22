package identity

import (
	"context"
	"fmt"
)

// Member is one role held by one account in an organisation.
type Member struct {
	UserID int64
	Name   string
	Email  string
	Role   Role
}

const selectMembers = `SELECT u.id, u.name, u.email, m.role
FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.org_id = $1 ORDER BY u.name, u.email, m.role`

// Members returns the people holding a role in organisation orgID, one
// line per role, sorted by name.
func (s *Service) Members(ctx context.Context, orgID int64) ([]Member, error) {
	rows, err := s.db.QueryContext(ctx, selectMembers, orgID)
	if err != nil {
		return nil, fmt.Errorf("list members of organisation %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.UserID, &m.Name, &m.Email, &m.Role); err != nil {
			return nil, fmt.Errorf("list members of organisation %d: %w", orgID, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list members of organisation %d: %w", orgID, err)
	}
	return out, nil
}
