package catalogue

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"guichet/internal/database"
	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

// DemoReport says what LoadDemo added.
type DemoReport struct {
	Procedures, LifeEvents int
	Synonyms               bool // Synonyms is true when the demo list was stored.
}

// LoadDemo loads a demo catalogue laid out like internal/demo/content: procedures/*.json,
// life-events.json and synonyms.txt. What exists is kept, so loading again adds only what is
// missing. Each new procedure is published at once, under the organisation its
// "administration" names, with the rule of eligibility.DefaultRules for its slug when the
// file has none. The synonyms list is stored only when none was ever saved.
func (s *Service) LoadDemo(ctx context.Context, fsys fs.FS) (DemoReport, error) {
	var rep DemoReport
	var err error
	if rep.LifeEvents, err = s.loadDemoLifeEvents(ctx, fsys); err != nil {
		return rep, err
	}
	if rep.Procedures, err = s.loadDemoProcedures(ctx, fsys); err != nil {
		return rep, err
	}
	if rep.Synonyms, err = s.loadDemoSynonyms(ctx, fsys); err != nil {
		return rep, err
	}
	return rep, s.Refresh(ctx)
}

// loadDemoLifeEvents adds the life events that do not exist yet.
func (s *Service) loadDemoLifeEvents(ctx context.Context, fsys fs.FS) (int, error) {
	data, err := fs.ReadFile(fsys, "life-events.json")
	if err != nil {
		return 0, fmt.Errorf("demo life events: %w", err)
	}
	var events []LifeEvent
	if err := json.Unmarshal(data, &events); err != nil {
		return 0, fmt.Errorf("demo life events: %w", err)
	}
	known, err := lifeEventSlugs(ctx, s.db)
	if err != nil {
		return 0, err
	}
	added := 0
	for i, e := range events {
		if slices.Contains(known, e.Slug) {
			continue
		}
		if err := s.PutLifeEvent(ctx, e, i); err != nil {
			return added, fmt.Errorf("demo life event %s: %w", e.Slug, err)
		}
		added++
	}
	return added, nil
}

// loadDemoProcedures creates and publishes the procedures that do not exist yet.
func (s *Service) loadDemoProcedures(ctx context.Context, fsys fs.FS) (int, error) {
	files, err := fs.Glob(fsys, "procedures/*.json")
	if err != nil {
		return 0, err
	}
	rules := eligibility.DefaultRules()
	added := 0
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return added, fmt.Errorf("demo procedure %s: %w", name, err)
		}
		var p Procedure
		if err := json.Unmarshal(data, &p); err != nil {
			return added, fmt.Errorf("demo procedure %s: %w", name, err)
		}
		if p.Slug == "" {
			p.Slug = strings.TrimSuffix(path.Base(name), ".json")
		}
		if r, ok := rules[p.Slug]; ok && p.Eligibility.Expr == "" {
			p.Eligibility = Eligibility{Expr: r.Expr, Reason: r.Reason}
		}
		ok, err := s.loadDemoProcedure(ctx, p)
		if err != nil {
			return added, fmt.Errorf("demo procedure %s: %w", p.Slug, err)
		}
		if ok {
			added++
		}
	}
	return added, nil
}

// loadDemoProcedure creates and publishes p unless its slug exists, and tells whether it did.
func (s *Service) loadDemoProcedure(ctx context.Context, p Procedure) (bool, error) {
	if _, err := readHead(ctx, s.db, p.Slug); err == nil {
		return false, nil
	} else if !errs.Is(err, errs.NotFound) {
		return false, err
	}
	normalize(&p)
	if fe := Validate(&p, s.rules); fe != nil {
		return false, fe.Err()
	}
	orgID, err := organisationID(ctx, s.db, p.Administration)
	if err != nil {
		return false, err
	}
	ed := Editor{OrgID: orgID}
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := createTx(ctx, tx, ed, &p, s.now()); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, ed, p.Slug, 1)
	})
	return err == nil, err
}

// loadDemoSynonyms stores the demo synonyms list when none was ever saved.
func (s *Service) loadDemoSynonyms(ctx context.Context, fsys fs.FS) (bool, error) {
	cur, err := synonymsList(ctx, s.db)
	if err != nil || !cur.SavedAt.IsZero() {
		return false, err
	}
	data, err := fs.ReadFile(fsys, "synonyms.txt")
	if err != nil {
		return false, fmt.Errorf("demo synonyms: %w", err)
	}
	text := normalizeNewlines(string(data))
	if bad := CheckSynonyms(text); len(bad) > 0 {
		return false, fmt.Errorf("demo synonyms: %w", SynonymErrors(bad))
	}
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, insertSynonymsSQL, text, nil, s.now()); err != nil {
			return fmt.Errorf("demo synonyms: %w", err)
		}
		return bump(ctx, tx)
	})
	return err == nil, err
}

// organisationIDSQL finds an organisation by its slug.
const organisationIDSQL = `SELECT id FROM organisations WHERE slug = $1`

// organisationID returns the id of the organisation with that slug, or errs.NotFound.
func organisationID(ctx context.Context, q database.Querier, slug string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, organisationIDSQL, slug).Scan(&id)
	if database.IsNoRows(err) {
		return 0, errs.Wrap(errs.NotFound, "L'organisation « "+slug+" » n'existe pas.", err)
	}
	if err != nil {
		return 0, fmt.Errorf("read organisation %s: %w", slug, err)
	}
	return id, nil
}
