package database

import (
	"context"
	"errors"
	"fmt"
)

// ErrOtherKey says that the database was first opened with another secret
// key than the one this process holds.
var ErrOtherKey = errors.New("the database belongs to another secret key")

const (
	claimInstanceSQL = `INSERT INTO instance (id, key_fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`
	instanceKeySQL   = `SELECT key_fingerprint FROM instance WHERE id = 1`
)

// CheckKeyFingerprint records fingerprint as the instance's key on the
// first start, and afterwards returns ErrOtherKey when fingerprint differs
// from the recorded one. Several nodes starting at once agree: the first
// insert wins and the others compare against it.
func (db *DB) CheckKeyFingerprint(ctx context.Context, fingerprint string) error {
	if _, err := db.ExecContext(ctx, claimInstanceSQL, fingerprint); err != nil {
		return fmt.Errorf("record the key fingerprint: %w", err)
	}
	var recorded string
	if err := db.QueryRowContext(ctx, instanceKeySQL).Scan(&recorded); err != nil {
		return fmt.Errorf("read the key fingerprint: %w", err)
	}
	if recorded != fingerprint {
		return ErrOtherKey
	}
	return nil
}
