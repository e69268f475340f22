package webhooks_test

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/jobs"
	"guichet/internal/testkit"
	"guichet/internal/webhooks"
)

func TestDeliveryIsSignedAndShaped(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	rcv := newReceiver(t)
	_, secret := f.create(t, rcv.URL, webhooks.DossierSubmitted)
	// An endpoint that chose other events gets nothing.
	f.create(t, rcv.URL+"/autre", webhooks.DossierMessage)
	ids := f.publish(t, webhooks.DossierSubmitted, "dossier-1-envoi", map[string]string{"reference": "ABCD-EFGH"})
	if len(ids) != 1 {
		t.Fatalf("%d deliveries, want 1", len(ids))
	}
	f.drain(t)
	got := rcv.received()
	if len(got) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(got))
	}
	ev, err := verify(webhooks.FormatSecret(secret), got[0].Header, got[0].Body, f.clock.Now())
	if err != nil {
		t.Fatalf("signature does not verify: %v\n%s", err, got[0].Body)
	}
	data, _ := ev["data"].(map[string]any)
	if ev["type"] != webhooks.DossierSubmitted || data["reference"] != "ABCD-EFGH" {
		t.Errorf("body %s", got[0].Body)
	}
	if ts, _ := ev["timestamp"].(string); ts != "2026-03-02T09:00:10.000000Z" {
		t.Errorf("timestamp %q, want the event's time in ISO 8601", ev["timestamp"])
	}
	if ct := got[0].Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if d := f.delivery(t, ids[0]); d.Status != webhooks.Delivered || d.Attempts != 1 {
		t.Errorf("delivery %+v, want delivered at the first try", d)
	}
	// The same event published again (a retried caller) is not sent twice.
	if again := f.publish(t, webhooks.DossierSubmitted, "dossier-1-envoi", nil); len(again) != 0 {
		t.Errorf("publishing the same key again stored %v", again)
	}
	if f.drain(t); len(rcv.received()) != 1 {
		t.Error("the same event was delivered twice")
	}
}

// TestReceiverDownLosesNothing publishes while nothing listens at the
// endpoint's address: the deliveries wait, tried again on the backoff's
// schedule, and arrive, in order of their events, once it is back.
func TestReceiverDownLosesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // down: connections are refused
	_, secret := f.create(t, "http://"+addr+"/hook", webhooks.DossierSubmitted, webhooks.DossierStateChanged)
	first := f.publish(t, webhooks.DossierSubmitted, "a", map[string]string{"reference": "ABCD-EFGH"})
	second := f.publish(t, webhooks.DossierStateChanged, "b", map[string]string{"to": "en_instruction"})
	if n := f.drain(t); n != 2 {
		t.Fatalf("%d jobs ran, want 2", n)
	}
	for _, id := range append(first, second...) {
		d := f.delivery(t, id)
		if d.Status != webhooks.Pending || d.Attempts != 1 || !d.NextAttemptAt.Equal(f.clock.Now().Add(time.Minute)) {
			t.Fatalf("delivery %+v, want pending, tried once, next in a minute", d)
		}
	}
	if n := f.drain(t); n != 0 {
		t.Fatalf("%d jobs ran before their time", n)
	}
	f.clock.Advance(time.Minute)
	if n := f.drain(t); n != 2 {
		t.Fatalf("%d jobs ran at the second try, want 2", n)
	}
	// Back up, on the same address.
	l, err = net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("the address was taken meanwhile: %v", err)
	}
	rcv := newReceiverOn(t, l)
	f.clock.Advance(2 * time.Minute)
	if n := f.drain(t); n != 2 {
		t.Fatalf("%d jobs ran at the third try, want 2", n)
	}
	got := rcv.received()
	if len(got) != 2 {
		t.Fatalf("receiver got %d requests once back, want 2", len(got))
	}
	for i, want := range []string{webhooks.DossierSubmitted, webhooks.DossierStateChanged} {
		ev, err := verify(webhooks.FormatSecret(secret), got[i].Header, got[i].Body, f.clock.Now())
		if err != nil || ev["type"] != want {
			t.Errorf("request %d: %v, %v; want a signed %s", i, ev, err, want)
		}
	}
	for _, id := range append(first, second...) {
		if d := f.delivery(t, id); d.Status != webhooks.Delivered || d.Attempts != 3 {
			t.Errorf("delivery %+v, want delivered at the third try", d)
		}
	}
	list, err := f.svc.Deliveries(context.Background(), f.org.ID, f.delivery(t, first[0]).EndpointID, 0)
	if err != nil {
		t.Fatal(err)
	}
	tries := list[1].Tries // the first event, older
	if len(tries) != 3 || !tries[0].OK() || tries[0].StatusCode != 200 || tries[1].OK() || tries[1].StatusCode != 0 || tries[1].Error == "" {
		t.Errorf("tries of the first delivery, newest first: %+v", tries)
	}
}

