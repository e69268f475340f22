package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// TestOwnerSetsDraftLifetime: the procedure's owner reads the default, sets
// another lifetime, which the demo citizen's draft takes at once, and gets
// a wrong one back with the message beside the field and what they typed;
// another organisation's procedure and an agent get nothing.
func TestOwnerSetsDraftLifetime(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	publishTestForm(t, cs.testServer)
	owner := string(identity.RoleProcedureOwner)
	page := "/espace/caf/demarches/" + testSlug + "/brouillons"
	rec := cs.get(page, owner)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="mois"`) || !strings.Contains(rec.Body.String(), `value="6"`) {
		t.Fatalf("page: %d %.1500s", rec.Code, rec.Body.String())
	}
	if edit := cs.get("/espace/caf/demarches/"+testSlug, owner).Body.String(); !strings.Contains(edit, `href="`+page+`"`) {
		t.Error("the procedure's page has no link to the drafts' lifetime")
	}
	draft := cs.get("/demarches/"+testSlug+"/commencer", citizen)
	if draft.Code != http.StatusSeeOther {
		t.Fatalf("start: %d", draft.Code)
	}
	rec = cs.post(page, owner, url.Values{"mois": {"3"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != page+"?enregistre=1" {
		t.Fatalf("save: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if body := cs.get(page+"?enregistre=1", owner).Body.String(); !strings.Contains(body, `value="3"`) || !strings.Contains(body, "La durée est enregistrée") {
		t.Errorf("saved page: %.1500s", body)
	}
	ctx := context.Background()
	list, err := cs.Dossiers.List(ctx, demoUserID(t, cs.testServer), 0)
	if err != nil || len(list) == 0 {
		t.Fatalf("drafts: %v %v", list, err)
	}
	for _, d := range list {
		if d.Procedure == testSlug && d.ExpiresAt.Sub(d.UpdatedAt).Hours() != 3*30.5*24 {
			t.Errorf("the draft expires %s after its change, want 3 months", d.ExpiresAt.Sub(d.UpdatedAt))
		}
	}
	for _, bad := range []string{"douze", "0", "36", ""} {
		rec = cs.post(page, owner, url.Values{"mois": {bad}})
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "entre 1 et 24") || bad != "" && !strings.Contains(body, `value="`+bad+`"`) {
			t.Errorf("%q: %d %.800s", bad, rec.Code, body)
		}
	}
	if m, _ := cs.Dossiers.DraftMonths(ctx, testSlug); m != 3 {
		t.Errorf("after wrong entries: %d months, want 3", m)
	}
	if rec := cs.post("/espace/caf/demarches/declaration-deces/brouillons", owner, url.Values{"mois": {"1"}}); rec.Code != http.StatusNotFound {
		t.Errorf("another organisation's procedure: %d", rec.Code)
	}
	if rec := cs.get(page, string(identity.RoleAgent)); rec.Code != http.StatusForbidden {
		t.Errorf("an agent: %d", rec.Code)
	}
}
