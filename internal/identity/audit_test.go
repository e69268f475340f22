package identity

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestAuditEvents(t *testing.T) {
	f := newFixture(t)
	at := func(m int) time.Time { return start.Add(time.Duration(m) * time.Minute) }
	events := []Event{
		{At: at(1), Event: EventSignInFailed, IP: "198.51.100.1"},
		{At: at(2), Event: EventSignIn, UserID: 7, IP: "198.51.100.2", Detail: "password"},
		{At: at(3), Event: EventRoleGranted, UserID: 8, ActorID: 7, Detail: "agent@caf"},
		{At: at(4), Event: EventSignOut, UserID: 8},
		{Event: EventSessionRevoked, UserID: 7, ActorID: 7}, // zero At: the service's now
	}
	for _, e := range events {
		if err := f.svc.Audit(f.ctx, f.db, e); err != nil {
			t.Fatal(err)
		}
	}
	events[4].At = start
	tests := []struct {
		name   string
		userID int64
		limit  int
		want   []Event
	}{
		{"everyone", 0, 10, []Event{events[3], events[2], events[1], events[0], events[4]}},
		{"limit", 0, 2, []Event{events[3], events[2]}},
		{"as user or actor", 7, 10, []Event{events[2], events[1], events[4]}},
		{"as user", 8, 10, []Event{events[3], events[2]}},
		{"nobody", 9, 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.svc.AuditEvents(f.ctx, tt.userID, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEventLabels(t *testing.T) {
	t.Parallel()
	for _, e := range []string{EventSignIn, EventSignInFailed, EventSignInThrottled, EventSignOut, EventSessionRevoked,
		EventTOTPEnrolled, EventTOTPFailed, EventTOTPReset, EventSecondFactor, EventRecoveryCodeUsed, EventPasswordChanged,
		EventPasswordResetRequested, EventPasswordResetDone, EventAccountCreated, EventRoleGranted, EventOIDCLinked} {
		if got := EventLabel(e); got == e || got == "" {
			t.Errorf("EventLabel(%q) = %q, want a French label", e, got)
		}
	}
	if got := EventLabel("inconnu"); got != "inconnu" {
		t.Errorf("unknown event: got %q", got)
	}
}
