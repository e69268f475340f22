package observatory

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Refresh rewrites the current edition's indicators, raises and clears
// the alerts, and, when the quarter
// before has been computed but not frozen, computes it one last time and
// freezes it. internal/app runs it every minute; running it on several
// nodes at once only writes the same rows twice.
func (s *Service) Refresh(ctx context.Context) error {
	now := s.now()
	cur := EditionOf(now)
	prev := cur.Prev()
	st, err := s.state(ctx, prev)
	if err != nil {
		return err
	}
	if st.known && !st.frozen {
		fb, err := s.readFeedback(ctx, prev, now, false)
		if err != nil {
			return err
		}
		if _, err := s.store(ctx, prev, now, fb); err != nil {
			return err
		}
	}
	fb, err := s.readFeedback(ctx, cur, now, true)
	if err != nil {
		return err
	}
	vals, err := s.store(ctx, cur, now, fb)
	if err != nil {
		return err
	}
	return s.settle(ctx, now, causes(vals, fb))
}

// Freeze computes an edition whose quarter has ended and freezes it; an
// edition already frozen is left as it is. It is how editions from before
// the observatory ran get their indicators.
func (s *Service) Freeze(ctx context.Context, ed Edition) error {
	now := s.now()
	if now.Before(ed.End()) {
		return errs.E(errs.Invalid, fmt.Sprintf("L'édition %s n'est pas terminée : elle ne peut pas être figée.", ed))
	}
	fb, err := s.readFeedback(ctx, ed, now, false)
	if err != nil {
		return err
	}
	_, err = s.store(ctx, ed, now, fb)
	return err
}

const (
	editionStateSQL  = `SELECT computed_at, frozen_at FROM observatory_editions WHERE edition = $1`
	upsertEditionSQL = `INSERT INTO observatory_editions (edition, computed_at, frozen_at) VALUES ($1, $2, $3)
ON CONFLICT (edition) DO UPDATE SET computed_at = excluded.computed_at, frozen_at = excluded.frozen_at`
	deleteValuesSQL  = `DELETE FROM observatory_values WHERE edition = $1`
	insertValuesSQL  = `INSERT INTO observatory_values (edition, procedure_slug, indicator, num, word, colour, answers, source) VALUES`
	insertValuesCols = 8
)

type editionState struct {
	known, frozen bool
	computedAt    time.Time
}

func (s *Service) state(ctx context.Context, ed Edition) (editionState, error) {
	var st editionState
	var frozen sql.NullTime
	err := s.db.Querier(ctx).QueryRowContext(ctx, editionStateSQL, ed.String()).Scan(&st.computedAt, &frozen)
	if database.IsNoRows(err) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("read edition %s: %w", ed, err)
	}
	st.known, st.frozen = true, frozen.Valid
	return st, nil
}

// store computes edition ed with its feedback fb and replaces its rows,
// freezing it when its quarter has ended, and returns the values. A frozen
// edition is never rewritten.
func (s *Service) store(ctx context.Context, ed Edition, now time.Time, fb feedback) (computed, error) {
	if st, err := s.state(ctx, ed); err != nil || st.frozen {
		return nil, err
	}
	vals, err := s.compute(ctx, ed, now, fb)
	if err != nil {
		return nil, err
	}
	var frozen sql.NullTime
	if !now.Before(ed.End()) {
		frozen = sql.NullTime{Time: now, Valid: true}
	}
	return vals, s.write(ctx, ed, now, frozen, vals)
}

// write replaces the rows of edition ed with vals in one transaction,
// unless another node froze it meanwhile: the edition's row, then its
// values deleted and inserted again, a few hundred a statement (a
// statement per value was most of a refresh on PostgreSQL, 2,500 round
// trips at national scale). An error leaves the rows as they were.
func (s *Service) write(ctx context.Context, ed Edition, now time.Time, frozen sql.NullTime, vals computed) error {
	type row struct {
		slug string
		v    Value
	}
	var rows []row
	for _, slug := range slices.Sorted(maps.Keys(vals)) {
		for _, v := range vals[slug] {
			rows = append(rows, row{slug, v})
		}
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var was sql.NullTime
		var at time.Time
		err := tx.QueryRowContext(ctx, editionStateSQL, ed.String()).Scan(&at, &was)
		if err == nil && was.Valid {
			return nil // frozen meanwhile by another node
		}
		if err != nil && !database.IsNoRows(err) {
			return fmt.Errorf("read edition %s: %w", ed, err)
		}
		if _, err := tx.ExecContext(ctx, upsertEditionSQL, ed.String(), now, frozen); err != nil {
			return fmt.Errorf("store edition %s: %w", ed, err)
		}
		if _, err := tx.ExecContext(ctx, deleteValuesSQL, ed.String()); err != nil {
			return fmt.Errorf("store edition %s: %w", ed, err)
		}
		err = s.db.InsertRows(ctx, tx, insertValuesSQL, "", insertValuesCols, len(rows), func(i int, args []any) []any {
			r := rows[i]
			return append(args, ed.String(), r.slug, string(r.v.Key), r.v.Num,
				sql.NullString{String: r.v.Word, Valid: r.v.Word != ""},
				sql.NullString{String: string(r.v.Colour), Valid: r.v.Colour != NoColour}, r.v.Answers, r.v.Source)
		})
		if err != nil {
			return fmt.Errorf("store edition %s: %w", ed, err)
		}
		return nil
	})
}
