package main

import (
	"context"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"time"
)

// loadConfig says how hard and how long to load one address.
type loadConfig struct {
	Connections int
	Warmup      time.Duration // requests in this first period are not counted
	Duration    time.Duration // the measured period, after the warm-up
}

// measure is what one load run saw during its measured period.
type measure struct {
	// Sent counts every answer, warm-up included; CPU is the server's
	// processor time over the same period, when its process is known.
	Sent      int
	CPU       time.Duration
	Requests  int
	Errors    int
	Elapsed   time.Duration
	Latencies []time.Duration // sorted
}

// newClient returns a client that keeps at most n connections to a host,
// all reused: the load is n concurrent keep-alive connections. It never
// decompresses: get asks for gzip as a browser does and reads the bytes as
// they come, as wrk does, so that the load generator, which shares the
// machine's processors with the server, does not spend them inflating the
// server's pages (readPage, without the header, gets them plain).
func newClient(n int) *http.Client {
	tr := &http.Transport{
		DisableCompression:  true,
		MaxIdleConns:        n,
		MaxIdleConnsPerHost: n,
		MaxConnsPerHost:     n,
		IdleConnTimeout:     30 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// load sends GET url from cfg.Connections workers, each waiting for its
// answer before the next request, and measures the period after the warm-up.
func load(ctx context.Context, url string, cfg loadConfig) measure {
	client := newClient(cfg.Connections)
	defer client.CloseIdleConnections()
	start := time.Now()
	measureFrom := start.Add(cfg.Warmup)
	end := measureFrom.Add(cfg.Duration)
	ctx, cancel := context.WithDeadline(ctx, end)
	defer cancel()

	var mu sync.Mutex
	var all measure
	var wg sync.WaitGroup
	for range cfg.Connections {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat, errs, sent := worker(ctx, client, url, measureFrom)
			mu.Lock()
			all.Latencies = append(all.Latencies, lat...)
			all.Errors += errs
			all.Sent += sent
			mu.Unlock()
		}()
	}
	wg.Wait()
	all.Elapsed = time.Since(measureFrom)
	if all.Elapsed > cfg.Duration {
		all.Elapsed = cfg.Duration
	}
	all.Requests = len(all.Latencies)
	slices.Sort(all.Latencies)
	return all
}

// worker loops until ctx ends; it returns the latencies of the successful
// requests started after from, and the number of failed ones.
func worker(ctx context.Context, c *http.Client, url string, from time.Time) (lat []time.Duration, errs, sent int) {
	for ctx.Err() == nil {
		t0 := time.Now()
		ok := get(ctx, c, url)
		d := time.Since(t0)
		if ctx.Err() != nil {
			break // Cut short by the deadline: neither a success nor a failure.
		}
		sent++
		if t0.Before(from) {
			continue
		}
		if ok {
			lat = append(lat, d)
		} else {
			errs++
		}
	}
	return lat, errs, sent
}

// acceptGzip is what a browser asks for, without which the pages come uncompressed.
var acceptGzip = []string{"gzip"}

func get(ctx context.Context, c *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	req.Header["Accept-Encoding"] = acceptGzip
	res, err := c.Do(req)
	if err != nil {
		return false
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return err == nil && res.StatusCode == http.StatusOK
}

// percentile returns the nearest-rank p-th percentile (0 < p ≤ 100) of
// sorted durations, or 0 when there are none.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(float64(len(sorted))*p/100)) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

// merge adds up measures of the same address taken in turns.
func merge(ms ...measure) measure {
	var all measure
	for _, m := range ms {
		all.Requests += m.Requests
		all.Sent += m.Sent
		all.CPU += m.CPU
		all.Errors += m.Errors
		all.Elapsed += m.Elapsed
		all.Latencies = append(all.Latencies, m.Latencies...)
	}
	slices.Sort(all.Latencies)
	return all
}

// loadProcess is load, with the processor time pid spent meanwhile (pid 0: none).
func loadProcess(ctx context.Context, pid int, url string, cfg loadConfig) measure {
	before := cpuTime(pid)
	m := load(ctx, url, cfg)
	if pid != 0 {
		m.CPU = cpuTime(pid) - before
	}
	return m
}
