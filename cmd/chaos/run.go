package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/identity"
)

// options of `chaos run`.
type options struct {
	target, simList, databaseURL, secretKeyFile, cluster, report string
	duration                                                     time.Duration
	citizens                                                     int
}

// kill is one SIGKILL of the run, and when its process came back.
type kill struct {
	What string `json:"what"` // n2, worker
	// Graceful is a SIGTERM (the node drains) rather than a SIGKILL.
	Graceful bool `json:"graceful"`
	// At is when the kill was asked, Gone when the process was seen gone:
	// the signal landed between the two.
	At        time.Time `json:"at"`
	Gone      time.Time `json:"gone"`
	Restarted time.Time `json:"restarted"`
}

func run(ctx context.Context, args []string) error {
	var o options
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.StringVar(&o.target, "target", "http://127.0.0.1:8400", "HAProxy's address")
	fs.StringVar(&o.simList, "sim", "http://127.0.0.1:8491", "the SMS simulator's list address")
	fs.StringVar(&o.databaseURL, "database-url", "", "the cluster's database")
	fs.StringVar(&o.secretKeyFile, "secret-key-file", "", "the cluster's secret key")
	fs.StringVar(&o.cluster, "cluster", "scripts/cluster.sh", "the script that kills and restarts the cluster's processes")
	fs.StringVar(&o.report, "report", "build/chaos", "folder of the reports")
	fs.DurationVar(&o.duration, "duration", 45*time.Second, "how long the load runs")
	fs.IntVar(&o.citizens, "citizens", 16, "people sending dossiers at once")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(o.report, 0o755); err != nil {
		return err
	}
	cfg, err := config.Parse("chaos", []string{"--data", filepath.Join(o.report, "data"), "--database-url", o.databaseURL,
		"--secret-key-file", o.secretKeyFile}, func(string) string { return "" }, io.Discard)
	if err != nil {
		return err
	}
	st, err := app.OpenStorage(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer st.Close()
	db := st.DB.DB

	rec := &recorder{}
	out := &acks{Started: map[int64]int{}}
	runID := time.Now().Format("150405")
	fmt.Printf("chaos: %d people and one agent through %s for %s\n", o.citizens, o.target, o.duration)
	people, err := setUp(ctx, st.Identity(), o, rec, runID)
	if err != nil {
		return err
	}
	loadCtx, stopLoad := context.WithTimeout(ctx, o.duration)
	defer stopLoad()
	go releaseNightSMS(loadCtx, db)
	kills := make(chan []kill, 1)
	loadStart := time.Now()
	go func() { kills <- schedule(loadCtx, o, loadStart) }()
	sent := make(chan submissionAck, 4096)
	var wg sync.WaitGroup
	journeyErrs := make(chan string, 1024)
	for _, p := range people {
		wg.Go(func() {
			for seq := 0; loadCtx.Err() == nil; seq++ {
				if err := p.journey(loadCtx, seq, out, sent); err != nil && loadCtx.Err() == nil {
					select {
					case journeyErrs <- fmt.Sprintf("%s: %v", p.who, err):
					default:
					}
				}
			}
		})
	}
	ag := &agent{newClient("agent@demo.guichet.test", o.target, rec)}
	if err := ag.signIn(ctx); err != nil {
		return err
	}
	wg.Go(func() {
		for {
			select {
			case <-loadCtx.Done():
				return
			case s := <-sent:
				if err := ag.decide(loadCtx, s, out); err != nil && loadCtx.Err() == nil {
					select {
					case journeyErrs <- "agent: " + err.Error():
					default:
					}
				}
			}
		}
	})
	wg.Wait()
	done := <-kills
	close(journeyErrs)
	var gaveUp []string
	for e := range journeyErrs {
		gaveUp = append(gaveUp, e)
	}
	fmt.Printf("chaos: load over (%d requests); waiting for the jobs and messages to settle\n", len(rec.all()))
	settleCtx, cancel := context.WithTimeout(ctx, 110*time.Second)
	defer cancel()
	go releaseNightSMS(settleCtx, db)
	if err := settle(settleCtx, db, people); err != nil {
		fmt.Println("chaos:", err)
	}
	r, err := check(ctx, db, o, out, rec.all(), done, people)
	if err != nil {
		return err
	}
	r.GaveUp = gaveUp
	return r.write(o.report)
}

// setUp makes the people's accounts, signs each one in through HAProxy,
// confirms their phone with the code the simulator received and chooses
// SMS for their messages, as a person does on /compte/notifications.
func setUp(ctx context.Context, ids *identity.Service, o options, rec *recorder, runID string) ([]*citizen, error) {
	var people []*citizen
	for i := range o.citizens {
		email := fmt.Sprintf("chaos-%s-%02d@exemple.fr", runID, i)
		u, err := ids.CreateUser(ctx, identity.NewUser{Email: email, Name: fmt.Sprintf("Personne %d", i),
			Password: "mot-de-passe-du-chaos", Role: identity.RoleCitizen})
		if err != nil {
			return nil, err
		}
		c := &citizen{client: newClient(email, o.target, rec), userID: u.ID, n: i}
		status, _, body, err := c.retry(ctx, "POST", "/connexion", url.Values{"email": {email}, "password": {"mot-de-passe-du-chaos"}})
		if err != nil || status != http.StatusSeeOther {
			return nil, fmt.Errorf("%s sign-in: %d %v %.300s", email, status, err, body)
		}
		phone := fmt.Sprintf("06 %08d", time.Now().Unix()%10000*10000+int64(i))
		if status, _, body, err = c.retry(ctx, "POST", "/compte/notifications/telephone", url.Values{"phone": {phone}}); err != nil || status != http.StatusSeeOther {
			return nil, fmt.Errorf("%s phone: %d %v %.300s", email, status, err, body)
		}
		people = append(people, c)
	}
	// The codes go out through the worker; each person types theirs.
	codeRE := regexp.MustCompile(`\b[0-9]{6}\b`)
	deadline := time.Now().Add(60 * time.Second)
	for _, c := range people {
		want := fmt.Sprintf("phone-code/%d/", c.userID)
		var code string
		for code == "" && time.Now().Before(deadline) {
			msgs, err := received(ctx, o.simList)
			if err != nil {
				return nil, err
			}
			for _, m := range msgs {
				if strings.HasPrefix(m.Key, want) {
					code = codeRE.FindString(m.Text)
				}
			}
			if code == "" {
				time.Sleep(200 * time.Millisecond)
			}
		}
		if code == "" {
			return nil, fmt.Errorf("%s: no phone code reached the simulator (%s)", c.who, want)
		}
		for _, step := range []struct{ path, key, value string }{
			{"/compte/notifications/code", "code", code}, {"/compte/notifications", "channels", "sms"}} {
			status, _, body, err := c.retry(ctx, "POST", step.path, url.Values{step.key: {step.value}})
			if err != nil || status != http.StatusSeeOther {
				return nil, fmt.Errorf("%s %s: %d %v %.300s", c.who, step.path, status, err, body)
			}
		}
	}
	return people, nil
}

// schedule kills a node with SIGKILL at 30 % of the run and restarts it 3
// seconds later, does the same to the worker at 60 %, and at 75 % restarts
// another node the graceful way (SIGTERM: it drains, then exits), as a
// rolling upgrade does: no request may fail for that one.
func schedule(ctx context.Context, o options, start time.Time) []kill {
	var done []kill
	for _, k := range []struct {
		what     string
		at       float64
		graceful bool
	}{{"n2", 0.3, false}, {"worker", 0.6, false}, {"n1", 0.75, true}} {
		select {
		case <-ctx.Done():
			return done
		case <-time.After(time.Until(start.Add(time.Duration(k.at * float64(o.duration))))):
		}
		at := time.Now()
		if k.graceful {
			if out, err := exec.Command(o.cluster, "restart", k.what).CombinedOutput(); err != nil {
				fmt.Printf("chaos: restart %s: %v %s\n", k.what, err, out)
				continue
			}
			fmt.Printf("chaos: %s stopped with SIGTERM (drained) and restarted\n", k.what)
			done = append(done, kill{What: k.what, Graceful: true, At: at, Gone: at, Restarted: time.Now()})
			continue
		}
		if err := exec.Command(o.cluster, "kill", k.what).Run(); err != nil {
			fmt.Println("chaos: kill", k.what, err)
			continue
		}
		gone := time.Now()
		fmt.Printf("chaos: %s killed (SIGKILL)\n", k.what)
		time.Sleep(3 * time.Second)
		if out, err := exec.Command(o.cluster, "start", k.what).CombinedOutput(); err != nil {
			fmt.Printf("chaos: restart %s: %v %s\n", k.what, err, out)
		}
		fmt.Printf("chaos: %s restarted\n", k.what)
		done = append(done, kill{What: k.what, At: at, Gone: gone, Restarted: time.Now()})
	}
	return done
}

const (
	releaseMessagesSQL = `UPDATE notify_messages SET send_after = $1 WHERE status = 'created' AND send_after > $1`
	releaseJobsSQL     = `UPDATE jobs SET run_at = $1 WHERE status = 'queued' AND run_at > $1 AND kind LIKE 'notify.%'`
)

// releaseNightSMS lets SMS held for the morning go now, when the run is at
// night in Paris (quiet hours, tested in internal/notify), as the SIGKILL
// tests of cmd/guichet do: the run checks delivery, not the hour.
func releaseNightSMS(ctx context.Context, db *sql.DB) {
	for ctx.Err() == nil {
		now := time.Now().UTC().Truncate(time.Microsecond)
		db.ExecContext(ctx, releaseMessagesSQL, now)
		db.ExecContext(ctx, releaseJobsSQL, now)
		select {
		case <-ctx.Done():
		case <-time.After(500 * time.Millisecond):
		}
	}
}
