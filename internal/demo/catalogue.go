package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/demo/content"
	"guichet/internal/eligibility"
	"guichet/internal/errs"
	"guichet/internal/identity"
)

// CatalogueReport says what LoadCatalogue added.
type CatalogueReport struct {
	Procedures, LifeEvents int
	Synonyms               bool // Synonyms is true when the demo list was stored.
}

// LoadCatalogue loads the demo catalogue of internal/demo/content through the
// catalogue's public methods, as a procedure owner would write it. What
// exists is kept, so loading again adds only what is missing. Each new
// procedure is published at once, under the organisation its
// "administration" names (the demo organisations must exist: LoadAccounts),
// with the rule of eligibility.DefaultRules for its slug when the file has
// none. The synonyms list is stored only when none was ever saved.
func LoadCatalogue(ctx context.Context, cat *catalogue.Service, ids *identity.Service) (CatalogueReport, error) {
	var rep CatalogueReport
	var err error
	if rep.LifeEvents, err = loadLifeEvents(ctx, cat); err != nil {
		return rep, err
	}
	if rep.Procedures, err = loadProcedures(ctx, cat, ids); err != nil {
		return rep, err
	}
	if rep.Synonyms, err = loadSynonyms(ctx, cat); err != nil {
		return rep, err
	}
	return rep, cat.Refresh(ctx)
}

// loadLifeEvents adds the life events that do not exist yet.
func loadLifeEvents(ctx context.Context, cat *catalogue.Service) (int, error) {
	data, err := fs.ReadFile(content.FS, "life-events.json")
	if err != nil {
		return 0, fmt.Errorf("demo life events: %w", err)
	}
	var events []catalogue.LifeEvent
	if err := json.Unmarshal(data, &events); err != nil {
		return 0, fmt.Errorf("demo life events: %w", err)
	}
	known, err := cat.LifeEvents(ctx)
	if err != nil {
		return 0, err
	}
	added := 0
	for i, e := range events {
		if slices.ContainsFunc(known, func(k catalogue.LifeEvent) bool { return k.Slug == e.Slug }) {
			continue
		}
		if err := cat.PutLifeEvent(ctx, e, i); err != nil {
			return added, fmt.Errorf("demo life event %s: %w", e.Slug, err)
		}
		added++
	}
	return added, nil
}

// loadProcedures creates and publishes the procedures that do not exist yet.
func loadProcedures(ctx context.Context, cat *catalogue.Service, ids *identity.Service) (int, error) {
	files, err := fs.Glob(content.FS, "procedures/*.json")
	if err != nil {
		return 0, err
	}
	rules := eligibility.DefaultRules()
	added := 0
	for _, name := range files {
		data, err := fs.ReadFile(content.FS, name)
		if err != nil {
			return added, fmt.Errorf("demo procedure %s: %w", name, err)
		}
		var p catalogue.Procedure
		if err := json.Unmarshal(data, &p); err != nil {
			return added, fmt.Errorf("demo procedure %s: %w", name, err)
		}
		if p.Slug == "" {
			p.Slug = strings.TrimSuffix(path.Base(name), ".json")
		}
		if r, ok := rules[p.Slug]; ok && p.Eligibility.Expr == "" {
			p.Eligibility = catalogue.Eligibility{Expr: r.Expr, Reason: r.Reason, Unchecked: r.Unchecked,
				Link: r.Link, Renewal: r.Renewal}
		}
		ok, err := loadProcedure(ctx, cat, ids, p)
		if err != nil {
			return added, fmt.Errorf("demo procedure %s: %w", p.Slug, err)
		}
		if ok {
			added++
		}
	}
	return added, nil
}

// loadProcedure creates and publishes p unless its slug exists, and tells
// whether it did. A procedure left as a draft (by a load of an older
// version, which created and published in two steps) is published.
func loadProcedure(ctx context.Context, cat *catalogue.Service, ids *identity.Service, p catalogue.Procedure) (bool, error) {
	org, err := ids.OrganisationBySlug(ctx, p.Administration)
	if err != nil {
		return false, err
	}
	ed := catalogue.Editor{OrgID: org.ID}
	cur, err := cat.Edited(ctx, ed, p.Slug)
	switch {
	case errs.Is(err, errs.NotFound):
		return true, cat.CreatePublished(ctx, ed, p)
	case errs.Is(err, errs.Forbidden):
		return false, nil // Another organisation has this slug: keep its procedure.
	case err != nil:
		return false, err
	case cur.PublishedRevision != 0:
		return false, nil
	}
	return true, cat.Publish(ctx, ed, p.Slug, cur.Latest.Number)
}

// loadSynonyms stores the demo synonyms list when none was ever saved.
func loadSynonyms(ctx context.Context, cat *catalogue.Service) (bool, error) {
	cur, err := cat.Synonyms(ctx)
	if err != nil || !cur.SavedAt.IsZero() {
		return false, err
	}
	data, err := fs.ReadFile(content.FS, "synonyms.txt")
	if err != nil {
		return false, fmt.Errorf("demo synonyms: %w", err)
	}
	if err := cat.SaveSynonyms(ctx, 0, string(data)); err != nil {
		return false, fmt.Errorf("demo synonyms: %w", err)
	}
	return true, nil
}
