package app

import (
	"context"
	"time"
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