// TestDeliveriesAreTriedForThreeDays keeps a receiver failing: the
// delivery is tried until three days after its event, the last time at
// exactly three days, then given up.
func TestDeliveriesAreTriedForThreeDays(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	rcv := newReceiver(t)
	rcv.answer(http.StatusServiceUnavailable)
	f.create(t, rcv.URL, webhooks.DossierSubmitted)
	ids := f.publish(t, webhooks.DossierSubmitted, "a", nil)
	start := f.clock.Now()
	for range 200 {
		f.drain(t)
		d := f.delivery(t, ids[0])
		if d.Status != webhooks.Pending {
			break
		}
		f.clock.Set(d.NextAttemptAt)
	}
	d := f.delivery(t, ids[0])
	if d.Status != webhooks.Failed || !d.FinishedAt.Equal(start.Add(webhooks.RetryFor)) {
		t.Fatalf("delivery %+v, want failed at %s", d, start.Add(webhooks.RetryFor))
	}
	if got := len(rcv.received()); got != d.Attempts {
		t.Errorf("receiver got %d tries, the delivery counts %d", got, d.Attempts)
	}
}

func TestBackoffSpansThreeDaysInAboutTwentyTries(t *testing.T) {
	t.Parallel()
	var total time.Duration
	n := 0
	for total < webhooks.RetryFor {
		n++
		d := webhooks.Backoff(n)
		if d <= 0 || d > 7*time.Hour {
			t.Fatalf("Backoff(%d) = %s", n, d)
		}
		total += d
	}
	if n < 15 || n > 25 {
		t.Errorf("%d tries in three days, want about twenty", n)
	}
	if d := webhooks.Backoff(1); d < 30*time.Second || d > 33*time.Second {
		t.Errorf("first wait %s, want 30 s and a little", d)
	}
}

