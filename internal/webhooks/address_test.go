package webhooks_test

import (
	"context"
	"strings"
	"testing"

	"guichet/internal/errs"
	"guichet/internal/testkit"
	"guichet/internal/webhooks"
)

func TestCreateChecksTheAddress(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	ctx := context.Background()
	for _, tc := range []struct {
		url, want string // want: a piece of the message, "" when accepted
	}{
		{"https://si.caf.fr/guichet/webhooks", ""},
		{"http://93.184.215.14:8443/hook", ""},
		{"", "Donnez l'adresse"},
		{"ftp://si.caf.fr/x", "doit commencer par https://"},
		{"si.caf.fr/x", "doit commencer par https://"},
		{"https://moi:secret@si.caf.fr/x", "mot de passe"},
		{"https://si.caf.fr/x#y", "après #"},
		{"http://localhost:8080/x", "réseau privé"},
		{"http://api.localhost/x", "réseau privé"},
		{"http://127.0.0.1/x", "réseau privé"},
		{"http://[::1]/x", "réseau privé"},
		{"http://10.1.2.3/x", "réseau privé"},
		{"http://172.16.0.1/x", "réseau privé"},
		{"http://192.168.1.1/x", "réseau privé"},
		{"http://169.254.169.254/latest/meta-data", "réseau privé"},
		{"http://100.64.0.1/x", "réseau privé"},
		{"http://0.0.0.0/x", "réseau privé"},
		{"http://[::ffff:127.0.0.1]/x", "réseau privé"},
		{"http://[fd00::1]/x", "réseau privé"},
		{"http://[fe80::1]/x", "réseau privé"},
	} {
		t.Run(tc.url, func(t *testing.T) {
			_, _, err := f.svc.Create(ctx, 0, f.org.ID, tc.url, []string{webhooks.DossierSubmitted})
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			fields := errs.FieldsOf(err)
			if len(fields) == 0 || fields[0].Field != "url" || !strings.Contains(fields[0].Message, tc.want) {
				t.Fatalf("error %v (fields %+v), want one on url saying %q", err, fields, tc.want)
			}
		})
	}
	// Tests and development may allow them.
	dev := newFixture(t, true)
	if _, _, err := dev.svc.Create(ctx, 0, dev.org.ID, "http://127.0.0.1:9/x", []string{webhooks.DossierSubmitted}); err != nil {
		t.Errorf("loopback refused although allowed: %v", err)
	}
}

func TestCreateChecksTheEvents(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	ctx := context.Background()
	for _, events := range [][]string{nil, {""}, {"dossier.deleted"}} {
		_, _, err := f.svc.Create(ctx, 0, f.org.ID, "https://si.caf.fr/x", events)
		if fields := errs.FieldsOf(err); len(fields) != 1 || fields[0].Field != "events" {
			t.Errorf("events %q: error %v, want one on events", events, err)
		}
	}
	_, ep, err := f.svc.Create(ctx, 0, f.org.ID, "https://si.caf.fr/x",
		[]string{"dossier.message, dossier.submitted", "dossier.submitted"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ep.Events, " "); got != "dossier.submitted dossier.message" {
		t.Errorf("events stored as %q, want them once each in the order of EventTypes", got)
	}
}

// TestDialRefusesPrivateAddresses registers a loopback endpoint where it
// is allowed, then lets a process that does not allow it deliver: the
// address is checked where the connection goes, so a name that resolves
// inside the network (or is made to, later) is refused as well.
func TestDialRefusesPrivateAddresses(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	rcv := newReceiver(t)
	url := strings.Replace(rcv.URL, "127.0.0.1", "localhost", 1)
	dev := webhooks.New(f.db, webhooks.Options{Now: f.clock.Now, Box: testkit.Box(t), AllowPrivate: true})
	if _, _, err := dev.Create(context.Background(), 0, f.org.ID, url, []string{webhooks.DossierSubmitted}); err != nil {
		t.Fatal(err)
	}
	ids := f.publish(t, webhooks.DossierSubmitted, "k", map[string]string{"reference": "ABCD-EFGH"})
	if n := f.drain(t); n != 1 {
		t.Fatalf("%d jobs ran, want 1", n)
	}
	if got := rcv.received(); len(got) != 0 {
		t.Fatalf("the receiver on loopback got %d requests", len(got))
	}
	d := f.delivery(t, ids[0])
	list, err := f.svc.Deliveries(context.Background(), f.org.ID, d.EndpointID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != webhooks.Pending || len(list) != 1 || len(list[0].Tries) != 1 ||
		!strings.Contains(list[0].Tries[0].Error, "réseau privé") {
		t.Fatalf("delivery %+v, tries %+v: want pending with a try refused as private", d, list)
	}
}

// TestAuditKeepsNoTokenOfTheAddress: receivers often put a token of
// theirs in the address's query; the audit log never holds a secret.
func TestAuditKeepsNoTokenOfTheAddress(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	ctx := context.Background()
	_, ep, err := f.svc.Create(ctx, 0, f.org.ID, "https://si.caf.fr/hook?token=s3cr3t-du-recepteur", []string{webhooks.DossierSubmitted})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Delete(ctx, 0, f.org.ID, ep.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := f.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE detail LIKE '%s3cr3t%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d audit entries hold the address's token", n)
	}
}
