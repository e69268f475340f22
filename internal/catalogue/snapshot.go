package catalogue

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"guichet/internal/database"
	"guichet/internal/eligibility"
	"guichet/internal/textsearch"
)

// Snapshot is the public catalogue at one version: the published procedures, the life events
// and the search index. It is immutable, so any number of requests may read it at once.
type Snapshot struct {
	// Version is the catalogue version the snapshot was built from.
	Version    int64
	procedures []*PublishedProcedure // by volume, largest first, then title
	bySlug     map[string]*PublishedProcedure
	categories map[string][]*PublishedProcedure
	events     []LifeEvent // events with at least one published procedure, which alone they list
	eventsOf   map[string][]LifeEvent
	index      *textsearch.Index
	rules      map[string]eligibility.RuleSpec
}

// Procedures returns every published procedure, the most requested first. The slice is
// shared: do not change it.
func (sn *Snapshot) Procedures() []*PublishedProcedure { return sn.procedures }

// Procedure returns the published procedure with that slug.
func (sn *Snapshot) Procedure(slug string) (*PublishedProcedure, bool) {
	p, ok := sn.bySlug[slug]
	return p, ok
}

// InCategory returns the published procedures of a category, the most requested first. The
// slice is shared: do not change it.
func (sn *Snapshot) InCategory(category string) []*PublishedProcedure { return sn.categories[category] }

// LifeEvents returns the life events that have at least one published procedure, in display
// order, each listing only its published procedures.
func (sn *Snapshot) LifeEvents() []LifeEvent { return sn.events }

// LifeEvent returns a life event and its published procedures, in the order a person meets
// them.
func (sn *Snapshot) LifeEvent(slug string) (LifeEvent, []*PublishedProcedure, bool) {
	for _, e := range sn.events {
		if e.Slug == slug {
			procs := make([]*PublishedProcedure, len(e.Procedures))
			for i, s := range e.Procedures {
				procs[i] = sn.bySlug[s]
			}
			return e, procs, true
		}
	}
	return LifeEvent{}, nil, false
}

// EventsOf returns the life events a published procedure belongs to.
func (sn *Snapshot) EventsOf(slug string) []LifeEvent { return sn.eventsOf[slug] }

// Rules returns the eligibility rules of the published procedures that have one, by slug.
// The map is shared: do not change it.
func (sn *Snapshot) Rules() map[string]eligibility.RuleSpec { return sn.rules }

const selectPublishedSQL = `SELECT o.id, o.slug, o.name, p.published_revision, p.published_at, r.content
	FROM procedures p
	JOIN procedure_revisions r ON r.procedure_id = p.id AND r.number = p.published_revision
	JOIN organisations o ON o.id = p.org_id
	WHERE p.published_revision IS NOT NULL`

// buildSnapshot reads the public catalogue and indexes it. The caller reads the version
// first, so that a change committed meanwhile gives a snapshot labelled older than its
// content, which the next check rebuilds, never the other way round.
func buildSnapshot(ctx context.Context, q database.Querier, version int64) (*Snapshot, error) {
	procs, err := publishedProcedures(ctx, q)
	if err != nil {
		return nil, err
	}
	events, err := lifeEvents(ctx, q)
	if err != nil {
		return nil, err
	}
	syn, err := synonymsList(ctx, q)
	if err != nil {
		return nil, err
	}
	sn := &Snapshot{Version: version, procedures: procs, bySlug: map[string]*PublishedProcedure{},
		categories: map[string][]*PublishedProcedure{}, eventsOf: map[string][]LifeEvent{},
		rules: map[string]eligibility.RuleSpec{}}
	for _, p := range procs {
		sn.bySlug[p.Slug] = p
		sn.categories[p.Category] = append(sn.categories[p.Category], p)
		if p.Eligibility.Expr != "" {
			sn.rules[p.Slug] = p.Spec()
		}
	}
	sn.setEvents(events)
	docs := make([]textsearch.Document, len(procs))
	for i, p := range procs {
		docs[i] = searchDocument(p, sn.eventsOf[p.Slug])
	}
	sn.index = textsearch.NewIndex(docs, searchSynonyms(syn.Text))
	return sn, nil
}

// publishedProcedures reads every published procedure, the most requested first.
func publishedProcedures(ctx context.Context, q database.Querier) ([]*PublishedProcedure, error) {
	rows, err := q.QueryContext(ctx, selectPublishedSQL)
	if err != nil {
		return nil, fmt.Errorf("read published procedures: %w", err)
	}
	defer rows.Close()
	var out []*PublishedProcedure
	for rows.Next() {
		p := &PublishedProcedure{}
		var content string
		if err := rows.Scan(&p.Org.ID, &p.Org.Slug, &p.Org.Name, &p.Revision, &p.PublishedAt, &content); err != nil {
			return nil, fmt.Errorf("read published procedures: %w", err)
		}
		if err := json.Unmarshal([]byte(content), &p.Procedure); err != nil {
			return nil, fmt.Errorf("decode published procedure: %w", err)
		}
		p.PublishedAt = p.PublishedAt.UTC()
		p.Administration = p.Org.Slug
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read published procedures: %w", err)
	}
	slices.SortFunc(out, func(a, b *PublishedProcedure) int {
		if c := cmp.Compare(b.Volume, a.Volume); c != 0 {
			return c
		}
		return cmp.Compare(a.Title, b.Title)
	})
	return out, nil
}

// setEvents keeps the published procedures of each life event: first those it lists, in its
// order, then those that name it without being listed, the most requested first.
func (sn *Snapshot) setEvents(events []LifeEvent) {
	for _, e := range events {
		var slugs []string
		for _, s := range e.Procedures {
			if _, ok := sn.bySlug[s]; ok && !slices.Contains(slugs, s) {
				slugs = append(slugs, s)
			}
		}
		for _, p := range sn.procedures {
			if slices.Contains(p.LifeEvents, e.Slug) && !slices.Contains(slugs, p.Slug) {
				slugs = append(slugs, p.Slug)
			}
		}
		if len(slugs) == 0 {
			continue
		}
		e.Procedures = slugs
		sn.events = append(sn.events, e)
		for _, s := range slugs {
			sn.eventsOf[s] = append(sn.eventsOf[s], e)
		}
	}
}
