package rights

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"guichet/internal/database"
	"guichet/internal/jobs"
)

// fingerprintName is the rights_state row of the last evaluated rules
// and parameters.
const fingerprintName = "fingerprint"

// fingerprint sums up what an evaluation depends on besides the person:
// the published rules and the parameter values in force today (a value
// coming into force, or a new release with new values, changes it).
func (s *Service) fingerprint(ctx context.Context) (string, error) {
	sn, err := s.opts.Catalogue.Snapshot(ctx)
	if err != nil {
		return "", err
	}
	day := s.clock()
	params := s.opts.Catalogue.Rules().Params()
	values := map[string]any{}
	for _, name := range params.Names() {
		v, ok := params[name].At(day)
		values[name] = []any{v.From, v.Value, ok, params[name].Stale(day)}
	}
	rules := sn.Rules()
	exprs := make([]string, 0, len(rules))
	for _, slug := range slices.Sorted(maps.Keys(rules)) {
		exprs = append(exprs, slug, rules[slug].Expr, rules[slug].Reason)
	}
	b, err := json.Marshal([]any{exprs, values})
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

const (
	readStateSQL   = `SELECT value FROM rights_state WHERE name = $1`
	upsertStateSQL = `INSERT INTO rights_state (name, value) VALUES ($1, $2)
	ON CONFLICT (name) DO UPDATE SET value = excluded.value`
	consentingSQL = `SELECT DISTINCT user_id FROM consents WHERE party = $1 AND category = $2 AND purpose = $3
	AND revoked_at IS NULL ORDER BY user_id`
)

// Sweep queues a new evaluation of every person who allowed it when the
// rules or the parameters in force changed since the last sweep, and
// returns how many it queued. The background processes run it with their
// other sweeps; a crash between the jobs and the fingerprint only queues
// them again.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	fp, err := s.fingerprint(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		var last string
		err := tx.QueryRowContext(ctx, readStateSQL, fingerprintName).Scan(&last)
		if err != nil && !database.IsNoRows(err) {
			return fmt.Errorf("read rights fingerprint: %w", err)
		}
		if last == fp {
			return nil
		}
		users, err := consenting(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range users {
			if _, err := jobs.Enqueue(ctx, tx, EvaluateJob, evaluatePayload{UserID: id},
				jobs.EnqueueOptions{Key: fmt.Sprintf("rights-eval-%d-%s", id, fp[:16]), RunAt: s.clock(), MaxAttempts: 5}); err != nil {
				return err
			}
			n++
		}
		_, err = tx.ExecContext(ctx, upsertStateSQL, fingerprintName, fp)
		return err
	})
	if n > 0 {
		s.wake()
	}
	return n, err
}

// consenting lists the people whose consent to look for aid is in force.
// It reads the consent register's table, read only.
func consenting(ctx context.Context, tx *sql.Tx) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, consentingSQL, Party, Category, Purpose)
	if err != nil {
		return nil, fmt.Errorf("people consenting: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
