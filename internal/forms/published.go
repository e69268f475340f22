package forms

import (
	"context"
	"fmt"
	"sync"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// publishedCache keeps the published versions a process has read, decoded.
// A published version never changes (SaveDraft and Publish touch only the
// draft, and no version is deleted), so a kept one is never stale, on this
// node or another. Versions are few (a handful per procedure): the cache
// is not bounded.
type publishedCache struct {
	mu    sync.RWMutex
	forms map[versionKey]*Form
}

type versionKey struct {
	slug string
	n    int
}

func (c *publishedCache) get(k versionKey) *Form {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.forms[k]
}

func (c *publishedCache) put(k versionKey, f *Form) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.forms == nil {
		c.forms = map[versionKey]*Form{}
	}
	c.forms[k] = f
}

const selectVersionStateSQL = `SELECT definition, published_at IS NOT NULL FROM form_versions
	WHERE procedure_slug = $1 AND version = $2`

// CheckAnswers checks answers against version n of the form of the
// procedure slug, as ValidateAll does, for the final check of a dossier
// before it is sent, and returns the problems in form order. A published
// version is read and decoded once per process and kept (the form of a
// busy procedure is not read again at each sending); the draft, which
// changes, is read each time. It returns errs.NotFound when there is no
// such version.
func (s *Service) CheckAnswers(ctx context.Context, slug string, n int, answers Answers) ([]errs.FieldError, error) {
	k := versionKey{slug, n}
	f := s.published.get(k)
	if f == nil {
		var def string
		var published bool
		err := s.db.Querier(ctx).QueryRowContext(ctx, selectVersionStateSQL, slug, n).Scan(&def, &published)
		if database.IsNoRows(err) {
			return nil, errs.Wrap(errs.NotFound, msgNoForm, err)
		}
		if err != nil {
			return nil, fmt.Errorf("read form %s version %d: %w", slug, n, err)
		}
		if f, err = decode(def); err != nil {
			return nil, fmt.Errorf("decode form %s version %d: %w", slug, n, err)
		}
		f.Procedure, f.Version = slug, n
		s.withClock(f)
		if published {
			s.published.put(k, f)
		}
	}
	// ValidateAll reads the form and never changes it: a kept form is
	// shared by the sendings that run at once.
	_, problems := f.ValidateAll(answers)
	return problems, nil
}
