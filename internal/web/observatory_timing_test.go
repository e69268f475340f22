package web

import (
	"context"
	"testing"

	"guichet/internal/observatory"
)

// TestProcedurePagesAreTimed: the requests answered on a procedure's pages
// count in its temps de chargement once flushed; a made-up procedure's
// address and the other pages count for nothing.
func TestProcedurePagesAreTimed(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	for path, code := range map[string]int{"/demarches/changement-adresse": 200, "/demarches/changement-adresse/avis": 200,
		"/demarches/pas-une-demarche": 404, "/observatoire": 200} {
		if rec := cs.get(path, ""); rec.Code != code {
			t.Fatalf("%s: %d; want %d", path, rec.Code, code)
		}
	}
	if err := cs.Observatory.FlushTimings(ctx); err != nil {
		t.Fatal(err)
	}
	if err := cs.Observatory.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := cs.Observatory.Board(ctx, cs.Observatory.Current())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range b.Rows {
		v, ok := r.Values[observatory.TempsDeChargement]
		switch {
		case r.Slug == "changement-adresse" && (!ok || v.Answers != 2 || v.Num == nil):
			t.Errorf("changement-adresse: %+v; want a mean over its 2 requests", v)
		case r.Slug != "changement-adresse" && ok:
			t.Errorf("%s has a load time %+v without a request", r.Slug, v)
		}
	}
}

func TestProcedureOfPath(t *testing.T) {
	for path, want := range map[string]string{"/demarches/rsa": "rsa", "/demarches/rsa/commencer": "rsa",
		"/demarches/": "", "/demarches": "", "/demarches/categorie/famille": "", "/demarches/RSA": "", "/observatoire/rsa": ""} {
		if got, _ := procedureOfPath(path); got != want {
			t.Errorf("procedureOfPath(%q) = %q; want %q", path, got, want)
		}
	}
}
