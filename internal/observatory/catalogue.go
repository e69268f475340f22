package observatory

import (
	"context"

	"guichet/internal/catalogue"
)

// FromCatalogue lists the published procedures of cat, the most requested
// first, as Options.Procedures wants them.
func FromCatalogue(cat *catalogue.Service) func(ctx context.Context) ([]Procedure, error) {
	return func(ctx context.Context) ([]Procedure, error) {
		snap, err := cat.Snapshot(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]Procedure, 0, len(snap.Procedures()))
		for _, p := range snap.Procedures() {
			op := Procedure{Slug: p.Slug, Title: p.Title, Administration: p.Org.Name,
				AdministrationSlug: p.Org.Slug, OrgID: p.Org.ID, Category: p.Category, Volume: p.Volume}
			for _, c := range p.Channels {
				op.OnGuichet = op.OnGuichet || c.Kind == catalogue.ChannelOnline
				op.OnlineElsewhere = op.OnlineElsewhere || c.Kind == catalogue.ChannelExternal
			}
			out = append(out, op)
		}
		return out, nil
	}
}
