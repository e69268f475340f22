package app

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/observatory"
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

// startProbes registers the observatory's probe on the job queue and
// schedules it every minute (for disponibilité), in a process that runs
// background work. The probe asks the base URL, as people reach the
// instance; without one given, local (this node's own address) or nothing
// in a worker process, which then leaves the probe to the nodes that serve.
// Call it before the queue runs.
func (a *App) startProbes(ctx context.Context, local string) {
	base := strings.TrimRight(a.Config.BaseURL, "/")
	if base == "" || base == "http://"+a.Config.Addr {
		// No base URL was given (config derives it from --addr, whose port
		// may be 0): this node's own listener is the address to ask.
		base = local
	}
	if base == "" {
		return
	}
	client := &http.Client{Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	a.Jobs.Register(observatory.ProbeJobKind, a.Observatory.ProbeHandler(func() string { return base }, client))
	go a.scheduleProbesEvery(ctx, 20*time.Second)
}

// scheduleProbesEvery enqueues the minute's probe more often than once a
// minute, so that no minute is skipped by a late tick: the nodes and the
// ticks of one minute all enqueue the same job.
func (a *App) scheduleProbesEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := a.Observatory.ScheduleProbe(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("observatoire : la sonde de la minute n'a pas pu être programmée", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// flushTimingsEvery writes the response times of the procedures' pages
// this node gathered, in every process that serves pages.
func (a *App) flushTimingsEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := a.Observatory.FlushTimings(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("observatoire : les temps de réponse n'ont pas pu être enregistrés", "err", err)
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
