package catalogue

import (
	"context"
	"fmt"

	"guichet/internal/database"
)

const (
	selectVersion = `SELECT version FROM catalogue_state WHERE id = 1`
	bumpVersion   = `UPDATE catalogue_state SET version = version + 1 WHERE id = 1`
)

// version reads the catalogue version, which goes up with every change the public can see.
func version(ctx context.Context, q database.Querier) (int64, error) {
	var v int64
	if err := q.QueryRowContext(ctx, selectVersion).Scan(&v); err != nil {
		return 0, fmt.Errorf("read catalogue version: %w", err)
	}
	return v, nil
}

// bump raises the catalogue version, in the transaction of the change, so that every node
// rebuilds its snapshot once the change is committed.
func bump(ctx context.Context, q database.Querier) error {
	if _, err := q.ExecContext(ctx, bumpVersion); err != nil {
		return fmt.Errorf("bump catalogue version: %w", err)
	}
	return nil
}
