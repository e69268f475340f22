package demo

import (
	"context"
	"fmt"

	"guichet/internal/backoffice"
	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// GenerateTargets lists every published procedure of the catalogue for
// Generate: with its published form and the agents of its team when it has
// one online, for feedback only otherwise.
func GenerateTargets(ctx context.Context, cat *catalogue.Service, fm *forms.Service, bo *backoffice.Service) ([]GenerateTarget, error) {
	sn, err := cat.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var out []GenerateTarget
	for _, p := range sn.Procedures() {
		t := GenerateTarget{Procedure: p.Slug, OrgID: p.Org.ID}
		f, err := fm.Published(ctx, p.Slug)
		switch {
		case err == nil:
			t.Form = f
			if t.Agents, err = bo.Team(ctx, p.Org.ID, p.Slug); err != nil {
				return nil, err
			}
		case errs.Is(err, errs.NotFound):
		default:
			return nil, fmt.Errorf("form of %s: %w", p.Slug, err)
		}
		out = append(out, t)
	}
	return out, nil
}
