package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/identity"
)

func TestThePersonDeclaresTheirAddressAndSeesItsSource(t *testing.T) {
	cs := newCatalogueServer(t)
	citizen := string(identity.RoleCitizen)
	rec := cs.post("/compte/profil/adresse", citizen, url.Values{"street": {"12 rue des Lilas"}, "postcode": {"691"}, "town": {""}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="12 rue des Lilas"`) ||
		!strings.Contains(rec.Body.String(), "Il y a 2 problèmes") {
		t.Fatalf("bad address: %d\n%s", rec.Code, rec.Body.String())
	}
	rec = cs.post("/compte/profil/adresse", citizen, url.Values{"street": {"12 rue des Lilas"}, "postcode": {"69100"}, "town": {"Villeurbanne"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/compte/profil?fait=1" {
		t.Fatalf("save: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	body := cs.get("/compte/profil", citizen).Body.String()
	for _, want := range []string{"12 rue des Lilas, 69100 Villeurbanne", "déclaré par vous le"} {
		if !strings.Contains(body, want) {
			t.Errorf("profile lacks %q", want)
		}
	}
	if rec := cs.get("/compte/profil/autre", citizen); rec.Code != http.StatusNotFound {
		t.Errorf("unknown item: %d", rec.Code)
	}
}
