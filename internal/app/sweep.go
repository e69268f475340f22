package app

import (
	"context"
	"time"
)

// RunWorker runs the background work of a process without the site
// (`guichet worker`): the job queue and, every ten minutes, the sweeps of
// Sweep, and every minute the observatory's refresh and, with a base URL,
// its probe of the instance. It returns when ctx is cancelled and running jobs are done.
func (a *App) RunWorker(ctx context.Context) error {
	sweepCtx, stop := context.WithCancel(ctx)
	defer stop()
	go a.purgeEvery(sweepCtx, 10*time.Minute)
	go a.refreshObservatoryEvery(sweepCtx, time.Minute)
	a.startProbes(sweepCtx, "")
	return a.Jobs.Run(ctx)
}

// purgeEvery runs Sweep now and then, in processes that run background work.
func (a *App) purgeEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		a.Sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Sweep deletes expired sessions, reset links, throttle counters and old
// finished jobs and webhook deliveries, warns of then deletes forgotten drafts, runs the
// mandates' expiry sweep (notices 30 days before the end, journal entry at
// the end), sends the appointments' reminders of the day before, runs
// the procedures' retention of closed dossiers (notice 30 days before, then
// complete deletion) and queues new evaluations of the suggested aid when
// rules or parameters in force changed. Failures are logged: the next sweep
// tries again.
func (a *App) Sweep(ctx context.Context) {
	if n, err := a.Identity.Purge(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("la purge des sessions expirées a échoué", "err", err)
	} else if n > 0 {
		a.Logger.Info("sessions et liens expirés purgés", "rows", n)
	}
	if notices, ended, err := a.Mediation.Sweep(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("mandates: expiry sweep failed", "err", err)
	} else if notices+ended > 0 {
		a.Logger.Info("mandates: expiry notices and ends recorded", "notices", notices, "ended", ended)
	}
	if n, err := a.Appointments.Sweep(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("appointments: reminder sweep failed", "err", err)
	} else if n > 0 {
		a.Logger.Info("appointments: reminders sent", "reminders", n)
	}
	if n, err := a.Rights.Sweep(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("rights: sweep of rules and parameters failed", "err", err)
	} else if n > 0 {
		a.Logger.Info("rights: rules or parameters changed, suggestions evaluated again", "people", n)
	}
	if n, err := a.Jobs.Prune(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("prune finished jobs", "err", err)
	} else if n > 0 {
		a.Logger.Info("pruned finished jobs", "rows", n)
	}
	if n, err := a.Webhooks.Prune(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("webhooks: prune finished deliveries", "err", err)
	} else if n > 0 {
		a.Logger.Info("webhooks: finished deliveries pruned", "rows", n)
	}
	if warned, deleted, err := a.Dossiers.Sweep(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("le rappel et la suppression des brouillons expirés ont échoué", "err", err)
	} else if warned+deleted > 0 {
		a.Logger.Info("brouillons expirés", "prévenus", warned, "supprimés", deleted)
	}
	if warned, deleted, err := a.Dossiers.SweepRetention(ctx); err != nil && ctx.Err() == nil {
		a.Logger.Warn("la conservation des dossiers terminés a échoué", "err", err)
	} else if warned+deleted > 0 {
		a.Logger.Info("dossiers terminés en fin de conservation", "prévenus", warned, "supprimés", deleted)
	}
}
