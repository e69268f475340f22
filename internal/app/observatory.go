package app

import (
	"context"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/observatory"
)

// observatoryProcedures lists the published procedures for the
// observatory, from the catalogue's snapshot.
func (a *App) observatoryProcedures(ctx context.Context) ([]observatory.Procedure, error) {
	snap, err := a.Catalogue.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var out []observatory.Procedure
	for _, p := range snap.Procedures() {
		op := observatory.Procedure{Slug: p.Slug, Title: p.Title, Administration: p.Org.Name,
			AdministrationSlug: p.Org.Slug, OrgID: p.Org.ID, Category: p.Category, Volume: p.Volume}
		for _, c := range p.Channels {
			op.OnGuichet = op.OnGuichet || c.Kind == catalogue.ChannelOnline
			op.OnlineElsewhere = op.OnlineElsewhere || c.Kind == catalogue.ChannelExternal
		}
		out = append(out, op)
	}
	return out, nil
}

// refreshObservatoryEvery keeps the observatory's current edition at most
// a minute behind, in processes that run background work.
func (a *App) refreshObservatoryEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := a.Observatory.Refresh(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("observatoire : le calcul de l'édition en cours a échoué", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
