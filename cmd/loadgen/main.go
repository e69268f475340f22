// Command loadgen loads a Guichet server on this machine and compares each
// page with a bare Go HTTP server (the ceiling): requests per second and
// p50/p99 latency with N keep-alive connections, as a table and as JSON.
//
//	loadgen -base http://127.0.0.1:8080 [-duration 10s] [-connections 50] [-target name=path]…
//
// It refuses any address that is not on the loopback interface.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// options are the command-line flags.
type options struct {
	base      string
	out       string
	serve     bool
	waitReady time.Duration
	cfg       loadConfig
	extra     []target
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.StringVar(&o.base, "base", "", "address of the server to load, on loopback (http://127.0.0.1:PORT)")
	fs.StringVar(&o.out, "out", "build/bench.json", "where to write the JSON report")
	fs.DurationVar(&o.cfg.Duration, "duration", 10*time.Second, "measured time per target")
	fs.DurationVar(&o.cfg.Warmup, "warmup", time.Second, "unmeasured time before each target's measure")
	fs.IntVar(&o.cfg.Connections, "connections", 50, "concurrent keep-alive connections")
	fs.DurationVar(&o.waitReady, "wait-ready", 0, "first wait this long at most for GET /readyz to answer 200")
	fs.BoolVar(&o.serve, "serve-ceiling", false, "serve the ceiling page (used by loadgen itself)")
	fs.Func("target", "one more `name=path` to load (repeatable)", func(v string) error {
		name, path, ok := strings.Cut(v, "=")
		if !ok || name == "" || !strings.HasPrefix(path, "/") {
			return errors.New("want name=/path")
		}
		o.extra = append(o.extra, target{Name: name, Path: path})
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.serve {
		return o, nil
	}
	if o.cfg.Connections < 1 || o.cfg.Duration <= 0 || o.cfg.Warmup < 0 {
		return o, errors.New("-connections and -duration must be positive")
	}
	o.base = strings.TrimRight(o.base, "/")
	return o, checkLoopback(o.base)
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if o.serve {
		return serveCeiling(out)
	}
	if o.waitReady > 0 {
		if err := waitReady(ctx, o.base+"/readyz", o.waitReady); err != nil {
			return err
		}
	}
	ceilingURL, stopCeiling, err := startCeiling(ctx)
	if err != nil {
		return err
	}
	defer stopCeiling()

	rep := report{Started: time.Now().UTC(), Connections: o.cfg.Connections, Duration: o.cfg.Duration.String(),
		Warmup: o.cfg.Warmup.String(), CPUs: runtime.NumCPU(), GoVersion: runtime.Version()}
	fmt.Fprintf(out, "loadgen: %d connections, %s per target after a %s warm-up\n", o.cfg.Connections, o.cfg.Duration, o.cfg.Warmup)
	rep.Ceiling = newResult("ceiling (bare Go)", ceilingURL+"/", load(ctx, ceilingURL+"/", o.cfg))
	fmt.Fprintf(out, "  %-20s %8.0f requests/s\n", rep.Ceiling.Name, rep.Ceiling.RequestsPerSecond)

	var failed []string
	for _, t := range append(targets(), o.extra...) {
		r, err := runTarget(ctx, o, t)
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", t.Name, err))
			continue
		}
		if rep.Ceiling.RequestsPerSecond > 0 {
			r.RatioToCeiling = r.RequestsPerSecond / rep.Ceiling.RequestsPerSecond
		}
		rep.Targets = append(rep.Targets, r)
		if r.Skipped == "" {
			fmt.Fprintf(out, "  %-20s %8.0f requests/s\n", r.Name, r.RequestsPerSecond)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	fmt.Fprintln(out)
	writeTable(out, rep)
	if err := writeJSON(o.out, rep); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nwritten to %s\n", o.out)
	if len(failed) > 0 {
		return fmt.Errorf("targets that failed: %s", strings.Join(failed, "; "))
	}
	return nil
}

// runTarget finds the target's address, checks that it answers 200, and
// loads it. An optional target that does not answer 200 comes back skipped.
func runTarget(ctx context.Context, o options, t target) (result, error) {
	probe := newClient(1)
	defer probe.CloseIdleConnections()
	path := t.Path
	if t.Discover != nil {
		p, err := t.Discover(ctx, probe, o.base)
		if err != nil {
			return result{}, err
		}
		path = p
	}
	url := o.base + path
	if status, err := statusOf(ctx, probe, url); err != nil || status != 200 {
		why := fmt.Sprintf("status %d", status)
		if err != nil {
			why = err.Error()
		}
		if t.Optional {
			return result{Name: t.Name, URL: path, Skipped: why}, nil
		}
		return result{}, fmt.Errorf("GET %s: %s", path, why)
	}
	r := newResult(t.Name, path, load(ctx, url, o.cfg))
	return r, nil
}
