package catalogue

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"guichet/internal/database"
)

// LifeEvent is a moment of life ("Je déménage") and the procedures it brings, in the order a
// person meets them.
type LifeEvent struct {
	Slug       string   `json:"slug"`
	Title      string   `json:"title"`
	Summary    string   `json:"summary"`
	Procedures []string `json:"procedures"`
}

const (
	upsertLifeEventSQL = `INSERT INTO life_events (slug, title, summary, position) VALUES ($1, $2, $3, $4)
	ON CONFLICT (slug) DO UPDATE SET title = excluded.title, summary = excluded.summary, position = excluded.position`
	deleteStepsSQL = `DELETE FROM life_event_steps WHERE life_event = $1`
	insertStepSQL  = `INSERT INTO life_event_steps (life_event, procedure_slug, position) VALUES ($1, $2, $3)`
)

// PutLifeEvent creates or replaces a life event, shown at position among the others (from 0).
// Its procedures may name drafts: the public only sees the published ones. It returns
// FieldErrors for a bad slug or a missing title.
func (s *Service) PutLifeEvent(ctx context.Context, e LifeEvent, position int) error {
	e.Slug, e.Title, e.Summary = strings.TrimSpace(e.Slug), strings.TrimSpace(e.Title), strings.TrimSpace(e.Summary)
	var fe FieldErrors
	if !slugPattern.MatchString(e.Slug) || len(e.Slug) > maxSlug {
		fe.add(FieldSlug, "Écrivez l'adresse avec des lettres minuscules sans accent, des chiffres et des tirets, par exemple je-demenage.")
	}
	if e.Title == "" {
		fe.add(FieldTitle, "Indiquez le titre de l'évènement de vie, par exemple « Je déménage ».")
	}
	if fe != nil {
		return fe.Err()
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, upsertLifeEventSQL, e.Slug, e.Title, e.Summary, position); err != nil {
			return fmt.Errorf("put life event %s: %w", e.Slug, err)
		}
		if _, err := tx.ExecContext(ctx, deleteStepsSQL, e.Slug); err != nil {
			return fmt.Errorf("put life event %s: %w", e.Slug, err)
		}
		seen := map[string]bool{}
		for i, slug := range cleanList(e.Procedures) {
			if seen[slug] {
				continue
			}
			seen[slug] = true
			if _, err := tx.ExecContext(ctx, insertStepSQL, e.Slug, slug, i); err != nil {
				return fmt.Errorf("put life event %s: %w", e.Slug, err)
			}
		}
		return bump(ctx, tx)
	})
}

const (
	selectLifeEventsSQL = `SELECT slug, title, summary FROM life_events ORDER BY position, slug`
	selectStepsSQL      = `SELECT life_event, procedure_slug FROM life_event_steps ORDER BY life_event, position`
)

// LifeEvents returns every life event in display order, with all its procedures, drafts
// included.
func (s *Service) LifeEvents(ctx context.Context) ([]LifeEvent, error) {
	return lifeEvents(ctx, s.db)
}

func lifeEvents(ctx context.Context, q database.Querier) ([]LifeEvent, error) {
	rows, err := q.QueryContext(ctx, selectLifeEventsSQL)
	if err != nil {
		return nil, fmt.Errorf("list life events: %w", err)
	}
	var events []LifeEvent
	index := map[string]int{}
	for rows.Next() {
		var e LifeEvent
		if err := rows.Scan(&e.Slug, &e.Title, &e.Summary); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list life events: %w", err)
		}
		index[e.Slug] = len(events)
		events = append(events, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list life events: %w", err)
	}
	steps, err := q.QueryContext(ctx, selectStepsSQL)
	if err != nil {
		return nil, fmt.Errorf("list life event steps: %w", err)
	}
	defer steps.Close()
	for steps.Next() {
		var event, slug string
		if err := steps.Scan(&event, &slug); err != nil {
			return nil, fmt.Errorf("list life event steps: %w", err)
		}
		if i, ok := index[event]; ok {
			events[i].Procedures = append(events[i].Procedures, slug)
		}
	}
	return events, steps.Err()
}

// lifeEventSlugsSQL lists the slugs of every life event.
const lifeEventSlugsSQL = `SELECT slug FROM life_events`

// lifeEventSlugs returns the slugs of every life event.
func lifeEventSlugs(ctx context.Context, q database.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, lifeEventSlugsSQL)
	if err != nil {
		return nil, fmt.Errorf("list life events: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("list life events: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
