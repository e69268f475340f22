package mediation

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"guichet/internal/errs"
)

func TestAttestationChecksValidRevokedExpired(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(31, "papiers")
	a, err := f.svc.AttestationOf(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.QR) == 0 || !strings.HasPrefix(a.CheckURL, "http://guichet.test/mandats/verifier?m="+strconv.FormatInt(m.ID, 10)) {
		t.Fatalf("attestation = %q, %d bytes of QR", a.CheckURL, len(a.QR))
	}
	u, _ := url.Parse(a.CheckURL)
	if u.Query().Get("h") != a.Signature {
		t.Errorf("the QR link carries %q, want the signature", u.Query().Get("h"))
	}
	status := func(id int64, sig string) (Status, error) {
		c, err := f.svc.CheckAttestation(ctx, id, sig)
		return c.Status, err
	}
	if s, err := status(m.ID, a.Signature); err != nil || s != Active {
		t.Errorf("fresh: %v, %v", s, err)
	}
	// A signature from another key, or for another mandate, is unknown.
	other := New(f.db, Options{Key: []byte("another key of thirty-two bytes!")})
	forged, _ := other.Signature(m)
	if _, err := status(m.ID, forged); !errs.Is(err, errs.NotFound) {
		t.Errorf("forged signature: %v", err)
	}
	second := f.mandate(365, "papiers")
	if _, err := status(second.ID, a.Signature); !errs.Is(err, errs.NotFound) {
		t.Errorf("signature of another mandate: %v", err)
	}
	if _, err := status(9999, a.Signature); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown mandate: %v", err)
	}
	if err := f.svc.RevokeByStructure(ctx, orgA, mediator, m.ID); err != nil {
		t.Fatal(err)
	}
	if s, _ := status(m.ID, a.Signature); s != Revoked {
		t.Errorf("revoked: %v", s)
	}
	b, _ := f.svc.AttestationOf(second)
	f.clock.Advance(day(366))
	if s, _ := status(second.ID, b.Signature); s != Expired {
		t.Errorf("expired: %v", s)
	}
}

func TestSweepSendsOneNoticeAndJournalsTheEnd(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	long := f.mandate(182, "social")
	f.mandate(31, "social")
	f.clock.Advance(day(151))
	if n, ended, err := f.svc.Sweep(ctx); err != nil || n != 0 || ended != 1 {
		t.Fatalf("31 days before the end: %d notices, %d ended, %v", n, ended, err)
	}
	f.clock.Advance(day(2))
	if n, ended, err := f.svc.Sweep(ctx); err != nil || n != 1 || ended != 0 {
		t.Fatalf("29 days before the end: %d notices, %d ended, %v", n, ended, err)
	}
	if n, ended, _ := f.svc.Sweep(ctx); n != 0 || ended != 0 {
		t.Errorf("second sweep: %d notices, %d ended", n, ended)
	}
	if len(f.sent.events) != 1 || f.sent.events[0].Recipient.UserID != person ||
		f.sent.events[0].Data["structure"] != "France Services de Villeurbanne" ||
		f.sent.events[0].IdempotencyKey != "mandate-"+strconv.FormatInt(long.ID, 10)+"-expiring" {
		t.Errorf("notices = %+v", f.sent.events)
	}
	f.clock.Advance(day(30))
	if _, ended, _ := f.svc.Sweep(ctx); ended != 1 {
		t.Errorf("after the end of the long one: %d ended", ended)
	}
	if v := f.verify(); v.Entries != 5 || v.Broken != nil {
		t.Errorf("journal = %+v", v)
	}
}

func TestARenewedAttestationChecksAsReplaced(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(31, "papiers")
	old, err := f.svc.Signature(m)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(day(20))
	renewed, err := f.svc.Renew(ctx, Renewal{OrgID: orgA, MediatorID: mediator, MandateID: m.ID, Days: 365,
		TextVersion: TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	renewedAt := f.clock.Now().UTC().Truncate(time.Microsecond)
	current, _ := f.svc.Signature(renewed)
	f.clock.Advance(day(1))
	c, err := f.svc.CheckAttestation(ctx, m.ID, old)
	if err != nil || c.Status != Replaced || !c.ReplacedAt.Equal(renewedAt) {
		t.Errorf("old attestation = %+v, %v; want remplacé on %v", c, err, renewedAt)
	}
	if c, err := f.svc.CheckAttestation(ctx, m.ID, current); err != nil || c.Status != Active || !c.ReplacedAt.IsZero() {
		t.Errorf("new attestation = %+v, %v; want valide", c, err)
	}
	// A replaced signature is known for its own mandate only.
	other := f.mandate(31, "papiers")
	if _, err := f.svc.CheckAttestation(ctx, other.ID, old); !errs.Is(err, errs.NotFound) {
		t.Errorf("the old signature on another mandate: %v", err)
	}
	// Renewed twice: both former attestations say replaced, each on its day.
	f.clock.Advance(day(10))
	if _, err := f.svc.Renew(ctx, Renewal{OrgID: orgA, MediatorID: mediator, MandateID: m.ID, Days: 182,
		TextVersion: TextVersion, Consent: true}); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.svc.CheckAttestation(ctx, m.ID, current); c.Status != Replaced || !c.ReplacedAt.After(renewedAt) {
		t.Errorf("second attestation after another renewal = %+v", c)
	}
	if c, _ := f.svc.CheckAttestation(ctx, m.ID, old); c.Status != Replaced || !c.ReplacedAt.Equal(renewedAt) {
		t.Errorf("first attestation after another renewal = %+v", c)
	}
	// Once revoked, every attestation of it says so.
	if err := f.svc.RevokeByPerson(ctx, person, m.ID); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.svc.CheckAttestation(ctx, m.ID, old); c.Status != Revoked {
		t.Errorf("old attestation after revocation = %+v", c)
	}
}
