package app

import (
	"context"
	"slices"
	"time"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

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

// alertRecipients are the addresses an alert on a procedure of
// organisation orgID reaches: the organisation's procedure owners and the
// members of the observatory.
func (a *App) alertRecipients(ctx context.Context, orgID int64) ([]string, error) {
	var out []string
	owners, err := a.Identity.Members(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for _, m := range owners {
		if m.Role == identity.RoleProcedureOwner {
			out = append(out, m.Email)
		}
	}
	obs, err := a.Identity.OrganisationBySlug(ctx, "observatoire")
	if errs.Is(err, errs.NotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	members, err := a.Identity.Members(ctx, obs.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.Role == identity.RoleObservatory && !slices.Contains(out, m.Email) {
			out = append(out, m.Email)
		}
	}
	return out, nil
}
