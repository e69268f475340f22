package app

import "time"

// drain turns /readyz red, then waits Config.DrainWait while the node
// still serves: a load balancer that checks /readyz every second stops
// sending new requests within that time, so that none reaches a node that
// has closed its listener (which the balancer would only learn from a
// refused connection). Run then stops the listener and lets the requests
// already taken finish.
func (a *App) drain() {
	a.draining.Store(true)
	if a.Config.DrainWait <= 0 {
		return
	}
	a.Logger.Info("arrêt demandé : /readyz répond 503, le répartiteur de charge a le temps de retirer ce nœud",
		"attente", a.Config.DrainWait)
	time.Sleep(a.Config.DrainWait)
}

// Draining tells whether the node is stopping (its /readyz is red).
func (a *App) Draining() bool { return a.draining.Load() }
