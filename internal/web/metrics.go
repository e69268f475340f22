package web

import (
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// httpMetrics counts requests and their durations per route pattern, so
// that labels stay few whatever paths are asked for.
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	// ok holds each route's counter of 200s and its histogram, found once:
	// finding them by label values on every request costs more than the
	// answer of a kept page.
	ok sync.Map // route → routeMetrics
}

type routeMetrics struct {
	count    prometheus.Counter
	duration prometheus.Observer
}

func newHTTPMetrics(reg *prometheus.Registry) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "guichet_http_requests_total", Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "guichet_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
	}
	if reg != nil {
		reg.MustRegister(m.requests, m.duration)
	}
	return m
}

func (m *httpMetrics) observe(route string, status int, d time.Duration) {
	if status != 200 {
		m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(route).Observe(d.Seconds())
		return
	}
	rm, ok := m.ok.Load(route)
	if !ok {
		rm, _ = m.ok.LoadOrStore(route, routeMetrics{m.requests.WithLabelValues(route, "200"), m.duration.WithLabelValues(route)})
	}
	rm.(routeMetrics).count.Inc()
	rm.(routeMetrics).duration.Observe(d.Seconds())
}
