package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// rightsBrowser walks "Mes droits" as a browser would: it keeps the draft cookie between
// requests and sends the session of a demo role.
type rightsBrowser struct {
	cs    *catalogueServer
	role  string
	draft string
	t     *testing.T
}

func (b *rightsBrowser) send(method, path string, form url.Values) *httptest.ResponseRecorder {
	b.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if tok := b.cs.tokens[b.role]; tok != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
	}
	if b.draft != "" {
		req.AddCookie(&http.Cookie{Name: rightsCookie, Value: b.draft})
	}
	rec := serve(b.cs.testServer, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == rightsCookie {
			b.draft = c.Value
			if c.MaxAge < 0 {
				b.draft = ""
			}
		}
	}
	if loc := rec.Header().Get("Location"); loc != "" && strings.Contains(loc, "age=") {
		b.t.Errorf("an answer in an address: %s", loc)
	}
	return rec
}

var askedStep = regexp.MustCompile(`<input type="hidden" name="etape" value="([^"]+)">`)

// walk answers every question from the first, following the redirects, and returns the
// response that is not a question.
func (b *rightsBrowser) walk(answers map[string]string) *httptest.ResponseRecorder {
	b.t.Helper()
	rec := b.send("POST", "/mes-droits/commencer", nil)
	for step := 1; ; step++ {
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/mes-droits/questions") {
			return rec
		}
		page := b.send("GET", loc, nil)
		body := checkPage(b.t, page, http.StatusOK)
		if !strings.Contains(body, "Question "+strconv.Itoa(step)+" sur ") ||
			!strings.Contains(body, "<title>Question "+strconv.Itoa(step)+" : ") {
			b.t.Fatalf("step %d: no progress line or title", step)
		}
		if strings.Contains(body, `method="get"`) {
			b.t.Fatal("the questionnaire sends answers in the address")
		}
		m := askedStep.FindStringSubmatch(body)
		if m == nil {
			b.t.Fatalf("step %d: no question", step)
		}
		answer, ok := answers[m[1]]
		if !ok {
			b.t.Fatalf("step %d: unexpected question %q", step, m[1])
		}
		rec = b.send("POST", "/mes-droits/questions", url.Values{"etape": {m[1]}, m[1]: {answer}})
		if step > 20 {
			b.t.Fatal("the questionnaire never ends")
		}
	}
}

var youngJobseeker = map[string]string{"age": "30", "couple": "non", "enfants": "0", "grossesse": "non",
	"ressources_mensuelles": "200", "logement": "locataire", "activite": "chomage",
	"handicap": "non", "residence_reguliere": "oui"}

// TestRightsWalk answers the questionnaire page by page as a browser would, and reaches a
// result that lists the RSA with its reason; no answer is ever in an address.
func TestRightsWalk(t *testing.T) {
	t.Parallel()
	b := &rightsBrowser{cs: newCatalogueServer(t), t: t}
	rec := b.walk(youngJobseeker)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/mes-droits/resultat" {
		t.Fatalf("end of questions: %d to %q, want a redirect to the result", rec.Code, rec.Header().Get("Location"))
	}
	body := checkPage(t, b.send("GET", "/mes-droits/resultat", nil), http.StatusOK)
	for _, want := range []string{`href="/demarches/rsa"`, "Vos ressources sont très faibles", `href="/demarches/aide-logement"`,
		"Ce résultat est donné a priori", "Guichet n'a pas pu vérifier", "Votre épargne et votre patrimoine", "<title>Mes droits : le résultat – Guichet</title>", "<h1>Mes droits : le résultat</h1>",
		`href="/mes-droits/questions?question=age"`, "connectez-vous"} {
		if !strings.Contains(body, want) {
			t.Errorf("result misses %q", want)
		}
	}
	if strings.Contains(body, `href="/demarches/aspa"`) {
		t.Error("a 30-year-old is offered the Aspa")
	}
	if n := strings.Count(body, "Ce résultat est donné a priori"); n != 1 {
		t.Errorf("the warning shows %d times, want once", n)
	}
	if strings.Contains(body, `class="notice"`) {
		t.Error("the warning shows in the success style")
	}
	// Going back to a question shows it with its answer, and the answer can change.
	back := checkPage(t, b.send("GET", "/mes-droits/questions?question=age", nil), http.StatusOK)
	if !strings.Contains(back, `value="30"`) || !strings.Contains(back, "Retour à la présentation") {
		t.Errorf("changing the age: %.1500s", back)
	}
	b.send("POST", "/mes-droits/effacer", nil)
	if rec := b.send("GET", "/mes-droits/resultat", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("after clearing, the result still shows: %d", rec.Code)
	}
}

