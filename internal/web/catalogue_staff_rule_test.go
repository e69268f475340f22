package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestEditorShowsReferenceHouseholdsThatChange checks that an owner who
// changes a rule sees, before publishing, the reference households whose
// answer moves, and that an unchanged rule lists none.
func TestEditorShowsReferenceHouseholdsThatChange(t *testing.T) {
	cs := newCatalogueServer(t)
	sn, err := cs.Catalogue.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p, ok := sn.Procedure("rsa")
	if !ok {
		t.Fatal("no rsa in the demo catalogue")
	}
	form := procedureFormValues(p.Procedure)
	form.Set("base", "1")
	form.Set("action", "verifier")
	body := checkPage(t, cs.post("/espace/caf/demarches/rsa", "procedure_owner", form), http.StatusOK)
	if strings.Contains(body, `id="foyers"`) {
		t.Error("the published rule, unchanged, shows reference households")
	}
	form.Set("rule_expr", strings.ReplaceAll(p.Eligibility.Expr, "rsa_montant_forfaitaire", "646"))
	body = checkPage(t, cs.post("/espace/caf/demarches/rsa", "procedure_owner", form), http.StatusOK)
	for _, want := range []string{`id="foyers"`, "seul, sans activité, au seuil du RSA moins 6 €", "A priori oui</td><td>Non"} {
		if !strings.Contains(body, want) {
			t.Errorf("the editor misses %q", want)
		}
	}
}
