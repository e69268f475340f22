package identity

import (
	"context"
	"database/sql"
	"fmt"
)

const (
	disableUserSQL     = `UPDATE users SET disabled_at = $1 WHERE email = $2 AND disabled_at IS NULL RETURNING id`
	enableUserSQL      = `UPDATE users SET disabled_at = NULL WHERE email = $1 AND disabled_at IS NOT NULL`
	deleteUserSessions = `DELETE FROM sessions WHERE user_id = $1`
)

// DisableUser turns off the account of email and ends its sessions, so that
// nobody can sign in with it until EnableUser. It reports whether the
// account was enabled; an unknown or already disabled address changes
// nothing.
func (s *Service) DisableUser(ctx context.Context, email string) (bool, error) {
	var disabled bool
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, disableUserSQL, s.now(), normaliseEmail(email)).Scan(&id)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return fmt.Errorf("disable %s: %w", email, err)
		}
		disabled = true
		if _, err := tx.ExecContext(ctx, deleteUserSessions, id); err != nil {
			return fmt.Errorf("end the sessions of %s: %w", email, err)
		}
		return nil
	})
	return disabled, err
}

// EnableUser turns the account of email back on. It returns errs.NotFound
// when no account has the address.
func (s *Service) EnableUser(ctx context.Context, email string) error {
	if _, err := s.UserByEmail(ctx, email); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, enableUserSQL, normaliseEmail(email)); err != nil {
		return fmt.Errorf("enable %s: %w", email, err)
	}
	return nil
}
