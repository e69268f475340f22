package listening_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/listening"
	"guichet/internal/testkit/demokit"
)

func TestWorkshopKeepsCountsAndMaskedVerbatimsForTheOwner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, func() time.Time { return now })
	obs, err := ids.OrganisationBySlug(ctx, "observatoire")
	if err != nil {
		t.Fatal(err)
	}
	caf, err := ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	s := listening.New(db, listening.Options{Now: func() time.Time { return now }})
	m := listening.Moderator{OrgID: obs.ID}
	bad := listening.Workshop{HeldOn: now, Place: "Centre social", Facilitator: "A. Diallo",
		Profiles: listening.Profiles{Participants: 5, Disability: 6, AgeUnder25: 3, Age65Plus: 3}}
	if _, err := s.RecordWorkshop(ctx, bad, m); !errs.Is(err, errs.Invalid) {
		t.Fatalf("counts over the total: %v", err)
	}
	bad.Disability, bad.Age65Plus = 2, 2
	id, err := s.RecordWorkshop(ctx, bad, m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVerbatim(ctx, id, listening.Verbatim{Procedure: "rsa", Body: "x"}, listening.Moderator{OrgID: caf.ID}); !errs.Is(err, errs.NotFound) {
		t.Fatalf("verbatim from another organisation: %v", err)
	}
	if _, err := s.AddVerbatim(ctx, id, listening.Verbatim{Procedure: "rsa", Step: "Ressources",
		Body: "La page demande un numéro fiscal que je n'ai pas, mon numéro c'est 1234567890123."}, m); err != nil {
		t.Fatal(err)
	}
	vs, err := s.ProcedureVerbatims(ctx, "rsa")
	if err != nil || len(vs) != 1 || strings.Contains(vs[0].Body, "1234567890123") || vs[0].Place != "Centre social" {
		t.Fatalf("verbatims = %+v, %v", vs, err)
	}
	ws, err := s.Workshops(ctx, obs.ID)
	if err != nil || len(ws) != 1 || ws[0].Disability != 2 || len(ws[0].Verbatims) != 1 {
		t.Fatalf("workshops = %+v, %v", ws, err)
	}
}
