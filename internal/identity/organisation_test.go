package identity

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/errs"
)

func TestOrganisations(t *testing.T) {
	f := newFixture(t)
	caf := f.org(t, "caf-rhone", KindAdministration)
	epn := f.org(t, "epn-lyon-8", KindHelpStructure)

	errCases := []struct {
		name, slug, orgName string
		kind                OrgKind
		want                errs.Kind
	}{
		{"duplicate slug", "caf-rhone", "Autre", KindAdministration, errs.Conflict},
		{"capitals in slug", "CAF", "CAF", KindAdministration, errs.Invalid},
		{"accent in slug", "créteil", "Créteil", KindAdministration, errs.Invalid},
		{"trailing hyphen", "caf-", "CAF", KindAdministration, errs.Invalid},
		{"one letter", "c", "CAF", KindAdministration, errs.Invalid},
		{"no name", "cpam", "  ", KindAdministration, errs.Invalid},
		{"bad kind", "cpam", "CPAM", "ministry", errs.Invalid},
	}
	for _, tt := range errCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.svc.CreateOrganisation(f.ctx, tt.slug, tt.orgName, tt.kind)
			wantKind(t, err, tt.want)
		})
	}

	got, err := f.svc.OrganisationBySlug(f.ctx, "epn-lyon-8")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(epn, got); diff != "" {
		t.Errorf("by slug (-want +got):\n%s", diff)
	}
	if got, err = f.svc.OrganisationByID(f.ctx, caf.ID); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(caf, got); diff != "" {
		t.Errorf("by id (-want +got):\n%s", diff)
	}
	_, err = f.svc.OrganisationBySlug(f.ctx, "nulle-part")
	wantKind(t, err, errs.NotFound)
	_, err = f.svc.OrganisationByID(f.ctx, 999)
	wantKind(t, err, errs.NotFound)

	all, err := f.svc.Organisations(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Organisation{*caf, *epn}, all); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}
}
