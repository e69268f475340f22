package places

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// newOrganisation adds an organisation of kind and returns its id.
func newOrganisation(t *testing.T, db *database.DB, slug, kind string) int64 {
	t.Helper()
	var id int64
	err := db.QueryRowContext(context.Background(),
		`INSERT INTO organisations (slug, name, kind, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		slug, "Structure "+slug, kind, importNow).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newHelpStructure(t *testing.T, db *database.DB, slug string) int64 {
	return newOrganisation(t, db, slug, "help_structure")
}

func TestClaim(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSearchDB(t)
	p, err := svc(db).GetByID(ctx, "tests", "tinqueux")
	if err != nil {
		t.Fatal(err)
	}
	mine := newHelpStructure(t, db, "mediatheque")
	other := newHelpStructure(t, db, "autre")
	admin := newOrganisation(t, db, "caf", "administration")
	tests := []struct {
		name string
		key  int64
		org  int64
		want errs.Kind // -1: success
	}{
		{"first claim", p.Key, mine, -1},
		{"claiming again is harmless", p.Key, mine, -1},
		{"another structure", p.Key, other, errs.Conflict},
		{"an administration", p.Key, admin, errs.Invalid},
		{"unknown organisation", p.Key, 999999, errs.Invalid},
		{"unknown place", 999999, mine, errs.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := svc(db).Claim(ctx, tt.key, tt.org)
			if tt.want == -1 && err != nil || tt.want != -1 && !errs.Is(err, tt.want) {
				t.Errorf("Claim = %v, want kind %d", err, tt.want)
			}
		})
	}
	got, err := svc(db).ListByOrg(ctx, mine)
	if err != nil || len(got) != 1 || got[0].Key != p.Key || got[0].OrgID == nil || *got[0].OrgID != mine {
		t.Errorf("ListByOrg = %v, %v; want the claimed place", ids(resultsOf(got)), err)
	}
	if err := svc(db).Release(ctx, p.Key, other); !errs.Is(err, errs.Forbidden) {
		t.Errorf("Release by another structure = %v, want forbidden", err)
	}
	if err := svc(db).Release(ctx, p.Key, mine); err != nil {
		t.Errorf("Release = %v", err)
	}
	if err := svc(db).Claim(ctx, p.Key, other); err != nil {
		t.Errorf("Claim after release = %v", err)
	}
}

func resultsOf(ps []Place) []Result {
	out := make([]Result, len(ps))
	for i, p := range ps {
		out[i].Place = p
	}
	return out
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSearchDB(t)
	p, err := svc(db).GetByID(ctx, "tests", "chalons")
	if err != nil {
		t.Fatal(err)
	}
	org := newHelpStructure(t, db, "epn-chalons")
	other := newHelpStructure(t, db, "autre")

	edit := *p
	edit.Telephone = "03 26 00 00 00"
	if err := svcAt(db, importNow).Update(ctx, &edit, org); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("Update before claiming = %v, want forbidden", err)
	}
	if err := svc(db).Claim(ctx, p.Key, org); err != nil {
		t.Fatal(err)
	}
	if err := svcAt(db, importNow).Update(ctx, &edit, other); !errs.Is(err, errs.Forbidden) {
		t.Errorf("Update by another structure = %v, want forbidden", err)
	}

	edit.ID, edit.Source = "changed", "changed"
	edit.FraisACharge = []string{"gratuit"}
	if err := svcAt(db, importNow).Update(ctx, &edit, org); err != nil {
		t.Fatalf("Update = %v", err)
	}
	got, err := svc(db).Get(ctx, p.Key)
	if err != nil {
		t.Fatal(err)
	}
	if got.Telephone != "+33326000000" || got.ID != "chalons" || got.Source != "tests" ||
		!got.DateMaj.Equal(dayOf(importNow)) || len(got.FraisACharge) != 1 || got.FraisACharge[0] != "Gratuit" ||
		!got.UpdatedAt.Equal(importNow) || got.UpdatedAt.Location() != time.UTC {
		t.Errorf("after Update: %+v", got)
	}

	bad := *got
	bad.CodePostal, bad.Nom, bad.Services = "ABCDE", "", []string{"Réparer les vélos"}
	err = svcAt(db, importNow).Update(ctx, &bad, org)
	if !errs.Is(err, errs.Invalid) || errs.FieldsOf(err) == nil {
		t.Fatalf("Update of an invalid place = %v, want invalid with field errors", err)
	}
	var fields []string
	for _, f := range errs.FieldsOf(err) {
		fields = append(fields, f.Field)
	}
	if want := []string{FieldNom, FieldCodePostal, FieldServices}; !equalStrings(fields, want) {
		t.Errorf("fields in error = %v, want %v", fields, want)
	}
	if _, err := svc(db).Get(ctx, 999999); !errs.Is(err, errs.NotFound) {
		t.Errorf("Get of an unknown place = %v, want not found", err)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// svc returns a places service over db on the real clock.
func svc(db *database.DB) *Service { return New(db, Options{}) }

// svcAt returns a places service over db whose clock stops at now.
func svcAt(db *database.DB, now time.Time) *Service {
	return New(db, Options{Now: func() time.Time { return now }})
}
