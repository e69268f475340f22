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
	"strconv"

	"guichet/internal/jobs"
)

// The rows of rights_state: fingerprintName holds the fingerprint of the
// last evaluated rules and parameters, changesName how many times Sweep saw
// them change.
const (
	fingerprintName = "fingerprint"
	changesName     = "changes"
)

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
	readStateSQL   = `SELECT name, value FROM rights_state WHERE name IN ($1, $2)`
	upsertStateSQL = `INSERT INTO rights_state (name, value) VALUES ($1, $2)
	ON CONFLICT (name) DO UPDATE SET value = excluded.value`
	consentingSQL = `SELECT DISTINCT user_id FROM consents WHERE party = $1 AND category = $2 AND purpose = $3
	AND revoked_at IS NULL ORDER BY user_id`
)

// Sweep queues a new evaluation of every person who allowed it when the
// rules or the parameters in force changed since the last sweep, and
// returns how many it queued. The background processes run it with their
// other sweeps; the jobs, the fingerprint and the count of changes commit
// together.
//
// A job's key names the person and the change by its number, not by the
// rules' content: rules that come back to earlier ones (a procedure
// withdrawn then published again) would otherwise give the keys of jobs
// still kept done, and nobody would be evaluated again. Two sweeps that
// see the same change at once (two processes) read the same number, in one
// statement with the fingerprint, so they queue each person once.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	fp, err := s.fingerprint(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		last, changes, err := readState(ctx, tx)
		if err != nil {
			return err
		}
		if last == fp {
			return nil
		}
		changes++
		users, err := consenting(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range users {
			if _, err := jobs.Enqueue(ctx, tx, EvaluateJob, evaluatePayload{UserID: id},
				jobs.EnqueueOptions{Key: fmt.Sprintf("rights-eval-%d-change-%d", id, changes), RunAt: s.clock(),
					MaxAttempts: 5}); err != nil {
				return err
			}
			n++
		}
		if _, err := tx.ExecContext(ctx, upsertStateSQL, fingerprintName, fp); err != nil {
			return fmt.Errorf("write rights fingerprint: %w", err)
		}
		if _, err := tx.ExecContext(ctx, upsertStateSQL, changesName, strconv.FormatInt(changes, 10)); err != nil {
			return fmt.Errorf("write rights changes: %w", err)
		}
		return nil
	})
	if n > 0 {
		s.wake()
	}
	return n, err
}

// readState returns the fingerprint Sweep last evaluated and how many
// changes it saw: "" and 0 before the first.
func readState(ctx context.Context, tx *sql.Tx) (fingerprint string, changes int64, err error) {
	rows, err := tx.QueryContext(ctx, readStateSQL, fingerprintName, changesName)
	if err != nil {
		return "", 0, fmt.Errorf("read rights state: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			return "", 0, fmt.Errorf("read rights state: %w", err)
		}
		switch name {
		case fingerprintName:
			fingerprint = value
		case changesName:
			if changes, err = strconv.ParseInt(value, 10, 64); err != nil {
				return "", 0, fmt.Errorf("read rights changes %q: %w", value, err)
			}
		}
	}
	return fingerprint, changes, rows.Err()
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
