package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// TestOwnerSetsRetention: the procedure's owner finds no period (closed
// dossiers kept), sets one, which the dossiers service then applies, gets
// a wrong one back with the message beside the field and what they typed,
// and may go back to keeping; another organisation's procedure and an
// agent get nothing.
func TestOwnerSetsRetention(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	owner := string(identity.RoleProcedureOwner)
	page := "/espace/caf/demarches/" + testSlug + "/conservation"
	rec := cs.get(page, owner)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="conservation"`) {
		t.Fatalf("page: %d %.1500s", rec.Code, rec.Body.String())
	}
	if edit := cs.get("/espace/caf/demarches/"+testSlug, owner).Body.String(); !strings.Contains(edit, `href="`+page+`"`) {
		t.Error("the procedure's page has no link to the retention")
	}
	rec = cs.post(page, owner, url.Values{"conservation": {"24"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != page+"?enregistre=1" {
		t.Fatalf("save: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if body := cs.get(page+"?enregistre=1", owner).Body.String(); !strings.Contains(body, `value="24"`) || !strings.Contains(body, "La durée est enregistrée") {
		t.Errorf("saved page: %.1500s", body)
	}
	ctx := context.Background()
	for _, bad := range []string{"deux ans", "0", "121"} {
		rec = cs.post(page, owner, url.Values{"conservation": {bad}})
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "entre 1 et 120") || !strings.Contains(body, `value="`+bad+`"`) {
			t.Errorf("%q: %d %.800s", bad, rec.Code, body)
		}
	}
	if m, _ := cs.Dossiers.RetentionMonths(ctx, testSlug); m != 24 {
		t.Errorf("after wrong entries: %d months, want 24", m)
	}
	if rec := cs.post(page, owner, url.Values{"conservation": {""}}); rec.Code != http.StatusSeeOther {
		t.Errorf("back to keeping: %d", rec.Code)
	}
	if m, _ := cs.Dossiers.RetentionMonths(ctx, testSlug); m != 0 {
		t.Errorf("after an empty period: %d months, want 0 (kept)", m)
	}
	if rec := cs.post("/espace/caf/demarches/declaration-deces/conservation", owner, url.Values{"conservation": {"12"}}); rec.Code != http.StatusNotFound {
		t.Errorf("another organisation's procedure: %d", rec.Code)
	}
	if rec := cs.get(page, string(identity.RoleAgent)); rec.Code != http.StatusForbidden {
		t.Errorf("an agent: %d", rec.Code)
	}
}
