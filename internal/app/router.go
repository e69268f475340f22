package app

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// router is the root of Guichet's HTTP surface: it mounts the JSON API, the
// operations endpoints, the static files and the pages, each from the
// package that serves it. /metrics is here only behind its bearer token
// (Config.MetricsToken); metricsRouter serves it on its own address.
func (a *App) router() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/", a.Web.Mount("/api/", a.API))
	// The catalogue search is the same for every anonymous caller.
	mux.Handle("GET /api/v1/procedures", a.Web.MountPublic("GET /api/v1/procedures", a.API))
	mux.Handle("GET /healthz", a.Web.Mount("GET /healthz", http.HandlerFunc(healthz)))
	mux.Handle("GET /readyz", a.Web.Mount("GET /readyz", http.HandlerFunc(a.readyz)))
	if a.Config.MetricsToken != "" {
		mux.Handle("GET /metrics", a.Web.Mount("GET /metrics", bearer(a.Config.MetricsToken, a.metricsHandler())))
	}
	mux.Handle("GET /static/{file...}", a.Web.Static())
	mux.Handle("/", a.Web)
	return mux
}

// metricsRouter serves /metrics, for the address Config.MetricsAddr that
// only the monitoring network reaches, and Go's profiles under
// /debug/pprof/: where a node spends its time and memory is read there,
// under its real load (scripts/bench.sh -profile), never on the public address.
func (a *App) metricsRouter() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metricsHandler())
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	return mux
}

func (a *App) metricsHandler() http.Handler {
	return promhttp.HandlerFor(a.Metrics, promhttp.HandlerOpts{})
}

// bearer admits only requests carrying "Authorization: Bearer token".
func bearer(token string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// healthz says the process is alive; it touches nothing else.
func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("ok\n"))
}

// readyz says whether the node takes new requests: not while it drains
// before stopping (drain.go), nor when the database does not answer, so
// that a load balancer sends no traffic to a node that cannot serve it.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if a.Draining() {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("draining\n"))
		return
	}
	if err := a.DB.PingContext(ctx); err != nil {
		a.Logger.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}
