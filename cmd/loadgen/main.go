// Command loadgen loads a Guichet server on this machine and compares each
// page with a bare Go HTTP server (the ceiling): requests per second and
// p50/p99 latency with N keep-alive connections, against the goals of
// issue 16, as a table and as JSON.
//
//	loadgen -base http://127.0.0.1:8080 [-duration 10s] [-connections 50] [-only home,places] [-target name=path]…
//
// The ceiling is measured in turns with each target (-rounds), so that
// both see the same load from the rest of the machine and their ratio
// holds on a busy one. Given the server's process (-server-pid) and when
// it was started (-started), it also reports the start-up time and the
// memory at rest. It refuses any address that is not on the loopback
// interface.
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
	"slices"
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
	rounds    int
	extra     []target
	only      []string
	server    serverProcess
	profiles  profiling
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.StringVar(&o.base, "base", "", "address of the server to load, on loopback (http://127.0.0.1:PORT)")
	fs.StringVar(&o.out, "out", "build/bench.json", "where to write the JSON report")
	fs.DurationVar(&o.cfg.Duration, "duration", 10*time.Second, "measured time per target (and as much for the ceiling beside it)")
	fs.DurationVar(&o.cfg.Warmup, "warmup", time.Second, "unmeasured time before each measure")
	fs.IntVar(&o.cfg.Connections, "connections", 50, "concurrent keep-alive connections")
	fs.IntVar(&o.rounds, "rounds", 2, "turns of ceiling then target the measured time is split into")
	fs.DurationVar(&o.waitReady, "wait-ready", 0, "first wait this long at most for GET /readyz to answer 200")
	fs.BoolVar(&o.serve, "serve-ceiling", false, "serve the ceiling page (used by loadgen itself)")
	fs.IntVar(&o.server.pid, "server-pid", 0, "process of the server, to report its memory (Linux)")
	fs.Int64Var(&o.server.startedNanos, "started", 0, "when the server was started, in Unix nanoseconds (date +%s%N), to report its start-up time with -wait-ready")
	fs.DurationVar(&o.server.firstStart, "first-start", 0, "how long the server took to be ready on an empty data folder, to report beside -started")
	fs.StringVar(&o.profiles.base, "profile-base", "", "address serving /debug/pprof/ for the server (its --metrics-addr): a CPU and an allocation profile per target")
	fs.StringVar(&o.profiles.dir, "profile-dir", "build/profiles", "where to write the profiles")
	fs.Func("only", "load only these comma-separated targets (names)", func(v string) error {
		o.only = append(o.only, strings.Split(v, ",")...)
		return nil
	})
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
	if o.cfg.Connections < 1 || o.cfg.Duration <= 0 || o.cfg.Warmup < 0 || o.rounds < 1 {
		return o, errors.New("-connections, -duration and -rounds must be positive")
	}
	o.base = strings.TrimRight(o.base, "/")
	if o.profiles.base != "" {
		o.profiles.base = strings.TrimRight(o.profiles.base, "/")
		if err := checkLoopback(o.profiles.base); err != nil {
			return o, err
		}
	}
	return o, checkLoopback(o.base)
}

// chosen returns the targets to load: every one, or those -only names.
func (o options) chosen() ([]target, error) {
	all := append(targets(), o.extra...)
	if len(o.only) == 0 {
		return all, nil
	}
	var out []target
	for _, name := range o.only {
		i := slices.IndexFunc(all, func(t target) bool { return t.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("-only: no target named %q", name)
		}
		out = append(out, all[i])
	}
	return out, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if o.serve {
		return serveCeiling(out)
	}
	picked, err := o.chosen()
	if err != nil {
		return err
	}
	rep := report{Started: time.Now().UTC(), Connections: o.cfg.Connections, Duration: o.cfg.Duration.String(),
		Warmup: o.cfg.Warmup.String(), Rounds: o.rounds, CPUs: runtime.NumCPU(), GoVersion: runtime.Version()}
	if o.waitReady > 0 {
		if err := waitReady(ctx, o.base+"/readyz", o.waitReady); err != nil {
			return err
		}
		rep.Startup = o.server.startup(time.Now())
	}
	rep.Memory = o.server.rssAtRest(ctx)
	ceilingURL, ceilingPID, stopCeiling, err := startCeiling(ctx)
	if err != nil {
		return err
	}
	defer stopCeiling()

	fmt.Fprintf(out, "loadgen: %d connections, %s per target and as much for the ceiling, in %d turns, each after a %s warm-up\n",
		o.cfg.Connections, o.cfg.Duration, o.rounds, o.cfg.Warmup)
	var failed []string
	var ceilings []measure
	for _, t := range picked {
		r, ceiling, err := runTarget(ctx, o, t, endpoint{ceilingURL + "/", ceilingPID})
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", t.Name, err))
			continue
		}
		if r.Skipped == "" {
			ceilings = append(ceilings, ceiling)
			fmt.Fprintf(out, "  %-20s %8.0f requests/s, the ceiling beside it %8.0f\n", r.Name, r.RequestsPerSecond, r.CeilingPerSecond)
		}
		rep.Targets = append(rep.Targets, r)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	rep.Ceiling = newResult("ceiling (bare Go)", ceilingURL+"/", merge(ceilings...))
	rep.Memory.AfterLoadMB = o.server.rssMB()
	rep.summarize()
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

// endpoint is an address to load and the process that answers it (0: unknown).
type endpoint struct {
	url string
	pid int
}

// runTarget finds the target's address, checks that it answers 200, and
// loads it in turns with the ceiling. An optional target that does not
// answer 200 comes back skipped.
func runTarget(ctx context.Context, o options, t target, ceiling endpoint) (result, measure, error) {
	probe := newClient(1)
	defer probe.CloseIdleConnections()
	path := t.Path
	if t.Discover != nil {
		p, err := t.Discover(ctx, probe, o.base)
		if err != nil {
			return result{}, measure{}, err
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
			return result{Name: t.Name, URL: path, Skipped: why}, measure{}, nil
		}
		return result{}, measure{}, fmt.Errorf("GET %s: %s", path, why)
	}
	turn := o.cfg
	turn.Duration = o.cfg.Duration / time.Duration(o.rounds)
	var mine, theirs []measure
	for i := range o.rounds {
		theirs = append(theirs, loadProcess(ctx, ceiling.pid, ceiling.url, turn))
		if i == o.rounds-1 {
			// The profile covers the last turn, once the target is warm.
			stop := o.profiles.start(ctx, t.Name, turn)
			mine = append(mine, loadProcess(ctx, o.server.pid, url, turn))
			if err := stop(); err != nil {
				return result{}, measure{}, err
			}
			continue
		}
		mine = append(mine, loadProcess(ctx, o.server.pid, url, turn))
	}
	r, c := newResult(t.Name, path, merge(mine...)), merge(theirs...)
	r.judge(t, newResult("", "", c))
	return r, c, nil
}
