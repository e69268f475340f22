package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"guichet/internal/identity"
	"guichet/internal/listening"
	"guichet/internal/observatory"
)

// TestObservatoryPagesShowColoursInWords: the table says each colour with
// a word and a symbol, filters by administration, and the procedure's page
// draws its history with a title and a description beside the same data
// as a table.
func TestObservatoryPagesShowColoursInWords(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	at := time.Now().Add(-time.Minute)
	var items []listening.BatchItem
	for i := range 120 {
		a := listening.Answer{Procedure: "rsa", Overall: listening.OverallGood, Clarity: 5, Channel: listening.ChannelPaper, AnsweredAt: at}
		if i >= 60 {
			a.Overall, a.Clarity = listening.OverallMedium, 3
		}
		items = append(items, listening.BatchItem{Index: i, Answer: a})
	}
	if _, rejected, err := cs.Listening.EnterBatch(ctx, items, listening.Entry{}); err != nil || len(rejected) > 0 {
		t.Fatal(rejected, err)
	}
	if err := cs.Observatory.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	rec := cs.get("/observatoire?administration=caf", "")
	body := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	// 60 × 10 + 60 × 5 = 7.5, yellow: a class, and the word with its symbol.
	if !strings.Contains(body, `<td class="o-jaune">7,5`+"\u202f/\u202f"+`10<small>~ Moyen</small>`) {
		t.Errorf("satisfaction of rsa is not shown as 7,5/10 with its word: %s", excerpt(body, "rsa"))
	}
	if strings.Contains(body, "Carte Vitale") {
		t.Error("the filter on the CAF shows a procedure of the CPAM")
	}
	for _, want := range []string{"Licence Ouverte", "/api/v1/observatory/indicators.csv?edition="} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not link %q", want)
		}
	}
	rec = cs.get("/observatoire/rsa", "")
	body = rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, `<svg class="chart" role="img" aria-labelledby="evolution-t evolution-d"`) ||
		!strings.Contains(body, "satisfaction (trait plein) – ") || !strings.Contains(body, "<caption>Les indicateurs de chaque édition") {
		t.Errorf("procedure page %d: %s", rec.Code, excerpt(body, "<svg"))
	}
	// The chart of answers: 60 good and 60 medium, clarity 5 and 3, drawn
	// with its title and description, and the same counts in a table.
	for _, want := range []string{`aria-labelledby="repartition-t repartition-d"`, `<title id="repartition-t">Répartition des 120 avis`,
		"appréciation générale Bonne : 60 (50 %)", "clarté 3 sur 5 : 60 (50 %)",
		"<th scope=\"row\">Moyenne</th><td>60</td><td>50 %</td>", "<th scope=\"row\">1 sur 5</th><td>0</td><td>0 %</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the chart of answers lacks %q: %s", want, excerpt(body, "Répartition des avis"))
		}
	}
	// An action under way on rsa by the CAF shows beside it; one the CAF
	// only proposed does not.
	caf, err := cs.ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	m := listening.Moderator{OrgID: caf.ID}
	act, err := cs.Listening.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: "rsa", Title: "Lister les pièces au début", Indicator: "clarte"}, m)
	if err != nil {
		t.Fatal(err)
	}
	if err := cs.Listening.SetStatus(ctx, act, listening.ActionOngoing, "", 30, m); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Listening.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: "rsa", Title: "Idée seulement", Indicator: "clarte"}, m); err != nil {
		t.Fatal(err)
	}
	body = cs.get("/observatoire/priorites", "").Body.String()
	if !strings.Contains(body, "Règle du classement") || !strings.Contains(body, `<a href="/observatoire/rsa">`) {
		t.Errorf("priorities do not rank rsa (yellow) with their rule: %s", excerpt(body, "<h1"))
	}
	if !strings.Contains(body, fmt.Sprintf(`<a href="/actions/%d">Lister les pièces au début</a> <span class="meta">(En cours, 30`+"\u202f"+`%%)</span>`, act)) ||
		strings.Contains(body, "Idée seulement") {
		t.Errorf("priorities do not show rsa's action under way alone: %s", excerpt(body, "Lister"))
	}
	for path, code := range map[string]int{"/observatoire/nope": 404, "/observatoire?edition=2026-T9": 404, "/observatoire?edition=2001-T1": 404} {
		if rec := cs.get(path, ""); rec.Code != code {
			t.Errorf("%s: %d; want %d", path, rec.Code, code)
		}
	}
}

func excerpt(body, near string) string {
	i := max(strings.Index(body, near)-200, 0)
	return body[i:min(len(body), i+900)]
}