// TestPublishJoinsTheCallersTransaction: no delivery and no job survive a
// change that rolls back.
func TestPublishJoinsTheCallersTransaction(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	rcv := newReceiver(t)
	f.create(t, rcv.URL, webhooks.DossierSubmitted)
	boom := errors.New("the change failed")
	err := f.db.InTx(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
		if _, err := f.svc.Publish(ctx, f.org.ID, webhooks.Event{Type: webhooks.DossierSubmitted}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	var n int
	if err := f.db.QueryRowContext(context.Background(), `SELECT (SELECT COUNT(*) FROM webhook_deliveries) + (SELECT COUNT(*) FROM jobs)`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d deliveries and jobs left by a rolled-back change", n)
	}
	if _, err := f.svc.Publish(context.Background(), f.org.ID, webhooks.Event{Type: "dossier.deleted"}); err == nil {
		t.Error("an unknown event type was published")
	}
}

func TestDisableReplayDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	ctx := context.Background()
	rcv := newReceiver(t)
	rcv.answer(http.StatusInternalServerError)
	id, _ := f.create(t, rcv.URL, webhooks.DossierSubmitted)
	ids := f.publish(t, webhooks.DossierSubmitted, "a", nil)
	f.drain(t)
	if err := f.svc.SetDisabled(ctx, 0, f.org.ID, id, true); err != nil {
		t.Fatal(err)
	}
	// A stopped endpoint gets no new event, and its waiting one is given up.
	if got := f.publish(t, webhooks.DossierSubmitted, "b", nil); len(got) != 0 {
		t.Errorf("a disabled endpoint got deliveries %v", got)
	}
	f.clock.Advance(time.Hour)
	f.drain(t)
	if d := f.delivery(t, ids[0]); d.Status != webhooks.Failed || len(rcv.received()) != 1 {
		t.Fatalf("delivery %+v after %d requests, want given up without a request", d, len(rcv.received()))
	}
	if err := f.svc.Replay(ctx, 0, f.org.ID, id, ids[0]); !errs.Is(err, errs.Conflict) {
		t.Errorf("replay on a disabled endpoint: %v, want a conflict", err)
	}
	if err := f.svc.SetDisabled(ctx, 0, f.org.ID, id, false); err != nil {
		t.Fatal(err)
	}
	rcv.answer(http.StatusNoContent)
	if err := f.svc.Replay(ctx, 0, f.org.ID, id, ids[0]); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	got := rcv.received()
	if d := f.delivery(t, ids[0]); d.Status != webhooks.Delivered || len(got) != 2 {
		t.Fatalf("delivery %+v after %d requests, want delivered by the replay", d, len(got))
	}
	if got[0].Header.Get("webhook-id") != got[1].Header.Get("webhook-id") {
		t.Error("a replay changed the webhook-id")
	}
	// Another organisation's administrator cannot reach it.
	other, err := f.ids.CreateOrganisation(ctx, "cpam", "CPAM", "administration")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Replay(ctx, 0, other.ID, id, ids[0]); !errs.Is(err, errs.NotFound) {
		t.Errorf("replay from another organisation: %v", err)
	}
	if err := f.svc.Delete(ctx, 0, other.ID, id); !errs.Is(err, errs.NotFound) {
		t.Errorf("delete from another organisation: %v", err)
	}
	if err := f.svc.Delete(ctx, 0, f.org.ID, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Delivery(ctx, ids[0]); !errs.Is(err, errs.NotFound) {
		t.Errorf("the deleted endpoint's delivery is still there: %v", err)
	}
	var audited int
	f.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE event LIKE 'webhook_%'`).Scan(&audited)
	if audited != 5 { // created, disabled, enabled, replayed, deleted: the refused replay wrote nothing
		t.Errorf("%d audit entries, want 5", audited)
	}
}

// TestTimeoutIsBounded: a receiver that never answers costs one timeout,
// recorded, and the delivery waits for its next try.
func TestTimeoutIsBounded(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	t.Cleanup(func() { close(release); slow.Close() })
	f.create(t, slow.URL, webhooks.DossierSubmitted)
	ids := f.publish(t, webhooks.DossierSubmitted, "a", nil)
	start := time.Now()
	f.drain(t)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a try took %s with a 2 s timeout", took)
	}
	d := f.delivery(t, ids[0])
	list, _ := f.svc.Deliveries(context.Background(), f.org.ID, d.EndpointID, 0)
	if d.Status != webhooks.Pending || len(list) != 1 || list[0].Tries[0].Error != "pas de réponse en 2 s" {
		t.Errorf("delivery %+v, tries %+v", d, list)
	}
}

// TestRunnerDeliversOnceTheReceiverIsBack runs the job runner as a server
// does, in the background, while the receiver fails, then answers again.
func TestRunnerDeliversOnceTheReceiverIsBack(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	rcv := newReceiver(t)
	rcv.answer(http.StatusBadGateway)
	f.create(t, rcv.URL, webhooks.DossierSubmitted)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- f.queue.Run(ctx) }()
	defer func() { stop(); <-done }()
	ids := f.publish(t, webhooks.DossierSubmitted, "a", nil)
	waitFor(t, func() bool { return f.delivery(t, ids[0]).Attempts == 1 })
	rcv.answer(http.StatusOK)
	// A poll of our own, at the clock's time, proves the next try is not
	// due before its time: it runs nothing, and the try's job is still
	// waiting, not claimed by the runner's workers either.
	if ran, err := f.queue.Work(ctx); err != nil || ran {
		t.Fatalf("a poll before the next try was due ran a job (%v, %v)", ran, err)
	}
	if counts, err := jobs.Stats(ctx, f.db); err != nil || counts[jobs.Queued] != 1 {
		t.Fatalf("jobs %v (%v), want the next try's waiting", counts, err)
	}
	if got := len(rcv.received()); got != 1 {
		t.Fatalf("receiver got %d requests before the next try was due", got)
	}
	f.clock.Set(f.delivery(t, ids[0]).NextAttemptAt)
	waitFor(t, func() bool { return f.delivery(t, ids[0]).Status == webhooks.Delivered })
	if got := len(rcv.received()); got != 2 {
		t.Errorf("receiver got %d requests, want 2", got)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("timed out")
}

// TestMessageIDsAreTheInstances: the same event key gives the same
// webhook-id on one instance (a retried caller is not sent twice) and
// another one on an instance with another key, so that a receiver fed by
// a test instance and the real one never drops an event as seen.
func TestMessageIDsAreTheInstances(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	rcv := newReceiver(t)
	f.create(t, rcv.URL, webhooks.DossierSubmitted)
	other := webhooks.New(f.db, webhooks.Options{Now: f.clock.Now, Box: testkit.Box(t), IDKey: []byte("une autre instance")})
	first := f.publish(t, webhooks.DossierSubmitted, "dossier-1-envoi", nil)
	again := f.publish(t, webhooks.DossierSubmitted, "dossier-1-envoi", nil)
	elsewhere, err := other.Publish(context.Background(), f.org.ID, webhooks.Event{Type: webhooks.DossierSubmitted, Key: "dossier-1-envoi"})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 1 || len(again) != 0 || len(elsewhere) != 1 {
		t.Fatalf("deliveries %v, %v, %v: want one, none again, one under another key", first, again, elsewhere)
	}
	if a, b := f.delivery(t, first[0]).MessageID, f.delivery(t, elsewhere[0]).MessageID; a == b || len(a) != len("msg_")+26 {
		t.Errorf("message ids %q and %q", a, b)
	}
}
