package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var questionHidden = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// formOf reads the hidden fields of a question page, as the browser would send them.
func formOf(body string) url.Values {
	v := url.Values{}
	for _, m := range questionHidden.FindAllStringSubmatch(body, -1) {
		v.Add(m[1], m[2])
	}
	return v
}

// TestSimulatorWalk answers the questionnaire page by page as a browser would, carrying the
// hidden fields, and reaches a result that lists the RSA with its reason.
func TestSimulatorWalk(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	answers := map[string]string{"age": "30", "couple": "non", "enfants": "0", "grossesse": "non",
		"ressources_mensuelles": "200", "logement": "locataire", "activite": "chomage",
		"handicap": "non", "residence_reguliere": "oui"}
	rec := cs.get("/mes-droits/questions", "")
	for step := 1; rec.Code == http.StatusOK; step++ {
		body := rec.Body.String()
		if !strings.Contains(body, "Question "+strconv.Itoa(step)+" sur ") {
			t.Fatalf("step %d: no progress line", step)
		}
		form := formOf(body)
		id := form.Get("etape")
		answer, ok := answers[id]
		if !ok {
			t.Fatalf("step %d: unexpected question %q", step, id)
		}
		form.Set(id, answer)
		rec = cs.get("/mes-droits/questions?"+form.Encode(), "")
		if step > 20 {
			t.Fatal("the questionnaire never ends")
		}
	}
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/mes-droits/resultat?") {
		t.Fatalf("end of questions: %d to %q, want a redirect to the result", rec.Code, rec.Header().Get("Location"))
	}
	result := cs.get(rec.Header().Get("Location"), "")
	body := checkPage(t, result, http.StatusOK)
	for _, want := range []string{`href="/demarches/rsa"`, "Vos ressources sont très faibles", `href="/demarches/aide-logement"`,
		"Ce résultat est indicatif"} {
		if !strings.Contains(body, want) {
			t.Errorf("result misses %q", want)
		}
	}
	if strings.Contains(body, `href="/demarches/aspa"`) {
		t.Error("a 30-year-old is offered the Aspa")
	}
}

func TestSimulatorErrorsAndChanges(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	tests := []struct {
		name, query string
		status      int
		want        []string
	}{
		{"not a number", "age=trente&etape=age", 422, []string{"Indiquez votre âge en chiffres", `value="trente"`, "<title>Erreur : "}},
		{"out of range", "age=7&etape=age", 422, []string{"entre 15 et 120"}},
		{"no choice", "age=30&etape=couple", 422, []string{"Choisissez une réponse pour continuer."}},
		{"change an answer", "age=30&couple=oui&modifier=age", 200, []string{`value="30"`, `name="couple" value="oui"`}},
		{"back link keeps the answer", "age=30", 200, []string{`href="/mes-droits/questions?age=30&amp;modifier=age"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := checkPage(t, cs.get("/mes-droits/questions?"+tt.query, ""), tt.status)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
	t.Run("incomplete result goes back to the questions", func(t *testing.T) {
		rec := cs.get("/mes-droits/resultat?age=30", "")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/mes-droits/questions?") {
			t.Errorf("got %d to %q", rec.Code, rec.Header().Get("Location"))
		}
	})
}

func TestSimulatorKeep(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	answers := url.Values{"age": {"70"}, "couple": {"non"}, "enfants": {"0"}, "grossesse": {"non"},
		"ressources_mensuelles": {"800"}, "logement": {"locataire"}, "activite": {"retraite"},
		"handicap": {"non"}, "residence_reguliere": {"oui"}}
	if rec := cs.post("/mes-droits/garder", "", answers); !denied(rec) {
		t.Fatalf("keeping without an account: %d", rec.Code)
	}
	rec := cs.post("/mes-droits/garder", "citizen", answers)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("keep: %d %s", rec.Code, rec.Body.String())
	}
	body := checkPage(t, cs.get(rec.Header().Get("Location"), "citizen"), http.StatusOK)
	if !strings.Contains(body, "Votre résultat est gardé") || !strings.Contains(body, "70 ans, seul") {
		t.Errorf("kept list: %.2000s", body)
	}
	id := regexp.MustCompile(`/mes-droits/gardes/(\d+)/supprimer`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no delete button")
	}
	if rec := cs.post("/mes-droits/gardes/"+id[1]+"/supprimer", "agent", nil); rec.Code != http.StatusNotFound {
		t.Errorf("another person deletes: %d, want 404", rec.Code)
	}
	if rec := cs.post("/mes-droits/gardes/"+id[1]+"/supprimer", "citizen", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("delete: %d", rec.Code)
	}
}
