package listening_test

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/listening"
	"guichet/internal/testkit/demokit"
)

func TestToolboxCreditsItsOrganisationAndForgivesTheSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, func() time.Time { return now })
	fs, err := ids.OrganisationBySlug(ctx, "france-services-villeurbanne")
	if err != nil {
		t.Fatal(err)
	}
	caf, err := ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	s := listening.New(db, listening.Options{Now: func() time.Time { now = now.Add(time.Minute); return now }})
	if _, err := s.AddPractice(ctx, listening.PracticeInput{Tags: "a,b,c,d,e,f,g,h,i"}, listening.Moderator{OrgID: fs.ID}); err == nil ||
		len(errs.FieldsOf(err)) != 3 {
		t.Fatalf("empty entry with nine tags: %v", err)
	}
	entries := []struct {
		org         int64
		title, body string
		tags        string
	}{
		{fs.ID, "Préparer le rendez-vous de déclaration trimestrielle", "Demander à la personne d'apporter ses bulletins de salaire des trois derniers mois.", "RSA, rendez-vous, rsa"},
		{caf.ID, "Expliquer le numéro fiscal", "Le numéro fiscal est en haut de l'avis d'impôt ; appelez le 06 12 34 56 78 au besoin.", "impôts"},
		{fs.ID, "Créer une adresse e-mail avec la personne", "Prendre le temps de noter le mot de passe sur papier, rangé chez elle.", "numérique"},
	}
	for _, e := range entries {
		if _, err := s.AddPractice(ctx, listening.PracticeInput{Title: e.title, Body: e.body, Tags: e.tags}, listening.Moderator{OrgID: e.org}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Practices(ctx, "", "")
	if err != nil || len(all) != 3 || all[0].Title != entries[2].title || all[2].OrgName != fs.Name {
		t.Fatalf("newest first = %+v, %v", all, err)
	}
	if got := all[2].Tags; len(got) != 2 || got[0] != "rsa" || got[1] != "rendez-vous" {
		t.Fatalf("tags = %q, want [rsa rendez-vous]", got)
	}
	if all[1].OrgName != caf.Name {
		t.Fatalf("credited to %q, want %q", all[1].OrgName, caf.Name)
	}
	if got := all[1].Body; got == entries[1].body {
		t.Fatalf("the phone number was kept: %q", got)
	}
	// Typos and missing accents still find it.
	for _, q := range []string{"numero fiscl", "impots", "bulletin de salair"} {
		found, err := s.Practices(ctx, q, "")
		if err != nil || len(found) == 0 {
			t.Errorf("search %q: %v, %v", q, found, err)
		}
	}
	if found, _ := s.Practices(ctx, "numero fiscal", ""); len(found) == 0 || found[0].Title != entries[1].title {
		t.Errorf("numero fiscal: %+v", found)
	}
	if byTag, err := s.Practices(ctx, "", "RSA"); err != nil || len(byTag) != 1 || byTag[0].Title != entries[0].title {
		t.Errorf("tag rsa: %+v, %v", byTag, err)
	}
}
