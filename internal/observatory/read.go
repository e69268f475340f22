package observatory

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"guichet/internal/errs"
)

// Row is one procedure's indicators in an edition.
type Row struct {
	Procedure
	// Values holds the indicators known, by key; a key missing is unknown.
	// It is shared between readers: never change it.
	Values map[Key]Value
}

// Board is an edition of the observatory: every published procedure with
// its indicators, the most requested first.
type Board struct {
	Edition    Edition
	ComputedAt time.Time
	Frozen     bool
	Rows       []Row
	// Platform holds the figures of the whole platform (share helped by a mediator).
	Platform map[Key]Value
}

// EditionInfo is an edition the observatory holds.
type EditionInfo struct {
	Edition    Edition
	ComputedAt time.Time
	Frozen     bool
}

const editionsSQL = `SELECT edition, computed_at, frozen_at FROM observatory_editions ORDER BY edition DESC`

// Editions lists the editions computed, newest first.
func (s *Service) Editions(ctx context.Context) ([]EditionInfo, error) {
	rows, err := s.db.QueryContext(ctx, editionsSQL)
	if err != nil {
		return nil, fmt.Errorf("list editions: %w", err)
	}
	defer rows.Close()
	var out []EditionInfo
	for rows.Next() {
		var name string
		var e EditionInfo
		var frozen sql.NullTime
		if err := rows.Scan(&name, &e.ComputedAt, &frozen); err != nil {
			return nil, fmt.Errorf("list editions: %w", err)
		}
		if e.Edition, err = ParseEdition(name); err != nil {
			return nil, fmt.Errorf("list editions: %w", err)
		}
		e.Frozen = frozen.Valid
		out = append(out, e)
	}
	return out, rows.Err()
}

const valuesSQL = `SELECT procedure_slug, indicator, num, word, colour, answers, source
FROM observatory_values WHERE edition = $1`

// Board reads edition ed as stored. The current edition, never computed
// yet (a new instance before its first refresh), is computed once here.
func (s *Service) Board(ctx context.Context, ed Edition) (*Board, error) {
	st, err := s.state(ctx, ed)
	if err != nil {
		return nil, err
	}
	if !st.known && ed == s.Current() {
		if err := s.Refresh(ctx); err != nil {
			return nil, err
		}
		if st, err = s.state(ctx, ed); err != nil {
			return nil, err
		}
	}
	if !st.known {
		return nil, errs.E(errs.NotFound, fmt.Sprintf("L'observatoire n'a pas d'édition %s.", ed))
	}
	vals, err := s.cachedValues(ctx, ed, st.computedAt)
	if err != nil {
		return nil, err
	}
	procs, err := s.opts.Procedures(ctx)
	if err != nil {
		return nil, err
	}
	b := &Board{Edition: ed, ComputedAt: st.computedAt, Frozen: st.frozen, Platform: vals[""]}
	for _, p := range procs {
		b.Rows = append(b.Rows, Row{Procedure: p, Values: vals[p.Slug]})
	}
	return b, nil
}

func (s *Service) values(ctx context.Context, ed Edition) (map[string]map[Key]Value, error) {
	rows, err := s.db.QueryContext(ctx, valuesSQL, ed.String())
	if err != nil {
		return nil, fmt.Errorf("read edition %s: %w", ed, err)
	}
	defer rows.Close()
	out := map[string]map[Key]Value{}
	for rows.Next() {
		var slug, key string
		var v Value
		var n sql.NullFloat64
		var word, colour sql.NullString
		if err := rows.Scan(&slug, &key, &n, &word, &colour, &v.Answers, &v.Source); err != nil {
			return nil, fmt.Errorf("read edition %s: %w", ed, err)
		}
		v.Key, v.Word, v.Colour = Key(key), word.String, Colour(colour.String)
		if n.Valid {
			x := n.Float64
			v.Num = &x
		}
		if out[slug] == nil {
			out[slug] = map[Key]Value{}
		}
		out[slug][v.Key] = v
	}
	return out, rows.Err()
}

// HistoryEntry is one procedure's indicators in one edition.
type HistoryEntry struct {
	Edition Edition
	Values  map[Key]Value // shared between readers: never change it
}

// History returns procedure slug's indicators in every edition held,
// oldest first.
func (s *Service) History(ctx context.Context, slug string) ([]HistoryEntry, error) {
	eds, err := s.Editions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]HistoryEntry, 0, len(eds))
	for i := len(eds) - 1; i >= 0; i-- {
		vals, err := s.cachedValues(ctx, eds[i].Edition, eds[i].ComputedAt)
		if err != nil {
			return nil, err
		}
		out = append(out, HistoryEntry{Edition: eds[i].Edition, Values: vals[slug]})
	}
	return out, nil
}

// valuesCache keeps the values of each edition as last read, with the
// time of the computation they come from. A page view checks that time
// (one row) and reads the edition's thousands of values again only when a
// refresh, on any node, has rewritten them since.
type valuesCache struct {
	mu  sync.Mutex
	eds map[Edition]cachedEdition
}

type cachedEdition struct {
	computedAt time.Time
	vals       map[string]map[Key]Value
}

// cachedValues returns edition ed's values as computed at computedAt
// (read from the edition's row just before), from memory when this node
// already read that computation.
func (s *Service) cachedValues(ctx context.Context, ed Edition, computedAt time.Time) (map[string]map[Key]Value, error) {
	c := &s.cache
	c.mu.Lock()
	got, ok := c.eds[ed]
	c.mu.Unlock()
	if ok && got.computedAt.Equal(computedAt) {
		return got.vals, nil
	}
	// computedAt was read before the values: when a refresh commits in
	// between, the values kept are newer than their time says, and the
	// next view reads them again; never the other way round.
	vals, err := s.values(ctx, ed)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.eds == nil {
		c.eds = map[Edition]cachedEdition{}
	}
	c.eds[ed] = cachedEdition{computedAt: computedAt, vals: vals}
	c.mu.Unlock()
	return vals, nil
}
