package webhooks_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"guichet/internal/webhooks"
)

// TestANewDeliveryOnADeletedOnesIDIsTried: deleting an endpoint takes its
// deliveries with it, and SQLite gives the last one's id to the next
// delivery. The jobs of a delivery's tries are keyed by its id and its
// creation time, so that the new delivery's first try and its retries are
// not taken for the old one's, which ran already.
func TestANewDeliveryOnADeletedOnesIDIsTried(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	old, oldID, gone := f.failedDelivery(t)
	old.answer(http.StatusOK)
	f.clock.Set(f.delivery(t, gone).NextAttemptAt)
	f.drain(t) // the old delivery's first and second jobs ran, and it is delivered
	f.deleteEndpoint(t, oldID)
	f.clock.Advance(time.Minute)
	rcv := newReceiver(t)
	rcv.answer(http.StatusBadGateway)
	f.create(t, rcv.URL, webhooks.DossierSubmitted)
	ids := f.publish(t, webhooks.DossierSubmitted, "b", nil)
	t.Logf("deleted delivery %d, new delivery %d", gone, ids[0])
	if n := f.drain(t); n != 1 {
		t.Fatalf("%d jobs ran for the new delivery's first try, want 1", n)
	}
	rcv.answer(http.StatusOK)
	f.clock.Set(f.delivery(t, ids[0]).NextAttemptAt)
	if n := f.drain(t); n != 1 {
		t.Fatalf("%d jobs ran for the new delivery's second try, want 1", n)
	}
	if d := f.delivery(t, ids[0]); d.Status != webhooks.Delivered || d.Attempts != 2 {
		t.Errorf("new delivery %+v, want delivered at the second try", d)
	}
	if got := len(rcv.received()); got != 2 {
		t.Errorf("new receiver got %d requests, want 2", got)
	}
}

// TestAJobOfADeletedDeliveryLeavesTheNewOneAlone: a try still waiting when
// its endpoint was deleted must not try the delivery that took its id
// since (on SQLite): that one is tried on its own schedule.
func TestAJobOfADeletedDeliveryLeavesTheNewOneAlone(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	_, oldID, gone := f.failedDelivery(t)
	oldRetry := f.delivery(t, gone).NextAttemptAt // its job waits
	f.deleteEndpoint(t, oldID)
	f.clock.Advance(10 * time.Second)
	rcv := newReceiver(t)
	rcv.answer(http.StatusBadGateway)
	f.create(t, rcv.URL, webhooks.DossierSubmitted)
	ids := f.publish(t, webhooks.DossierSubmitted, "b", nil)
	t.Logf("deleted delivery %d, new delivery %d", gone, ids[0])
	f.drain(t)
	f.clock.Set(oldRetry) // before the new delivery's second try
	f.drain(t)
	if d := f.delivery(t, ids[0]); d.Attempts != 1 || len(rcv.received()) != 1 {
		t.Errorf("new delivery tried %d times (%d requests) before its second try was due, want once", d.Attempts, len(rcv.received()))
	}
}

// failedDelivery creates an endpoint whose receiver answers 502 and
// publishes one event to it, whose first try fails: the receiver, the
// endpoint's id and the delivery's.
func (f *fixture) failedDelivery(t *testing.T) (*receiver, int64, int64) {
	t.Helper()
	rcv := newReceiver(t)
	rcv.answer(http.StatusBadGateway)
	id, _ := f.create(t, rcv.URL, webhooks.DossierSubmitted)
	ids := f.publish(t, webhooks.DossierSubmitted, "a", nil)
	f.drain(t)
	return rcv, id, ids[0]
}

// deleteEndpoint deletes the endpoint id, with its deliveries.
func (f *fixture) deleteEndpoint(t *testing.T, id int64) {
	t.Helper()
	if err := f.svc.Delete(context.Background(), 0, f.org.ID, id); err != nil {
		t.Fatal(err)
	}
}
