package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// counts is one line of the verdict: acknowledged N, found N, duplicates
// 0, lost 0.
type counts struct {
	Acknowledged int      `json:"acknowledged"`
	Found        int      `json:"found"`
	Duplicates   int      `json:"duplicates"`
	Lost         int      `json:"lost"`
	Examples     []string `json:"examples,omitempty"`
}

func (c counts) String() string {
	return fmt.Sprintf("acknowledged %d, found %d, duplicates %d, lost %d", c.Acknowledged, c.Found, c.Duplicates, c.Lost)
}

func (c counts) ok() bool { return c.Duplicates == 0 && c.Lost == 0 && c.Found == c.Acknowledged }

// report is what build/chaos/report.json holds.
type report struct {
	Requests      int      `json:"requests"`
	Kills         []kill   `json:"kills"`
	Submissions   counts   `json:"submissions"`
	Notifications counts   `json:"notifications"`
	DraftPages    counts   `json:"draft_pages"`
	Decisions     counts   `json:"decisions"`
	ClientErrors  int      `json:"client_errors"`
	InFlight      int      `json:"client_errors_in_flight_on_killed_node"`
	Unexplained   []call   `json:"client_errors_unexplained"`
	ByNode        []string `json:"answers_by_node"`
	GaveUp        []string `json:"journeys_given_up,omitempty"`
}

const (
	dueJobsSQL = `SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running') AND run_at <= $1`
	// openMessagesSQL is followed by the people's ids and ")".
	openMessagesSQL = `SELECT COUNT(*) FROM notify_messages WHERE channel = 'sms'
AND (status IN ('created', 'temporary-failure') OR status = 'sending' AND provider_id = '') AND user_id IN (`
)

// settle waits until no job is due and every SMS of the run's people is
// with the simulator or settled as a failure: a job the killed worker held
// comes back when its lease (a minute) ends.
func settle(ctx context.Context, db *sql.DB, people []*citizen) error {
	users := userList(people)
	for {
		var due, open int
		soon := time.Now().UTC().Add(5 * time.Second)
		db.QueryRowContext(ctx, dueJobsSQL, soon).Scan(&due)
		db.QueryRowContext(ctx, openMessagesSQL+users+")").Scan(&open)
		if due == 0 && open == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not settled: %d jobs due, %d messages not handed over", due, open)
		case <-time.After(time.Second):
		}
	}
}

func userList(people []*citizen) string {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = fmt.Sprint(p.userID)
	}
	return strings.Join(ids, ",")
}

