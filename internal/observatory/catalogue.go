package observatory

import (
	"context"

	"guichet/internal/catalogue"
)

// FromCatalogue lists the published procedures of cat, the most requested
// first, as Options.Procedures wants them. online, when not nil, names the
// procedures with a published form: their page offers "Faire la démarche en
// ligne", so they are done on Guichet whether or not the catalogue lists
// that channel.
func FromCatalogue(cat *catalogue.Service, online func(context.Context) (map[string]bool, error)) func(ctx context.Context) ([]Procedure, error) {
	return func(ctx context.Context) ([]Procedure, error) {
		snap, err := cat.Snapshot(ctx)
		if err != nil {
			return nil, err
		}
		withForm := map[string]bool{}
		if online != nil {
			if withForm, err = online(ctx); err != nil {
				return nil, err
			}
		}
		out := make([]Procedure, 0, len(snap.Procedures()))
		for _, p := range snap.Procedures() {
			op := Procedure{Slug: p.Slug, Title: p.Title, Administration: p.Org.Name,
				AdministrationSlug: p.Org.Slug, OrgID: p.Org.ID, Category: p.Category, Volume: p.Volume,
				OnGuichet: withForm[p.Slug]}
			for _, c := range p.Channels {
				op.OnGuichet = op.OnGuichet || c.Kind == catalogue.ChannelOnline
				op.OnlineElsewhere = op.OnlineElsewhere || c.Kind == catalogue.ChannelExternal
			}
			out = append(out, op)
		}
		return out, nil
	}
}
