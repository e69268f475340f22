package app

import (
	"context"
	"fmt"

	"guichet/internal/demo"
)

// EndDemo turns off the demo accounts of a database that once served the
// demo, for a start without --demo: their passwords are public.
func (a *App) EndDemo(ctx context.Context) error {
	n, err := demo.DisableAccounts(ctx, a.Identity)
	if err != nil {
		return fmt.Errorf("démonstration : %w", err)
	}
	if n > 0 {
		a.Logger.Warn("comptes de démonstration désactivés : --demo n'est pas donné", "comptes", n)
	}
	return nil
}

// GenerateDemo adds generated people, dossiers and feedback answers to the
// demo's procedures (demo.Generate), the demo citizen owning 200 of the
// dossiers, then refreshes the observatory so that its page shows them.
func (a *App) GenerateDemo(ctx context.Context, opts demo.GenerateOptions) (demo.GenerateReport, error) {
	targets, err := demo.GenerateTargets(ctx, a.Catalogue, a.Forms, a.Backoffice)
	if err != nil {
		return demo.GenerateReport{}, err
	}
	if u, err := a.Identity.UserByEmail(ctx, demo.Accounts[0].Email); err == nil {
		opts.Citizen, opts.CitizenDossiers = u.ID, 200
	}
	rep, err := demo.Generate(ctx, a.DB, targets, opts)
	if err != nil {
		return rep, err
	}
	return rep, a.Observatory.Refresh(ctx)
}

// TableSize is the room a table takes, its indexes included.
type TableSize struct {
	Table string
	Bytes int64
}

// DossierTableBytes returns the size of the tables that grow with the
// dossiers and the people: what a capacity plan multiplies.
func (a *App) DossierTableBytes(ctx context.Context) ([]TableSize, error) {
	var out []TableSize
	for _, t := range []string{"users", "dossiers", "dossier_events", "dossier_messages", "dossier_files",
		"listening_feedback", "listening_feedback_help"} {
		n, err := a.DB.TableBytes(ctx, t)
		if err != nil {
			return nil, err
		}
		out = append(out, TableSize{t, n})
	}
	return out, nil
}
