package demo

import (
	"context"
	"testing"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/database/dbtest"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/testkit"
)

// TestDemoFormsCoverEveryType checks the demo forms as the issue asks: valid, in plain
// words, and between them every field type, a condition, a repeatable block and a file.
func TestDemoFormsCoverEveryType(t *testing.T) {
	used := map[forms.Type]bool{}
	conditions := 0
	var walk func(fds []forms.Field)
	walk = func(fds []forms.Field) {
		for _, fd := range fds {
			used[fd.Type] = true
			if fd.Condition != nil {
				conditions++
			}
			walk(fd.Children)
		}
	}
	for _, f := range DemoForms() {
		if p := f.CheckPublish(); len(p) > 0 {
			t.Errorf("%s: %+v", f.Procedure, p)
		}
		for _, w := range f.Warnings() {
			t.Errorf("%s: « %s » : %s", f.Procedure, w.Label, w.Message)
		}
		for _, p := range f.Pages {
			walk(p.Fields)
		}
	}
	for _, typ := range forms.Types {
		if !used[typ] {
			t.Errorf("no demo form uses the type %s", typ)
		}
	}
	if conditions == 0 {
		t.Error("no demo form has a condition")
	}
}

// TestLoadForms publishes the demo forms once: loading again changes nothing.
func TestLoadForms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	box := testkit.Box(t)
	ids := identity.NewService(db, box, identity.Config{BaseURL: "http://guichet.test"}, time.Now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	cat, err := catalogue.New(db, catalogue.Options{Box: box})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCatalogue(ctx, cat, ids); err != nil {
		t.Fatal(err)
	}
	fm := forms.New(db, forms.Options{})
	if n, err := LoadForms(ctx, fm); err != nil || n != len(DemoForms()) {
		t.Fatalf("first load: %d, %v", n, err)
	}
	if n, err := LoadForms(ctx, fm); err != nil || n != 0 {
		t.Fatalf("second load: %d, %v", n, err)
	}
	for _, f := range DemoForms() {
		got, err := fm.Published(ctx, f.Procedure)
		if err != nil || got.Version != 1 || len(got.Pages) != len(f.Pages) {
			t.Errorf("%s: %+v, %v", f.Procedure, got, err)
		}
		p, ok := mustSnapshot(t, cat).Procedure(f.Procedure)
		if !ok || p.Org.Slug != map[string]string{"acte-naissance": "mairie", "inscription-ecole": "mairie",
			"carte-mobilite-inclusion": "mdph", "prime-naissance": "caf", "changement-adresse": "mairie",
			"complementaire-sante-solidaire": "cpam"}[f.Procedure] {
			t.Errorf("%s: not in the catalogue under its organisation", f.Procedure)
		}
	}
}
