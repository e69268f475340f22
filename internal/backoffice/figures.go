package backoffice

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"time"
)

// Month is the figures of a procedure over one month (or, for
// Figures.Total, over the whole period).
type Month struct {
	Start      time.Time // the first instant of the month, in the period's location
	Received   int       // dossiers sent this month
	Processed  int       // dossiers decided this month (and still decided)
	InProgress int       // of those received this month, not decided yet
	Corrected  int       // of those received this month, sent back at least once for a correction
	// Median and P90 are the processing times (sending to decision) of the
	// dossiers decided this month, by nearest rank; zero when none.
	Median, P90 time.Duration
	Started     int // drafts started this month
	Abandoned   int // of those, never sent (still a draft, or deleted unsent)

	waits []time.Duration
}

// CorrectionRate is the share of the received dossiers sent back for a
// correction, from 0 to 1; 0 without any received.
func (m Month) CorrectionRate() float64 { return ratio(m.Corrected, m.Received) }

// AbandonRate is the share of the drafts started that were never sent,
// from 0 to 1.
func (m Month) AbandonRate() float64 { return ratio(m.Abandoned, m.Started) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Figures are a procedure's figures month by month over a period.
type Figures struct {
	Procedure string
	Months    []Month // oldest first, every month of the period, even empty
	Total     Month
}

const figuresDossiersSQL = `SELECT d.created_at, d.submitted_at, d.decided_at,
EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id)
FROM dossiers d WHERE d.procedure_slug = $1 AND d.created_at < $3
AND (d.created_at >= $2 OR d.submitted_at >= $2 OR d.decided_at >= $2)`

const figuresExpiredSQL = `SELECT created_at FROM dossier_drafts_expired
WHERE procedure_slug = $1 AND created_at >= $2 AND created_at < $3`

// Figures counts, for procedure slug, the months from the one of from to
// the one before to (months in from's location): dossiers received,
// processed and still in progress, the median and 90th percentile of the
// processing time, the correction rate and the drafts abandoned. The
// observatory reads the same figures. Only dates are read: no person's data.
func (s *Service) Figures(ctx context.Context, slug string, from, to time.Time) (*Figures, error) {
	loc := from.Location()
	start := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, loc)
	end := time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, loc)
	if !to.Equal(end) {
		end = end.AddDate(0, 1, 0)
	}
	fg := &Figures{Procedure: slug, Total: Month{Start: start}}
	for m := start; m.Before(end); m = m.AddDate(0, 1, 0) {
		fg.Months = append(fg.Months, Month{Start: m})
		if len(fg.Months) > 1200 {
			return nil, fmt.Errorf("figures of %s: a period of more than a century", slug)
		}
	}
	at := func(t time.Time) *Month {
		if t.Before(start) || !t.Before(end) {
			return nil
		}
		t = t.In(loc)
		return &fg.Months[(t.Year()-start.Year())*12+int(t.Month())-int(start.Month())]
	}
	both := func(t time.Time, fn func(*Month)) {
		if m := at(t); m != nil {
			fn(m)
			fn(&fg.Total)
		}
	}
	rows, err := s.db.QueryContext(ctx, figuresDossiersSQL, slug, start.UTC(), end.UTC())
	if err != nil {
		return nil, fmt.Errorf("figures of %s: %w", slug, err)
	}
	defer rows.Close()
	for rows.Next() {
		var created time.Time
		var sent, decided sql.NullTime
		var corrected bool
		if err := rows.Scan(&created, &sent, &decided, &corrected); err != nil {
			return nil, fmt.Errorf("figures of %s: %w", slug, err)
		}
		both(created, func(m *Month) {
			m.Started++
			if !sent.Valid {
				m.Abandoned++
			}
		})
		if sent.Valid {
			both(sent.Time, func(m *Month) {
				m.Received++
				if corrected {
					m.Corrected++
				}
				if !decided.Valid {
					m.InProgress++
				}
			})
		}
		if decided.Valid && sent.Valid {
			wait := decided.Time.Sub(sent.Time)
			both(decided.Time, func(m *Month) { m.Processed++; m.waits = append(m.waits, wait) })
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("figures of %s: %w", slug, err)
	}
	if err := s.countExpired(ctx, slug, start, end, both); err != nil {
		return nil, err
	}
	for i := range fg.Months {
		fg.Months[i].percentiles()
	}
	fg.Total.percentiles()
	return fg, nil
}

// countExpired counts the drafts deleted unsent as started and abandoned.
func (s *Service) countExpired(ctx context.Context, slug string, start, end time.Time, both func(time.Time, func(*Month))) error {
	rows, err := s.db.QueryContext(ctx, figuresExpiredSQL, slug, start.UTC(), end.UTC())
	if err != nil {
		return fmt.Errorf("expired drafts of %s: %w", slug, err)
	}
	defer rows.Close()
	for rows.Next() {
		var created time.Time
		if err := rows.Scan(&created); err != nil {
			return fmt.Errorf("expired drafts of %s: %w", slug, err)
		}
		both(created, func(m *Month) { m.Started++; m.Abandoned++ })
	}
	return rows.Err()
}

// percentiles sets Median and P90 from the waits, by nearest rank, and
// lets the waits go.
func (m *Month) percentiles() {
	if len(m.waits) == 0 {
		return
	}
	slices.Sort(m.waits)
	rank := func(p float64) time.Duration {
		return m.waits[max(0, int(math.Ceil(p*float64(len(m.waits))))-1)]
	}
	m.Median, m.P90, m.waits = rank(0.5), rank(0.9), nil
}
