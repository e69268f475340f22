package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/identity"
)

func TestToolboxIsSharedAmongStaffAndNeverPublic(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	mediator := string(identity.RoleMediator)
	rec := cs.post("/espace/france-services-villeurbanne/boite-a-outils", mediator, url.Values{"title": {"Préparer le rendez-vous RSA"},
		"body": {"Demander les bulletins de salaire des trois derniers mois."}, "tags": {"RSA, rendez-vous"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add: %d %s", rec.Code, rec.Body)
	}
	entry := rec.Header().Get("Location")
	// An agent of the CAF finds it with a typo, credited to the structure.
	page := cs.get("/espace/caf/boite-a-outils?q=bulletins+salair", string(identity.RoleAgent)).Body.String()
	if !strings.Contains(page, "Préparer le rendez-vous RSA") || !strings.Contains(page, "France Services") {
		t.Fatalf("the agent's search does not find the entry with its organisation:\n%s", page)
	}
	// A mediator cannot write in the CAF's name.
	if rec := cs.post("/espace/caf/boite-a-outils", mediator, url.Values{"title": {"x"}, "body": {"y"}}); rec.Code != http.StatusForbidden {
		t.Fatalf("a mediator writing from the CAF's space: %d", rec.Code)
	}
	// Never public: neither the list nor an entry, to a person or a citizen.
	for _, path := range []string{"/espace/caf/boite-a-outils", entry} {
		for _, role := range []string{"", string(identity.RoleCitizen)} {
			if rec := cs.get(path, role); !denied(rec) {
				t.Errorf("%s as %q: %d, want refused", path, role, rec.Code)
			}
		}
	}
}
