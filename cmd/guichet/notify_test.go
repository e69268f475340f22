package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/notify"
	"guichet/internal/sms/smstest"
)

// TestCollectiveSendSurvivesSIGKILL queues a collective send of n SMS, lets
// `guichet serve` hand them to the provider simulator, kills it with
// SIGKILL halfway, restarts it, and counts, by idempotency key, the
// messages the simulator received once, twice (duplicates) or never (lost).
// The simulator does not deduplicate, as neither real provider documents
// doing so. With Brevo, which can be searched by our key, the messages that
// were with the provider at the kill are looked up rather than sent again:
// each is delivered exactly once. With SMSFactor, which cannot be asked,
// they are never sent again either: none twice, and the few the simulator
// never got are technical failures (see internal/notify's package comment).
func TestCollectiveSendSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the job leases of the killed process to expire (a minute)")
	}
	for _, provider := range []string{smstest.Brevo, smstest.SMSFactor} {
		t.Run(provider, func(t *testing.T) {
			t.Parallel()
			killHalfway(t, provider)
		})
	}
}

func killHalfway(t *testing.T, provider string) {
	const n = 3000
	sim := smstest.New("jeton")
	defer sim.Close()
	data, dbURL := t.TempDir(), dbtest.URL(t)
	ctx := context.Background()
	db, err := database.Open(ctx, dbURL, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := notify.New(db, notify.Options{})
	if err := svc.SetRateLimit(ctx, 1, 100000); err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("telephone,numero\n")
	for i := range n {
		fmt.Fprintf(&csv, "06%08d,%d\n", i, i)
	}
	c, err := svc.PrepareCollective(ctx, notify.CollectiveText{OrgID: 1, Channel: notify.SMS,
		Body: "Votre passeport est prêt (dossier ((numero)))."}, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SendCollective(ctx, 1, c.ID); err != nil {
		t.Fatal(err)
	}
	// SMS wait for the morning when the test runs at night (quiet hours,
	// tested in internal/notify): let them go now.
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := db.ExecContext(ctx, `UPDATE jobs SET run_at = $1`, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE notify_messages SET send_after = $1`, now); err != nil {
		t.Fatal(err)
	}
	env := []string{"GUICHET_SMS_PROVIDER=" + provider, "GUICHET_SMS_API_KEY=jeton", "GUICHET_SMS_BASE_URL=" + sim.URL,
		"GUICHET_SMS_CALLBACK_SECRET=secret-des-accuses-16"}
	s := startServer(t, data, dbURL, env, "--workers", "4")
	start := time.Now()
	waitFor(t, 60*time.Second, func() bool { return sim.Len() >= n/3 }, "a third of the messages sent", s)
	s.kill(t)
	before, elapsed := sim.Len(), time.Since(start)
	t.Logf("%s: killed after %d of %d messages (%.0f messages a minute before the kill)", provider, before, n,
		float64(before)/elapsed.Minutes())
	s2 := startServer(t, data, dbURL, env, "--workers", "4")
	// The killed process's jobs come back when their lease (a minute) ends;
	// then every message is settled: handed over, or a technical failure.
	// (A message in sending without the provider's id is still unknown.)
	waitFor(t, 150*time.Second, func() bool {
		var settled int
		db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notify_messages
			WHERE status = 'sending' AND provider_id <> '' OR status = 'technical-failure'`).Scan(&settled)
		return settled == n
	}, "every message settled", s2)
	got, err := svc.Collective(ctx, 1, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	once, dups := distinct(sim), len(sim.Duplicates())
	lost := n - once
	t.Logf("%s: after restart: %d sends, %d keys delivered, %d delivered twice, %d lost; statuses %v",
		provider, sim.Len(), once, dups, lost, got.Counts)
	if dups != 0 || sim.Len() != once {
		t.Errorf("%d messages delivered twice (%d sends for %d keys)", dups, sim.Len(), once)
	}
	// A technical failure is a message whose fate was unknown: some reached
	// the simulator before the kill, the others never will.
	if unknown := got.Counts[notify.StatusTechnicalFailure]; unknown < lost {
		t.Errorf("%d messages never reached the simulator, but only %d are technical failures", lost, unknown)
	}
	switch provider {
	case smstest.Brevo:
		if lost != 0 {
			t.Errorf("%d messages lost with a provider that can be asked", lost)
		}
	case smstest.SMSFactor:
		if unknown := got.Counts[notify.StatusTechnicalFailure]; unknown > 4*16 {
			t.Errorf("%d messages left unknown, more than the 4 workers × 16 sends in flight", unknown)
		}
	}
}

// distinct counts the idempotency keys the simulator received.
func distinct(sim *smstest.Server) int {
	keys := map[string]bool{}
	for _, m := range sim.Messages() {
		keys[m.Key] = true
	}
	return len(keys)
}

func waitFor(t *testing.T, d time.Duration, ok func() bool, what string, s *server) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	logs := s.logs()
	t.Fatalf("timed out waiting for: %s\n%.3000s", what, logs[max(0, len(logs)-3000):])
}