// TestOwnerDeclaresToTheObservatory: every problem at once in form order,
// what was typed kept; then a good declaration shows in the indicators.
func TestOwnerDeclaresToTheObservatory(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	owner, path := string(identity.RoleProcedureOwner), "/espace/caf/demarches/rsa/observatoire"
	rec := cs.post(path, owner, url.Values{"rgaa_rate": {"120"}, "other_channels": {"beaucoup"}})
	body := rec.Body.String()
	first, second := strings.Index(body, "de 0 à 100"), strings.Index(body, "par exemple 1200")
	if rec.Code != 422 || first < 0 || second < first || !strings.Contains(body, `value="beaucoup"`) {
		t.Fatalf("status %d; want both problems in form order and the text kept: %s", rec.Code, excerpt(body, "<h1"))
	}
	rec = cs.post(path, owner, url.Values{"rgaa_rate": {"82,5"}, "rgaa_audited_on": {"2026-10-15"}, "other_channels": {"1 200"}})
	if rec.Code != 303 {
		t.Fatalf("status %d: %s", rec.Code, excerpt(rec.Body.String(), "<h1"))
	}
	if err := cs.Observatory.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if body := cs.get("/observatoire/rsa", "").Body.String(); !strings.Contains(body, "82,5\u202f%") ||
		!strings.Contains(body, "audit RGAA du 2026-10-15") {
		t.Errorf("the declaration does not show: %s", excerpt(body, "Accessibilité"))
	}
}

// TestOwnerSeesTheirProceduresAlertsAndNotes: the owner's view lists the
// organisation's procedures with their indicators and their private note,
// which the public pages never show (the open data has no field for it);
// nobody else opens it.
func TestOwnerSeesTheirProceduresAlertsAndNotes(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	owner := string(identity.RoleProcedureOwner)
	rec := cs.post("/espace/caf/demarches/rsa/observatoire", owner, url.Values{"note": {"Refonte du courrier prévue en janvier."}})
	if rec.Code != 303 {
		t.Fatalf("status %d: %s", rec.Code, excerpt(rec.Body.String(), "<h1"))
	}
	if err := cs.Observatory.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	rec = cs.get("/espace/caf/observatoire", owner)
	body := checkPage(t, rec, 200)
	for _, want := range []string{`<a href="/observatoire/rsa">`, "Refonte du courrier prévue en janvier.",
		`<a href="/espace/caf/demarches/rsa/observatoire">Déclarer`} {
		if !strings.Contains(body, want) {
			t.Errorf("owner's view lacks %q: %s", want, excerpt(body, "<h1"))
		}
	}
	if strings.Contains(body, "Carte Vitale") {
		t.Error("the CAF's owner sees a procedure of the CPAM")
	}
	// The declaration page gives the note back to change it.
	if body := cs.get("/espace/caf/demarches/rsa/observatoire", owner).Body.String(); !strings.Contains(body, ">Refonte du courrier prévue en janvier.</textarea>") {
		t.Errorf("the declaration page does not keep the note: %s", excerpt(body, "note"))
	}
	for _, path := range []string{"/observatoire", "/observatoire/rsa", "/observatoire/priorites"} {
		if strings.Contains(cs.get(path, "").Body.String(), "Refonte du courrier") {
			t.Errorf("%s shows the owner's private note", path)
		}
	}
	// A note too long is refused with what was typed kept.
	long := strings.Repeat("é", 2001)
	rec = cs.post("/espace/caf/demarches/rsa/observatoire", owner, url.Values{"note": {long}})
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "2001 caractères") || !strings.Contains(rec.Body.String(), long) {
		t.Errorf("a note of 2001 characters: status %d", rec.Code)
	}
	if rec := cs.get("/espace/caf/observatoire", ""); rec.Code == 200 {
		t.Error("the owner's view opens to anybody")
	}
}

// TestObservatoryCountsAProcedureWithAFormAsOnGuichet: a procedure whose
// page offers "Faire la démarche en ligne" because its form is published
// is measured as done on Guichet (authentification, Guichet's own figures),
// even when the catalogue lists no online channel for it.
func TestObservatoryCountsAProcedureWithAFormAsOnGuichet(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	onGuichet := func() bool {
		t.Helper()
		if err := cs.Observatory.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		b, err := cs.Observatory.Board(ctx, cs.Observatory.Current())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Rows {
			if r.Procedure.Slug == testSlug {
				_, ok := r.Values[observatory.Authentification]
				return ok
			}
		}
		t.Fatalf("%s is not on the board", testSlug)
		return false
	}
	if onGuichet() {
		t.Fatalf("%s counts as done on Guichet before it has a form", testSlug)
	}
	publishTestForm(t, cs.testServer)
	if !onGuichet() {
		t.Errorf("%s, with a published form, is not measured as done on Guichet", testSlug)
	}
}