// check compares what the clients were told with what the database and
// the simulator hold.
func check(ctx context.Context, db *sql.DB, o options, a *acks, calls []call, kills []kill, people []*citizen) (*report, error) {
	r := &report{Requests: len(calls), Kills: kills}
	var err error
	if r.Submissions, err = checkSubmissions(ctx, db, a); err != nil {
		return nil, err
	}
	if r.DraftPages, err = checkPages(ctx, db, a); err != nil {
		return nil, err
	}
	if r.Decisions, err = checkDecisions(ctx, db, a); err != nil {
		return nil, err
	}
	if r.Notifications, err = checkNotifications(ctx, db, o, a, people); err != nil {
		return nil, err
	}
	nodes := map[string]int{}
	for _, c := range calls {
		nodes[c.Node]++
		if !c.failed() {
			continue
		}
		r.ClientErrors++
		if inFlightOnKilled(c, kills) {
			r.InFlight++
		} else {
			r.Unexplained = append(r.Unexplained, c)
		}
	}
	for n, k := range nodes {
		r.ByNode = append(r.ByNode, fmt.Sprintf("%s: %d", or(n, "(none)"), k))
	}
	sort.Strings(r.ByNode)
	return r, nil
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// inFlightOnKilled tells whether a failed call was under way on a node at
// the instant it was killed: sent before the process was gone, answered
// (or dropped) after the kill was asked, and routed to that node (or to
// none HAProxy could name, when the connection broke without an answer).
func inFlightOnKilled(c call, kills []kill) bool {
	for _, k := range kills {
		if k.What == "worker" || k.Graceful {
			continue
		}
		if !c.Start.After(k.Gone) && !c.End.Before(k.At) && (c.Node == "" || c.Node == k.What) {
			return true
		}
	}
	return false
}

const (
	submittedOnceSQL = `SELECT COUNT(*) FROM dossiers WHERE id = $1 AND user_id = $2
AND replace(reference, '-', '') = $3 AND state <> 'brouillon'`
	sentByUserSQL = `SELECT COUNT(*) FROM dossiers WHERE user_id = $1 AND state <> 'brouillon'`
)

func checkSubmissions(ctx context.Context, db *sql.DB, a *acks) (counts, error) {
	c := counts{Acknowledged: len(a.Submissions)}
	for _, s := range a.Submissions {
		var n int
		err := db.QueryRowContext(ctx, submittedOnceSQL, s.Dossier, s.UserID, strings.ReplaceAll(s.Reference, "-", "")).Scan(&n)
		if err != nil {
			return c, err
		}
		switch n {
		case 1:
			c.Found++
		case 0:
			c.Lost++
			c.Examples = append(c.Examples, "lost "+s.Reference)
		}
	}
	// A person never has more sent dossiers than they started: a
	// submission done twice would show here.
	for user, started := range a.Started {
		var sent int
		if err := db.QueryRowContext(ctx, sentByUserSQL, user).Scan(&sent); err != nil {
			return c, err
		}
		if sent > started {
			c.Duplicates += sent - started
			c.Examples = append(c.Examples, fmt.Sprintf("user %d: %d sent for %d started", user, sent, started))
		}
	}
	return c, nil
}

const answersSQL = `SELECT answers FROM dossiers WHERE id = $1`

func checkPages(ctx context.Context, db *sql.DB, a *acks) (counts, error) {
	c := counts{Acknowledged: len(a.Pages)}
	answers := map[int64]string{}
	for _, p := range a.Pages {
		text, ok := answers[p.Dossier]
		if !ok {
			if err := db.QueryRowContext(ctx, answersSQL, p.Dossier).Scan(&text); err != nil && err != sql.ErrNoRows {
				return c, err
			}
			answers[p.Dossier] = text
		}
		var got map[string]json.RawMessage
		json.Unmarshal([]byte(text), &got)
		if v, ok := got[p.Field]; ok && strings.Contains(string(v), p.Value) {
			c.Found++
		} else {
			c.Lost++
			c.Examples = append(c.Examples, fmt.Sprintf("dossier %d page %s: %s", p.Dossier, p.Page, p.Field))
		}
	}
	return c, nil
}

const stateEventsSQL = `SELECT COUNT(*) FROM dossier_events WHERE dossier_id = $1 AND to_state = $2`

func checkDecisions(ctx context.Context, db *sql.DB, a *acks) (counts, error) {
	c := counts{Acknowledged: len(a.Decisions)}
	for _, d := range a.Decisions {
		var n int
		// The dossier's history holds each change of state.
		err := db.QueryRowContext(ctx, stateEventsSQL,
			d.Dossier, d.State).Scan(&n)
		if err != nil {
			return c, err
		}
		switch {
		case n == 1:
			c.Found++
		case n > 1:
			c.Found++
			c.Duplicates += n - 1
		default:
			c.Lost++
		}
	}
	return c, nil
}

// peopleMessagesSQL is followed by the people's ids and ") ORDER BY id".
const peopleMessagesSQL = `SELECT idempotency_key, status FROM notify_messages WHERE channel = 'sms' AND user_id IN (`

// checkNotifications counts, by idempotency key, how many times the
// simulator received each SMS Guichet committed to send to the run's
// people, and checks that every acknowledged submission has its receipt.
func checkNotifications(ctx context.Context, db *sql.DB, o options, a *acks, people []*citizen) (counts, error) {
	msgs, err := received(ctx, o.simList)
	if err != nil {
		return counts{}, err
	}
	got := map[string]int{}
	for _, m := range msgs {
		got[m.Key]++
	}
	rows, err := db.QueryContext(ctx, peopleMessagesSQL+userList(people)+") ORDER BY id")
	if err != nil {
		return counts{}, err
	}
	defer rows.Close()
	var c counts
	keys := map[string]bool{}
	for rows.Next() {
		var key, status string
		if err := rows.Scan(&key, &status); err != nil {
			return c, err
		}
		keys[key] = true
		c.Acknowledged++
		switch n := got[key]; {
		case n == 1:
			c.Found++
		case n > 1:
			c.Found++
			c.Duplicates += n - 1
			c.Examples = append(c.Examples, fmt.Sprintf("%s received %d times", key, n))
		default:
			c.Lost++
			c.Examples = append(c.Examples, fmt.Sprintf("%s never received (%s)", key, status))
		}
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	for _, s := range a.Submissions {
		// Notifications of a dossier are keyed by its reference as stored, without the dash.
		prefix := "dossier-" + strings.ReplaceAll(s.Reference, "-", "") + "-"
		if !keys[prefix+"recu/sms/0"] && !hasPrefix(keys, prefix) {
			c.Lost++
			c.Examples = append(c.Examples, fmt.Sprintf("no receipt for %s", s.Reference))
		}
	}
	return c, nil
}

func hasPrefix(keys map[string]bool, prefix string) bool {
	for k := range keys {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// write prints the verdict and keeps it under dir; an error when a check
// failed.
func (r *report) write(dir string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "requests through HAProxy: %d (%s)\n", r.Requests, strings.Join(r.ByNode, ", "))
	for _, k := range r.Kills {
		if k.Graceful {
			fmt.Fprintf(&b, "SIGTERM %s at %s (drain, then exit), restarted %.1fs later: no request may fail for it\n",
				k.What, k.At.Format("15:04:05.000"), k.Restarted.Sub(k.At).Seconds())
			continue
		}
		fmt.Fprintf(&b, "SIGKILL %s at %s, restarted %.1fs later\n", k.What, k.At.Format("15:04:05.000"), k.Restarted.Sub(k.At).Seconds())
	}
	fmt.Fprintf(&b, "submissions: %s\n", r.Submissions)
	fmt.Fprintf(&b, "notifications: %s\n", r.Notifications)
	fmt.Fprintf(&b, "draft pages: %s\n", r.DraftPages)
	fmt.Fprintf(&b, "decisions: %s\n", r.Decisions)
	fmt.Fprintf(&b, "client errors: %d, of which %d in flight on the killed node, %d unexplained\n", r.ClientErrors, r.InFlight, len(r.Unexplained))
	for _, c := range r.Unexplained[:min(len(r.Unexplained), 10)] {
		fmt.Fprintf(&b, "  unexplained: %s %s on %q at %s: %d %s\n", c.Method, c.Path, c.Node, c.Start.Format("15:04:05.000"), c.Status, c.Err)
	}
	for _, e := range append(append(r.Submissions.Examples, r.Notifications.Examples...), r.DraftPages.Examples...) {
		fmt.Fprintf(&b, "  %s\n", e)
	}
	if len(r.GaveUp) > 0 {
		fmt.Fprintf(&b, "journeys given up after four tries: %d (first: %s)\n", len(r.GaveUp), r.GaveUp[0])
	}
	fmt.Print(b.String())
	if err := os.WriteFile(filepath.Join(dir, "report.txt"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	j, _ := json.MarshalIndent(r, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "report.json"), j, 0o644); err != nil {
		return err
	}
	if !r.Submissions.ok() || !r.Notifications.ok() || !r.DraftPages.ok() || !r.Decisions.ok() || len(r.Unexplained) > 0 ||
		len(r.Kills) < 3 {
		return fmt.Errorf("a check failed (see %s/report.txt)", dir)
	}
	return nil
}
