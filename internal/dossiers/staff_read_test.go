package dossiers

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/testkit"
)

// TestOrgListPagesNeverRepeatNorSkip reads an organisation's list two by
// two while dossiers are sent between the pages, some at the very same
// microsecond: every dossier is read once, in the order sent.
func TestOrgListPagesNeverRepeatNorSkip(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := 0
	send := func() string {
		n++
		u := f.citizen(t, ctx, fmt.Sprintf("p%d@example.fr", n), fmt.Sprintf("Personne %d", n))
		return f.submitted(t, u).Reference
	}
	var want []string
	for i := range 5 {
		want = append(want, send())
		if i%2 == 1 { // two by two at the same instant: the id breaks the tie
			f.clock.Advance(time.Second)
		}
	}
	f.draft(t, f.marie) // a draft is never listed
	var got []string
	var c Cursor
	for page := 0; ; page++ {
		res, err := f.svc.ListForOrg(ctx, f.mairie.OrgID, OrgFilter{After: c, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, sm := range res.Dossiers {
			got = append(got, sm.Reference)
		}
		// The cursor goes through its text form, as a client sends it back.
		if c, err = ParseCursor(res.Next.String()); err != nil {
			t.Fatal(err)
		}
		if page == 0 || page == 1 {
			// Sent between pages: one now, one at the same instant.
			want = append(want, send())
			want = append(want, send())
		}
		if !res.More {
			break
		}
		if page > 20 {
			t.Fatal("the pages never end")
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("read %v\nwant %v", got, want)
	}
	// Kept after the last page, the cursor reads only what is sent later.
	later := send()
	res, err := f.svc.ListForOrg(ctx, f.mairie.OrgID, OrgFilter{After: c})
	if err != nil || len(res.Dossiers) != 1 || res.Dossiers[0].Reference != later || res.More {
		t.Fatalf("after the end: %+v, %v", res, err)
	}
	// Another organisation sees none of them.
	if res, err := f.svc.ListForOrg(ctx, f.caf.OrgID, OrgFilter{}); err != nil || len(res.Dossiers) != 0 || res.Next.String() != "" {
		t.Fatalf("the CAF lists %+v, %v", res, err)
	}
	for _, bad := range []string{"nope", "MTox", "MToxOjA"} {
		if _, err := ParseCursor(bad); !errs.Is(err, errs.Invalid) {
			t.Errorf("cursor %q: %v", bad, err)
		}
	}
}

func TestOrgListFilters(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first := f.submitted(t, f.marie)
	f.clock.Advance(time.Hour)
	second := f.submitted(t, f.paul)
	if err := f.svc.Move(ctx, second.ID, f.mairie, InInstruction, ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    OrgFilter
		want []string
	}{
		{"all", OrgFilter{}, []string{first.Reference, second.Reference}},
		{"by state", OrgFilter{State: InInstruction}, []string{second.Reference}},
		{"since", OrgFilter{Since: testkit.Start.Add(time.Minute)}, []string{second.Reference}},
		{"by procedure", OrgFilter{Procedure: "acte-naissance"}, []string{first.Reference, second.Reference}},
		{"another procedure", OrgFilter{Procedure: "rsa"}, nil},
	} {
		res, err := f.svc.ListForOrg(ctx, f.mairie.OrgID, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, sm := range res.Dossiers {
			got = append(got, sm.Reference)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestTokenActsAndReadsUnderItsOwnName: what an organisation's API token
// does is in the timeline and the audit log under the token, and its
// reads are logged; another organisation's dossier is not found.
func TestTokenActsAndReadsUnderItsOwnName(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.submitted(t, f.marie)
	_, tok, err := f.ids.CreateAPITokenFromCommandLine(ctx, "mairie", identity.APITokenSpec{Name: "Logiciel métier"})
	if err != nil {
		t.Fatal(err)
	}
	ag := Agent{OrgID: f.mairie.OrgID, TokenID: tok.ID}
	if _, err := f.svc.GetByReference(ctx, Agent{OrgID: f.caf.OrgID, TokenID: tok.ID}, d.Reference); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another organisation reads it: %v", err)
	}
	got, err := f.svc.GetByReference(ctx, ag, FormatReference(d.Reference))
	if err != nil || got.ID != d.ID {
		t.Fatalf("GetByReference = %+v, %v", got, err)
	}
	if err := f.svc.Move(ctx, d.ID, ag, InInstruction, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RequestCorrection(ctx, d.ID, ag, Incomplete, []string{"nom"}, "Il manque votre nom."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PostStaffMessage(ctx, ag, d.ID, "Bonjour", nil); err != nil {
		t.Fatal(err)
	}
	events, err := f.svc.Timeline(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	byToken := 0
	for _, e := range events {
		if e.TokenID == tok.ID {
			byToken++
			if e.ActorID != 0 {
				t.Errorf("a token's entry names a person: %+v", e)
			}
		}
	}
	// Taken, sent back, correction asked, message.
	if byToken != 4 {
		t.Fatalf("%d timeline entries by the token, want 4: %+v", byToken, events)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_events WHERE token_id = $1 AND event = 'dossier_read' AND user_id = $2`, tok.ID, f.marie.ID); n != 1 {
		t.Errorf("%d reads by the token logged, want 1", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_events WHERE token_id = $1 AND event = 'dossier_changed'`, tok.ID); n != 3 {
		t.Errorf("%d changes by the token logged, want 3", n)
	}
	sm, err := f.svc.SummaryForOrg(ctx, f.mairie.OrgID, d.Reference)
	if err != nil || sm.State != InConstruction || !sm.Correction {
		t.Fatalf("SummaryForOrg = %+v, %v", sm, err)
	}
	if _, err := f.svc.SummaryForOrg(ctx, f.caf.OrgID, d.Reference); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another organisation's summary: %v", err)
	}
}
