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
// SIGKILL halfway, restarts it, and checks that every message reached the
// simulator, each recorded once by our side. A message that was with the
// provider at the instant of the kill is sent again with the same key (see
// internal/notify's package comment): the test reports how many, and allows
// no more than the sends that can be in flight.
func TestCollectiveSendSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the job leases of the killed process to expire (a minute)")
	}
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
	env := []string{"GUICHET_SMS_PROVIDER=smsfactor", "GUICHET_SMS_API_KEY=jeton", "GUICHET_SMS_BASE_URL=" + sim.URL,
		"GUICHET_SMS_CALLBACK_SECRET=secret-des-accuses-16"}
	s := startServer(t, data, dbURL, env, "--workers", "4")
	waitFor(t, 60*time.Second, func() bool { return len(sim.Messages()) >= n/3 }, "a third of the messages sent", s)
	s.kill(t)
	before := len(sim.Messages())
	t.Logf("killed after %d of %d messages", before, n)
	s2 := startServer(t, data, dbURL, env, "--workers", "4")
	// The killed process's jobs come back when their lease (a minute) ends.
	waitFor(t, 150*time.Second, func() bool { return distinct(sim) == n }, "every message sent", s2)
	total := len(sim.Messages())
	t.Logf("after restart: %d distinct keys, %d sends, %d sent again after the crash", distinct(sim), total, total-n)
	if total-n > 4*16 {
		t.Errorf("%d messages sent twice, more than the 4 workers × 16 sends in flight", total-n)
	}
	var got notify.Collective
	waitFor(t, 10*time.Second, func() bool {
		got, _ = svc.Collective(ctx, 1, c.ID)
		return got.Counts[notify.StatusSending] == n
	}, "every message recorded as handed to the provider", s2)
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
