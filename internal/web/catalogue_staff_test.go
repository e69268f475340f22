package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guichet/internal/catalogue"
)

// newProcedureForm is a complete creation form, as the editing page sends it.
func newProcedureForm() url.Values {
	return url.Values{
		"action": {"enregistrer"}, "base": {"0"}, "channel_count": {"3"},
		"title": {"Demander une aide pour la cantine"}, "slug": {"aide-cantine"}, "category": {"famille"},
		"summary":    {"La commune peut payer une partie de la cantine de vos enfants. Cela dépend de vos revenus."},
		"falc":       {"La cantine coûte cher.\nLa mairie peut vous aider.\nVous allez à la mairie."},
		"audience":   {"Les familles avec des enfants à l'école."},
		"conditions": {"Avoir un enfant à l'école\r\nHabiter la commune"}, "documents": {"Avis d'imposition"},
		"cost": {"Gratuit"}, "delay": {"Un mois"},
		"channel-0-kind": {"in_person"}, "channel-0-label": {"À l'accueil de la mairie"},
		"channel-1-kind": {"phone"}, "channel-1-label": {"Par téléphone"}, "channel-1-phone": {"04 78 00 00 00"},
		"offline_way": {"Allez à la mairie avec votre avis d'imposition."},
		"help_label":  {"Mairie"}, "help_phone": {"04 78 00 00 00"},
		"synonyms": {"cantine scolaire\nrestaurant scolaire"}, "volume": {"1 200"},
		"life_events": {"j-attends-un-enfant"},
		"rule_expr":   {"enfants_scolarises >= 1"}, "rule_reason": {"Un enfant va à l'école : la mairie peut aider."},
	}
}

