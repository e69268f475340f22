package observatory

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// maxPendingTimings bounds the sums a node keeps between two flushes, so
// that requests to made-up addresses cannot fill its memory.
const maxPendingTimings = 10000

type timingKey struct{ day, slug string }

type timingSum struct {
	requests int64
	total    time.Duration
}

// timings gathers the response times of the procedures' pages in memory
// until the next flush.
type timings struct {
	mu      sync.Mutex
	pending map[timingKey]timingSum
}

// RecordTiming counts one request to a page of procedure slug that took
// d. It only adds to a sum in memory, so that the request path stays
// cheap; FlushTimings writes the sums every minute.
func (s *Service) RecordTiming(slug string, d time.Duration) {
	k := timingKey{day: s.clock().UTC().Format(time.DateOnly), slug: slug}
	t := &s.timings
	t.mu.Lock()
	defer t.mu.Unlock()
	sum, ok := t.pending[k]
	if !ok && len(t.pending) >= maxPendingTimings {
		return
	}
	if t.pending == nil {
		t.pending = map[timingKey]timingSum{}
	}
	sum.requests++
	sum.total += d
	t.pending[k] = sum
}

// Timing is the requests to one procedure's pages on one day (UTC).
type Timing struct {
	Day       string // YYYY-MM-DD
	Procedure string
	Requests  int64
	Total     time.Duration
}

// FlushTimings adds the sums gathered since the last flush to the
// database. On failure they are kept for the next one.
func (s *Service) FlushTimings(ctx context.Context) error {
	t := &s.timings
	t.mu.Lock()
	batch := t.pending
	t.pending = nil
	t.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	out := make([]Timing, 0, len(batch))
	for k, v := range batch {
		out = append(out, Timing{Day: k.day, Procedure: k.slug, Requests: v.requests, Total: v.total})
	}
	if err := s.AddTimings(ctx, out); err != nil {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.pending == nil {
			t.pending = map[timingKey]timingSum{}
		}
		for k, v := range batch {
			sum := t.pending[k]
			sum.requests, sum.total = sum.requests+v.requests, sum.total+v.total
			t.pending[k] = sum
		}
		return err
	}
	return nil
}

// Each node adds its sums to the day's row: nodes never overwrite each
// other's counts.
const addTimingSQL = `INSERT INTO observatory_timings (day, procedure_slug, requests, total_us) VALUES ($1, $2, $3, $4)
ON CONFLICT (day, procedure_slug) DO UPDATE SET requests = observatory_timings.requests + excluded.requests,
total_us = observatory_timings.total_us + excluded.total_us`

// AddTimings adds request counts and durations to the stored sums.
func (s *Service) AddTimings(ctx context.Context, ts []Timing) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, addTimingSQL)
		if err != nil {
			return fmt.Errorf("add timings: %w", err)
		}
		defer stmt.Close()
		for _, t := range ts {
			if _, err := stmt.ExecContext(ctx, t.Day, t.Procedure, t.Requests, t.Total.Microseconds()); err != nil {
				return fmt.Errorf("add timings of %s on %s: %w", t.Procedure, t.Day, err)
			}
		}
		return nil
	})
}

const timingSumsSQL = `SELECT procedure_slug, SUM(requests), SUM(total_us) FROM observatory_timings
WHERE day >= $1 AND day <= $2 GROUP BY procedure_slug`

// timingSums reads the requests and their total duration per procedure on
// the days from from (included) to to (excluded): today's so far when to
// is now.
func (s *Service) timingSums(ctx context.Context, from, to time.Time) (map[string]timingSum, error) {
	last := to.UTC().Add(-time.Nanosecond).Format(time.DateOnly)
	rows, err := s.db.QueryContext(ctx, timingSumsSQL, from.UTC().Format(time.DateOnly), last)
	if err != nil {
		return nil, fmt.Errorf("read timings: %w", err)
	}
	defer rows.Close()
	out := map[string]timingSum{}
	for rows.Next() {
		var slug string
		var n, us int64
		if err := rows.Scan(&slug, &n, &us); err != nil {
			return nil, fmt.Errorf("read timings: %w", err)
		}
		out[slug] = timingSum{requests: n, total: time.Duration(us) * time.Microsecond}
	}
	return out, rows.Err()
}

// loadColour places temps de chargement (ms): under 400 green, under 800
// yellow.
func loadColour(ms float64) Colour {
	switch {
	case ms < 400:
		return Vert
	case ms < 800:
		return Jaune
	}
	return Rouge
}

// loadValue is temps de chargement of a procedure from its sums.
func loadValue(t timingSum) []Value {
	if t.requests == 0 {
		return nil
	}
	ms := float64(t.total.Microseconds()) / 1000 / float64(t.requests)
	v := Value{Key: TempsDeChargement, Num: num(ms), Answers: int(min(t.requests, 1<<31-1)),
		Source: fmt.Sprintf("Mesuré par Guichet : temps de réponse moyen du serveur sur %d requête(s) aux pages de la démarche "+
			"pendant le trimestre", t.requests)}
	v.Colour = loadColour(*v.Num)
	return []Value{v}
}
