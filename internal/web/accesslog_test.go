package web

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// TestAnAgentsReadShowsInThePersonsAccessLog: after the CAF's agent opens
// a dossier, its person reads that read at /compte/acces, with the
// organisation, the agent and why.
func TestAnAgentsReadShowsInThePersonsAccessLog(t *testing.T) {
	ps := newPagesServer(t)
	citizen, agent := string(identity.RoleCitizen), string(identity.RoleAgent)
	d, err := ps.Dossiers.Get(context.Background(), demoUserID(t, ps.testServer), ps.sentID)
	if err != nil {
		t.Fatal(err)
	}
	before := ps.get("/compte/acces", citizen).Body.String()
	if strings.Contains(before, "dossier "+d.ShownReference()) {
		t.Fatal("the read is there before the agent opened the dossier")
	}
	if rec := ps.get("/espace/caf/dossiers/"+strconv.FormatInt(d.ID, 10), agent); rec.Code != 200 {
		t.Fatalf("agent's page: %d", rec.Code)
	}
	body := ps.get("/compte/acces", citizen).Body.String()
	for _, want := range []string{"dossier " + d.ShownReference(), "Consultation", "Agent : Sophie Durand",
		"Caisse d&#39;allocations familiales du Rhône", "instruction de votre demande"} {
		if !strings.Contains(body, want) {
			t.Errorf("access log lacks %q:\n%s", want, body)
		}
	}
}
