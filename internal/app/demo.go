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