func TestOwnerEditsAndPublishes(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	const owner = "procedure_owner"
	base := "/espace/caf/demarches"

	t.Run("errors are shown next to the fields, with what was typed", func(t *testing.T) {
		form := newProcedureForm()
		form.Set("title", "")
		form.Set("slug", "Aide Cantine")
		form.Set("rule_expr", "enfants >= ")
		form.Set("volume", "beaucoup")
		body := checkPage(t, cs.post(base, owner, form), http.StatusUnprocessableEntity)
		for _, want := range []string{`href="#title"`, `href="#slug"`, `href="#rule_expr"`, `href="#volume"`,
			`id="rule_expr-error"`, `value="Aide Cantine"`, "enfants &gt;=</textarea>", "<title>Erreur : "} {
			if !strings.Contains(body, want) {
				t.Errorf("missing %q", want)
			}
		}
	})

	t.Run("create, check, save, publish", func(t *testing.T) {
		rec := cs.post(base, owner, newProcedureForm())
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != base+"/aide-cantine?fait=cree" {
			t.Fatalf("create: %d to %q: %.500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		body := checkPage(t, cs.get(base+"/aide-cantine?fait=cree", owner), http.StatusOK)
		for _, want := range []string{"Démarche créée", "Le résumé :", "Brouillon", "Publier la version 1",
			"Avoir un enfant à l&#39;école\nHabiter la commune", `value="1200"`} {
			if !strings.Contains(body, want) {
				t.Errorf("edit page misses %q", want)
			}
		}
		if rec := cs.get("/demarches/aide-cantine", ""); rec.Code != http.StatusNotFound {
			t.Errorf("the draft is public: %d", rec.Code)
		}

		form := newProcedureForm()
		form.Set("base", "1")
		form.Set("summary", "Une phrase très longue qui ne finit jamais et qui accumule les mots administratifs incompréhensibles pour beaucoup de personnes sans expliquer ce que la personne doit faire ni pourquoi elle devrait le faire maintenant.")
		form.Set("action", "verifier")
		body = checkPage(t, cs.post(base+"/aide-cantine", owner, form), http.StatusOK)
		if !strings.Contains(body, "Rien n&#39;est encore enregistré") || !strings.Contains(body, "Cette phrase a") {
			t.Error("readability check gives no warning")
		}
		form.Set("action", "ajouter-moyen")
		body = checkPage(t, cs.post(base+"/aide-cantine", owner, form), http.StatusOK)
		if !strings.Contains(body, "Moyen 5") {
			t.Error("no new channel slot")
		}

		form.Set("action", "enregistrer")
		if rec := cs.post(base+"/aide-cantine", owner, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d %.500s", rec.Code, rec.Body.String())
		}
		t.Run("a stale form keeps what was typed", func(t *testing.T) {
			form.Set("title", "Titre tapé pendant ce temps")
			body := checkPage(t, cs.post(base+"/aide-cantine", owner, form), http.StatusConflict)
			if !strings.Contains(body, "Quelqu&#39;un a enregistré") || !strings.Contains(body, "Titre tapé pendant ce temps") {
				t.Error("conflict page does not keep the typed title")
			}
			form.Set("title", "Demander une aide pour la cantine")
		})
		rec = cs.post(base+"/aide-cantine/publier", owner, url.Values{"revision": {"2"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("publish: %d %.500s", rec.Code, rec.Body.String())
		}
		checkPage(t, cs.get("/demarches/aide-cantine", ""), http.StatusOK)
		if body := cs.get("/demarches?q=restorant+scolaire", "").Body.String(); !strings.Contains(body, `href="/demarches/aide-cantine"`) {
			t.Error("the published procedure is not found by its synonym")
		}
		body = checkPage(t, cs.get(base+"/aide-cantine/historique", owner), http.StatusOK)
		if !strings.Contains(body, "2 <strong>(publiée)</strong>") || !strings.Contains(body, "Luc Moreau") {
			t.Errorf("history: %.3000s", body)
		}
		if rec := cs.post(base+"/aide-cantine/retirer", owner, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("unpublish: %d", rec.Code)
		}
		if rec := cs.get("/demarches/aide-cantine", ""); rec.Code != http.StatusNotFound {
			t.Errorf("still public after unpublishing: %d", rec.Code)
		}
	})

	t.Run("an incomplete draft cannot be published", func(t *testing.T) {
		form := url.Values{"title": {"Brouillon"}, "slug": {"brouillon"}, "category": {"famille"}, "channel_count": {"0"}}
		if rec := cs.post(base, owner, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("create draft: %d %.500s", rec.Code, rec.Body.String())
		}
		body := checkPage(t, cs.post(base+"/brouillon/publier", owner, url.Values{"revision": {"1"}}), http.StatusUnprocessableEntity)
		for _, want := range []string{"ne peut pas être publiée", `href="#summary"`, `href="#channels"`} {
			if !strings.Contains(body, want) {
				t.Errorf("missing %q", want)
			}
		}
	})

	t.Run("other organisations are refused", func(t *testing.T) {
		for _, path := range []string{"/espace/cpam/demarches", "/espace/caf/demarches/carte-vitale"} {
			if rec := cs.get(path, owner); rec.Code != http.StatusForbidden {
				t.Errorf("GET %s: %d, want 403", path, rec.Code)
			}
		}
		form := newProcedureForm()
		form.Set("base", "1")
		if rec := cs.post("/espace/caf/demarches/carte-vitale", owner, form); rec.Code != http.StatusForbidden {
			t.Errorf("save another organisation's procedure: %d, want 403", rec.Code)
		}
		if rec := cs.post("/espace/caf/demarches/carte-vitale/publier", owner, url.Values{"revision": {"1"}}); rec.Code != http.StatusForbidden {
			t.Errorf("publish another organisation's procedure: %d, want 403", rec.Code)
		}
	})
}

func TestSynonymsPage(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	bad := url.Values{"synonymes": {"piaule => loyer\nligne sans signe\nx = | y"}}
	body := checkPage(t, cs.post("/espace/catalogue/synonymes", "admin", bad), http.StatusUnprocessableEntity)
	for _, want := range []string{"Ligne 2 (« ligne sans signe »)", "Ligne 3", "piaule =&gt; loyer", `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	if rec := cs.post("/espace/catalogue/synonymes", "citizen", bad); rec.Code != http.StatusForbidden {
		t.Errorf("a citizen edits synonyms: %d", rec.Code)
	}
	good := url.Values{"synonymes": {"piaule => loyer"}}
	// The list serves every administration: a procedure owner of one of
	// them may neither see nor change it.
	if rec := cs.get("/espace/catalogue/synonymes", "procedure_owner"); rec.Code != http.StatusForbidden {
		t.Errorf("a procedure owner opens the synonyms: %d, want 403", rec.Code)
	}
	if rec := cs.post("/espace/catalogue/synonymes", "procedure_owner", good); rec.Code != http.StatusForbidden {
		t.Errorf("a procedure owner saves the synonyms: %d, want 403", rec.Code)
	}
	if body := cs.get("/demarches?q=piaule", "").Body.String(); strings.Contains(body, `href="/demarches/aide-logement"`) {
		t.Error("the procedure owner's synonym is used")
	}
	if rec := cs.post("/espace/catalogue/synonymes", "admin", good); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d", rec.Code)
	}
	if body := cs.get("/demarches?q=piaule", "").Body.String(); !strings.Contains(body, `href="/demarches/aide-logement"`) {
		t.Error("the new synonym is not used")
	}
}

func TestLiveReadability(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	text := url.Values{"text": {"La carte est verte. Vous la montrez chez le médecin."}}
	rec := cs.post("/espace/caf/demarches/lisibilite", "procedure_owner", text)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if body := rec.Body.String(); !strings.Contains(body, `"score":`) || !strings.Contains(body, `"warnings":[]`) {
		t.Errorf("answer %s", body)
	}
	if rec := cs.post("/espace/caf/demarches/lisibilite", "citizen", text); rec.Code != http.StatusForbidden {
		t.Errorf("a citizen gets a score: %d", rec.Code)
	}
}

// TestOtherOrganisationDraftIsNotFound checks that a procedure owner cannot learn that another
// organisation has a draft: its editor, history and versions answer as an unknown procedure.
func TestOtherOrganisationDraftIsNotFound(t *testing.T) {
	cs := newCatalogueServer(t)
	ctx := context.Background()
	cpam, err := cs.ids.OrganisationBySlug(ctx, "cpam")
	if err != nil {
		t.Fatal(err)
	}
	form := newProcedureForm()
	p := catalogue.Procedure{Slug: "projet-secret", Title: "Un projet pas encore annoncé",
		Summary: form.Get("summary"), Category: form.Get("category")}
	if _, err := cs.Catalogue.Create(ctx, catalogue.Editor{OrgID: cpam.ID}, p); err != nil {
		t.Fatal(err)
	}
	unknown := cs.get("/espace/caf/demarches/pas-de-demarche", "procedure_owner")
	for _, path := range []string{"/espace/caf/demarches/projet-secret", "/espace/caf/demarches/projet-secret/historique",
		"/espace/caf/demarches/projet-secret/versions/1"} {
		rec := cs.get(path, "procedure_owner")
		body := rec.Body.String()
		if rec.Code != http.StatusNotFound || strings.Contains(body, "autre organisation") {
			t.Errorf("GET %s: status %d, want 404 without naming another organisation", path, rec.Code)
		}
		if got, want := mainText(body), mainText(unknown.Body.String()); got != want {
			t.Errorf("GET %s answers %q, an unknown procedure %q", path, got, want)
		}
	}
	if rec := cs.post("/espace/caf/demarches/projet-secret", "procedure_owner", form); rec.Code != http.StatusNotFound {
		t.Errorf("save over another organisation's draft: %d, want 404", rec.Code)
	}
}

// mainText returns the <main> of a page, where a page says what happened.
func mainText(page string) string {
	_, after, _ := strings.Cut(page, "<main")
	main, _, _ := strings.Cut(after, "</main>")
	return main
}

// TestEditorErrorSummary checks the editor's error summary against RGAA 11.10: it follows the
// form's order, names the channel of a channel field, links every error to a field that
// holds its message, and says each message once.
func TestEditorErrorSummary(t *testing.T) {
	cs := newCatalogueServer(t)
	form := newProcedureForm()
	form.Set("volume", "beaucoup")         // found by the page, late in the form
	form.Set("title", "")                  // found by the service, first in the form
	form.Set("channel-1-phone", "appelez") // the second channel
	form.Set("rule_expr", "age >= 65 &&")
	body := checkPage(t, cs.post("/espace/caf/demarches", "procedure_owner", form), http.StatusUnprocessableEntity)
	summary := summaryLinks.FindStringSubmatch(body)
	if summary == nil {
		t.Fatal("no error summary")
	}
	var order []string
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(summary[1], -1) {
		order = append(order, m[1])
	}
	want := []string{"title", "channel-1-phone", "volume", "rule_expr"}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Errorf("summary order %v, want the form's %v: %s", order, want, summary[1])
	}
	if !strings.Contains(summary[1], "Moyen 2 : ") {
		t.Errorf("the summary does not say which channel: %s", summary[1])
	}
	if strings.Count(summary[1], "au caractère") > 1 {
		t.Errorf("a message repeats where the problem is: %s", summary[1])
	}
	for _, f := range want {
		if !strings.Contains(body, `id="`+f+`-error"`) {
			t.Errorf("no message beside %s", f)
		}
	}

	// "channels" and "life_events" are groups: their messages are tied to them.
	form = newProcedureForm()
	form.Del("channel-0-kind")
	form.Del("channel-0-label")
	form.Del("channel-1-kind")
	form.Del("channel-1-label")
	form.Del("channel-1-phone")
	form.Set("life_events", "n-existe-pas")
	body = cs.post("/espace/caf/demarches", "procedure_owner", form).Body.String()
	if !strings.Contains(body, `href="#life_events"`) || !strings.Contains(body, `<fieldset id="life_events" tabindex="-1" aria-describedby="life_events-error">`) {
		t.Error("the life-events error is not tied to its fieldset")
	}
	form.Set("life_events", "j-attends-un-enfant")
	if rec := cs.post("/espace/caf/demarches", "procedure_owner", form); rec.Code != http.StatusSeeOther {
		t.Fatalf("a draft without channels: %d", rec.Code)
	}
	body = cs.post("/espace/caf/demarches/aide-cantine/publier", "procedure_owner", url.Values{"revision": {"1"}}).Body.String()
	if !strings.Contains(body, `href="#channels"`) || !strings.Contains(body, `id="channels-error"`) ||
		!strings.Contains(body, `aria-describedby="channels-hint channels-error"`) {
		t.Errorf("the channels error has no target or is not tied to the channels: %.3000s", body)
	}
}

// TestFALCLabelNeedsReview: the easy-to-read page says "Facile à lire et à comprendre" only
// once the owner records a review by people with intellectual disabilities.
func TestFALCLabelNeedsReview(t *testing.T) {
	cs := newCatalogueServer(t)
	const owner = "procedure_owner"
	form := newProcedureForm()
	if rec := cs.post("/espace/caf/demarches", owner, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("create: %d", rec.Code)
	}
	cs.post("/espace/caf/demarches/aide-cantine/publier", owner, url.Values{"revision": {"1"}})
	body := checkPage(t, cs.get("/demarches/aide-cantine/facile-a-lire", ""), http.StatusOK)
	if !strings.Contains(body, "Version facile à lire") || strings.Contains(body, "FALC") {
		t.Errorf("an easy text nobody reviewed is called FALC")
	}
	form.Set("falc_reviewed", "oui")
	form.Set("base", "1")
	if rec := cs.post("/espace/caf/demarches/aide-cantine", owner, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %.500s", rec.Code, rec.Body.String())
	}
	if edit := cs.get("/espace/caf/demarches/aide-cantine", owner).Body.String(); !strings.Contains(edit, `value="oui" checked`) {
		t.Error("the review box does not keep its state")
	}
	cs.post("/espace/caf/demarches/aide-cantine/publier", owner, url.Values{"revision": {"2"}})
	body = checkPage(t, cs.get("/demarches/aide-cantine/facile-a-lire", ""), http.StatusOK)
	if !strings.Contains(body, "Facile à lire et à comprendre (FALC)") {
		t.Errorf("a reviewed easy text is not labelled FALC")
	}
}
