package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// profiling fetches Go profiles from the server while it is loaded: the
// CPU profile and the allocations of one turn, for `go tool pprof`.
type profiling struct {
	base string // the server's /debug/pprof/ address; "" for none
	dir  string
}

// start begins the profiles of a turn of target name; stop waits for them
// and writes them as DIR/NAME.cpu and DIR/NAME.allocs.
func (p profiling) start(ctx context.Context, name string, turn loadConfig) (stop func() error) {
	if p.base == "" {
		return func() error { return nil }
	}
	seconds := max(1, int((turn.Warmup + turn.Duration).Seconds()))
	file := filepath.Join(p.dir, strings.ReplaceAll(name, " ", "-"))
	done := make(chan error, 2)
	for _, kind := range []struct{ path, ext string }{{"profile", ".cpu"}, {"allocs", ".allocs"}} {
		go func() {
			done <- p.fetch(ctx, fmt.Sprintf("%s/debug/pprof/%s?seconds=%d", p.base, kind.path, seconds), file+kind.ext)
		}()
	}
	return func() error {
		return errors.Join(<-done, <-done)
	}
}

func (p profiling) fetch(ctx context.Context, url, file string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", url, res.StatusCode)
	}
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
