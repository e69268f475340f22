package identity

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// A throttle counts failures under a key of table login_throttle:
// "email:<address>" and "ip:<address>" for sign-in, "totp:<user id>" for
// second-factor codes, "reset-ip:<address>" for reset requests.
type throttle struct {
	key string
	max int // failures within the window that lock the key
}

// lockedUntilSQL reads until when a sign-in key is slowed down.
const lockedUntilSQL = `SELECT locked_until FROM login_throttle WHERE key = $1`

// lockedFor returns how long the most locked of the keys stays locked, 0
// when none is.
func (s *Service) lockedFor(ctx context.Context, q database.Querier, keys ...throttle) (time.Duration, error) {
	now := s.now()
	var longest time.Duration
	for _, k := range keys {
		var until sql.NullTime
		err := q.QueryRowContext(ctx, lockedUntilSQL, k.key).Scan(&until)
		if database.IsNoRows(err) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("read throttle %s: %w", k.key, err)
		}
		if until.Valid && until.Time.After(now) {
			longest = max(longest, until.Time.Sub(now))
		}
	}
	return longest, nil
}

// recordFailure counts one failure under each key, inside tx, and returns
// how long the longest lock now in force lasts (0 when none). A key locks
// when it reaches its maximum within the window; each further lock lasts
// twice the one before, up to MaxLock. A key quiet for a whole window
// after its last lock starts again from the first lock.
func (s *Service) recordFailure(ctx context.Context, tx database.Querier, keys ...throttle) (time.Duration, error) {
	var longest time.Duration
	for _, k := range keys {
		d, err := s.recordOne(ctx, tx, k)
		if err != nil {
			return 0, err
		}
		longest = max(longest, d)
	}
	return longest, nil
}

// insertThrottleSQL creates the row of a sign-in key when it has none.
const insertThrottleSQL = `INSERT INTO login_throttle (key, failures, window_start, locks)
	VALUES ($1, 0, $2, 0) ON CONFLICT (key) DO NOTHING`

// updateThrottleSQL stores the failures and delay of a sign-in key.
const updateThrottleSQL = `UPDATE login_throttle
	SET failures = $1, window_start = $2, locked_until = $3, locks = $4 WHERE key = $5`

func (s *Service) recordOne(ctx context.Context, tx database.Querier, k throttle) (time.Duration, error) {
	now, cfg := s.now(), s.cfg.Throttle
	// The row is made first so that it can be locked: two failures at the
	// same moment on PostgreSQL then count as two.
	if _, err := tx.ExecContext(ctx, insertThrottleSQL, k.key, now); err != nil {
		return 0, fmt.Errorf("throttle %s: %w", k.key, err)
	}
	var failures, locks int
	var start time.Time
	var until sql.NullTime
	query := `SELECT failures, window_start, locked_until, locks FROM login_throttle WHERE key = $1`
	if s.db.Dialect == database.Postgres {
		query += ` FOR UPDATE`
	}
	if err := tx.QueryRowContext(ctx, query, k.key).Scan(&failures, &start, &until, &locks); err != nil {
		return 0, fmt.Errorf("throttle %s: %w", k.key, err)
	}
	if until.Valid && until.Time.After(now) {
		return until.Time.Sub(now), nil
	}
	if !now.Before(start.Add(cfg.Window)) {
		failures, start = 0, now
		if !until.Valid || !now.Before(until.Time.Add(cfg.Window)) {
			locks = 0
		}
	}
	failures++
	var lock time.Duration
	if failures >= k.max {
		locks++
		lock = lockLength(cfg.FirstLock, cfg.MaxLock, locks)
		until = sql.NullTime{Time: now.Add(lock), Valid: true}
		failures, start = 0, now
	}
	if _, err := tx.ExecContext(ctx, updateThrottleSQL,
		failures, start, until, locks, k.key); err != nil {
		return 0, fmt.Errorf("throttle %s: %w", k.key, err)
	}
	return lock, nil
}

// lockLength is first doubled for each lock after the first, at most last.
func lockLength(first, last time.Duration, locks int) time.Duration {
	if locks > 30 {
		return last
	}
	return min(first*time.Duration(int64(1)<<(locks-1)), last)
}

// clearThrottleSQL forgets the failures of a sign-in key.
const clearThrottleSQL = `DELETE FROM login_throttle WHERE key = $1`

// clearThrottle forgets the failures of key, after a success.
func clearThrottle(ctx context.Context, q database.Querier, key string) error {
	if _, err := q.ExecContext(ctx, clearThrottleSQL, key); err != nil {
		return fmt.Errorf("clear throttle %s: %w", key, err)
	}
	return nil
}

// tooMany is the error for a locked key, saying how long to wait.
func tooMany(wait time.Duration) error {
	return errs.Errorf(errs.TooMany, "Trop d'essais. Par sécurité, attendez %s avant de réessayer.", frenchDuration(wait))
}

// frenchDuration says d in whole seconds under a minute, else in whole
// minutes or hours, rounded up so that nobody is told to wait too little.
func frenchDuration(d time.Duration) string {
	plural := func(n int64, one, many string) string {
		if n <= 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	secs := int64(math.Ceil(d.Seconds()))
	switch {
	case secs < 60:
		return plural(secs, "seconde", "secondes")
	case secs < 3600:
		return plural((secs+59)/60, "minute", "minutes")
	}
	return plural((secs+3599)/3600, "heure", "heures")
}