func TestRightsErrorsAndChanges(t *testing.T) {
	t.Parallel()
	b := &rightsBrowser{cs: newCatalogueServer(t), t: t}
	tests := []struct {
		name, step, answer string
		want               []string
	}{
		{"not a number", "age", "trente", []string{"Indiquez votre âge en chiffres", `value="trente"`, "<title>Erreur : Question 1 : ", "autofocus"}},
		{"out of range", "age", "7", []string{"entre 15 et 120"}},
		{"no choice", "couple", "", []string{"Choisissez une réponse pour continuer."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.step != "age" {
				b.send("POST", "/mes-droits/questions", url.Values{"etape": {"age"}, "age": {"30"}})
			}
			body := checkPage(t, b.send("POST", "/mes-droits/questions", url.Values{"etape": {tt.step}, tt.step: {tt.answer}}), 422)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
	t.Run("back link names the question before", func(t *testing.T) {
		body := b.send("GET", "/mes-droits/questions", nil).Body.String()
		if !strings.Contains(body, `href="/mes-droits/questions?question=age">Retour à la question 1</a>`) {
			t.Errorf("no back link to question 1: %.1500s", body)
		}
		if !strings.Contains(body, "Réponse obligatoire") || !strings.Contains(body, "required") {
			t.Error("the page does not say an answer is required")
		}
	})
	t.Run("incomplete result goes back to the questions", func(t *testing.T) {
		rec := b.send("GET", "/mes-droits/resultat", nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/mes-droits/questions" {
			t.Errorf("got %d to %q", rec.Code, rec.Header().Get("Location"))
		}
	})
	t.Run("answers in the address are ignored", func(t *testing.T) {
		fresh := &rightsBrowser{cs: b.cs, t: t}
		if rec := fresh.send("GET", "/mes-droits/resultat?age=30&couple=non", nil); rec.Code != http.StatusSeeOther {
			t.Errorf("a result built from the address: %d", rec.Code)
		}
	})
}

func TestRightsKeep(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	retired := map[string]string{"age": "70", "couple": "non", "enfants": "0", "grossesse": "non",
		"ressources_mensuelles": "800", "logement": "locataire", "activite": "retraite",
		"handicap": "non", "residence_reguliere": "oui"}
	anon := &rightsBrowser{cs: cs, t: t}
	anon.walk(retired)
	if rec := anon.send("POST", "/mes-droits/garder", nil); !denied(rec) {
		t.Fatalf("keeping without an account: %d", rec.Code)
	}
	b := &rightsBrowser{cs: cs, role: "citizen", t: t}
	b.walk(retired)
	if body := b.send("GET", "/mes-droits/resultat", nil).Body.String(); !strings.Contains(body, "Garder ce résultat") {
		t.Error("a signed-in person cannot keep the result")
	}
	rec := b.send("POST", "/mes-droits/garder", nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("keep: %d %s", rec.Code, rec.Body.String())
	}
	body := checkPage(t, b.send("GET", rec.Header().Get("Location"), nil), http.StatusOK)
	if !strings.Contains(body, "Votre résultat est gardé") || !strings.Contains(body, "70 ans, seul, 0 enfant") {
		t.Errorf("kept list: %.2000s", body)
	}
	id := regexp.MustCompile(`/mes-droits/gardes/(\d+)/supprimer`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no delete button")
	}
	kept := checkPage(t, b.send("GET", "/mes-droits/gardes/"+id[1], nil), http.StatusOK)
	if !strings.Contains(kept, `href="/demarches/aspa"`) || !strings.Contains(kept, `aria-current="page"`) {
		t.Errorf("kept result: %.2000s", kept)
	}
	if rec := cs.get("/mes-droits/gardes/"+id[1], "agent"); rec.Code != http.StatusNotFound {
		t.Errorf("another person opens a kept result: %d, want 404", rec.Code)
	}
	if rec := cs.post("/mes-droits/gardes/"+id[1]+"/supprimer", "agent", nil); rec.Code != http.StatusNotFound {
		t.Errorf("another person deletes: %d, want 404", rec.Code)
	}
	if rec := cs.post("/mes-droits/gardes/"+id[1]+"/supprimer", "citizen", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("delete: %d", rec.Code)
	}
}
