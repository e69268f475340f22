package app

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"guichet/internal/database"
	"guichet/internal/jobs"
)

// jobsCollector reports the number of jobs in each state when /metrics is read.
type jobsCollector struct {
	db   *database.DB
	desc *prometheus.Desc
}

func newJobsCollector(db *database.DB) prometheus.Collector {
	return &jobsCollector{db: db, desc: prometheus.NewDesc("guichet_jobs",
		"Background jobs by status.", []string{"status"}, nil)}
}

func (c *jobsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *jobsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	stats, err := jobs.Stats(ctx, c.db)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for status, n := range stats {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), status)
	}
}
