package identity

import (
	"context"
	"fmt"
)

// Member is one role held by one account in an organisation.
type Member struct {
	UserID      int64
	Email, Name string
	Role        Role
}

// Members lists who holds which role in the organisation, by name.
func (s *Service) Members(ctx context.Context, orgID int64) ([]Member, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT u.id, u.email, u.name, m.role
		FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = $1 ORDER BY u.name, u.email, m.role`, orgID)
	if err != nil {
		return nil, fmt.Errorf("members of organisation %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.UserID, &m.Email, &m.Name, &m.Role); err != nil {
			return nil, fmt.Errorf("members of organisation %d: %w", orgID, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
