package observatory

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"guichet/internal/jobs"
)

// ProbeJobKind is the durable job that probes Guichet once a minute.
const ProbeJobKind = "observatory.probe"

// ProbeLate is how late a probe may still run: a probe claimed after the
// instance was down for longer says nothing of its minute, and is dropped.
const ProbeLate = 5 * time.Minute

// probeTimeout bounds each request of a probe: an answer slower than this
// counts as a failure.
const probeTimeout = 10 * time.Second

// Probe is the outcome of one minute's probe.
type Probe struct {
	Minute   time.Time
	OK       bool
	Detail   string // what failed, in French; "" when OK
	Duration time.Duration
}

type probeJob struct {
	Minute time.Time `json:"minute"`
}

// ScheduleProbe enqueues the probe of the current minute. Every node that
// runs background work calls it every minute; the job's idempotency key
// names the minute, so that the instance stores one probe a minute
// however many nodes run.
func (s *Service) ScheduleProbe(ctx context.Context) error {
	minute := s.now().Truncate(time.Minute)
	_, err := jobs.Enqueue(ctx, s.db, ProbeJobKind, probeJob{Minute: minute},
		jobs.EnqueueOptions{Key: "observatory-probe:" + minute.Format("2006-01-02T15:04Z"), MaxAttempts: 3})
	return err
}

// ProbeHandler runs the job of ScheduleProbe: it asks base() + "/readyz"
// and the page of the most requested procedure done on Guichet, through
// client, and stores whether both answered 200 in time. base returns the
// instance's address ("https://guichet.example.fr"), as people reach it.
func (s *Service) ProbeHandler(base func() string, client *http.Client) jobs.Handler {
	return func(ctx context.Context, j jobs.Job) error {
		var pj probeJob
		if err := j.Decode(&pj); err != nil {
			return err
		}
		if s.now().Sub(pj.Minute) > ProbeLate {
			return nil
		}
		paths := []string{"/readyz"}
		procs, err := s.opts.Procedures(ctx)
		if err != nil {
			return err
		}
		if slug := probedProcedure(procs); slug != "" {
			paths = append(paths, "/demarches/"+slug)
		}
		start := time.Now()
		root := strings.TrimRight(base(), "/")
		var problems []string
		for _, path := range paths {
			if problem := probeOne(ctx, client, root+path); problem != "" {
				problems = append(problems, path+" : "+problem)
			}
		}
		p := Probe{Minute: pj.Minute, OK: len(problems) == 0, Detail: strings.Join(problems, " ; "), Duration: time.Since(start)}
		return s.RecordProbes(ctx, []Probe{p})
	}
}

// probedProcedure is the procedure whose page the probe asks: the first
// done on Guichet (the list comes the most requested first).
func probedProcedure(procs []Procedure) string {
	for _, p := range procs {
		if p.OnGuichet {
			return p.Slug
		}
	}
	if len(procs) > 0 {
		return procs[0].Slug
	}
	return ""
}

// probeOne asks url and says what went wrong, "" when it answered 200.
func probeOne(ctx context.Context, client *http.Client, url string) string {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "adresse invalide"
	}
	req.Header.Set("User-Agent", "guichet-sonde")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Sprintf("pas de réponse en %d secondes", int(probeTimeout/time.Second))
		}
		return "injoignable"
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("réponse %d", resp.StatusCode)
	}
	return ""
}

// A probe run twice (the job is delivered at least once) keeps its first
// outcome.
const (
	insertProbesSQL     = `INSERT INTO observatory_probes (probed_at, ok, detail, duration_ms) VALUES`
	insertProbesTailSQL = `ON CONFLICT (probed_at) DO NOTHING`
)

// RecordProbes stores probes, one per minute, a few hundred a statement
// (the demo's past is 17,000); a minute already stored keeps its first
// outcome, and so does a minute given twice.
func (s *Service) RecordProbes(ctx context.Context, ps []Probe) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		err := s.db.InsertRows(ctx, tx, insertProbesSQL, insertProbesTailSQL, 4, len(ps), func(i int, args []any) []any {
			p := ps[i]
			return append(args, p.Minute.UTC().Truncate(time.Minute), p.OK, p.Detail, p.Duration.Milliseconds())
		})
		if err != nil {
			return fmt.Errorf("record probes: %w", err)
		}
		return nil
	})
}

const probeCountSQL = `SELECT COUNT(*), COALESCE(SUM(CASE WHEN ok THEN 1 ELSE 0 END), 0)
FROM observatory_probes WHERE probed_at >= $1 AND probed_at < $2`

// probeCount counts the probes between from and to, and those that succeeded.
func (s *Service) probeCount(ctx context.Context, from, to time.Time) (all, ok int, err error) {
	if err := s.db.QueryRowContext(ctx, probeCountSQL, from.UTC(), to.UTC()).Scan(&all, &ok); err != nil {
		return 0, 0, fmt.Errorf("count probes: %w", err)
	}
	return all, ok, nil
}

// uptimeColour places disponibilité (percent): ≥ 99.9 green, ≥ 98.5 yellow.
func uptimeColour(x float64) Colour {
	switch {
	case x >= 99.9:
		return Vert
	case x >= 98.5:
		return Jaune
	}
	return Rouge
}

// uptimeValue is disponibilité over an edition, from probes stored.
func uptimeValue(all, ok int) []Value {
	if all == 0 {
		return nil
	}
	// Rounded down to 0.01, so that one failure in a quarter never shows
	// as 100 %: the colour is that of the value shown.
	x := float64(int64(10000*float64(ok)/float64(all))) / 100
	return []Value{{Key: Disponibilite, Num: &x, Colour: uptimeColour(x), Answers: all,
		Source: fmt.Sprintf("Mesuré par Guichet : sonde de chaque minute sur /readyz et la page d'une démarche, "+
			"%d réussie(s) sur %d pendant le trimestre (les minutes où toute l'instance était arrêtée ne sont pas sondées)", ok, all)}}
}
