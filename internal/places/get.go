package places

import (
	"context"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/errs"
)

var errNotFound = errs.E(errs.NotFound, "Ce lieu n'existe pas ou n'existe plus.")

// Get returns the place whose Guichet key is key, or an errs.NotFound error.
func (s *Service) Get(ctx context.Context, key int64) (*Place, error) {
	return getWhere(ctx, s.db, `id = $1`, key)
}

// GetByID returns the place a producer (source) published under id, or an
// errs.NotFound error.
func (s *Service) GetByID(ctx context.Context, source, id string) (*Place, error) {
	if !storable(source) || !storable(id) {
		return nil, errNotFound
	}
	return getWhere(ctx, s.db, `source = $1 AND ext_id = $2`, source, id)
}

// selectPlacesSQL reads places; the caller appends its condition.
const selectPlacesSQL = `SELECT ` + selectColumns + ` FROM places WHERE `

func getWhere(ctx context.Context, db database.Querier, where string, args ...any) (*Place, error) {
	p, err := scanPlace(db.QueryRowContext(ctx, selectPlacesSQL+where, args...))
	if database.IsNoRows(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get place %v: %w", args, err)
	}
	return &p, nil
}

// ListByOrg returns the places the help structure orgID has claimed, by
// town then name.
func (s *Service) ListByOrg(ctx context.Context, orgID int64) ([]Place, error) {
	return listWhere(ctx, s.db, `org_id = $1 ORDER BY commune_folded, nom, id`, orgID)
}

// getByKeys returns the places of keys, in no particular order.
func getByKeys(ctx context.Context, db database.Querier, keys []int64) ([]Place, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	return listWhere(ctx, db, `id IN (`+placeholders(1, len(keys))+`)`, args...)
}

func listWhere(ctx context.Context, db database.Querier, where string, args ...any) ([]Place, error) {
	rows, err := db.QueryContext(ctx, selectPlacesSQL+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list places: %w", err)
	}
	defer rows.Close()
	var out []Place
	for rows.Next() {
		p, err := scanPlace(rows)
		if err != nil {
			return nil, fmt.Errorf("read place: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
