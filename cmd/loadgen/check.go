package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// checkLoopback refuses any server that is not on this machine's loopback
// interface: a load test never leaves the machine.
func checkLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("-base: want http://127.0.0.1:PORT, got %q", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-base: %s is not a loopback address; loadgen only loads this machine", host)
}

// statusOf returns the status code of GET url.
func statusOf(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// waitReady polls url until it answers 200, for at most timeout.
func waitReady(ctx context.Context, url string, timeout time.Duration) error {
	c := newClient(1)
	defer c.CloseIdleConnections()
	deadline := time.Now().Add(timeout)
	for {
		status, err := statusOf(ctx, c, url)
		if err == nil && status == http.StatusOK {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not answer 200 within %s (last: status %d, %v)", url, timeout, status, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond): // Fine enough to time the start-up.
		}
	}
}
