package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// feedbackFrom posts a filled questionnaire about carte-vitale from addr.
func feedbackFrom(cs *catalogueServer, addr string, form url.Values) *httptest.ResponseRecorder {
	req := postForm("/demarches/carte-vitale/avis", form.Encode())
	req.RemoteAddr = addr + ":4242"
	return serve(cs.testServer, req)
}

// sixFeedbacks sends five good answers from addr, then a sixth, and returns
// the answer to the sixth.
func sixFeedbacks(t *testing.T, cs *catalogueServer, addr string) *httptest.ResponseRecorder {
	t.Helper()
	form := url.Values{"overall": {"good"}, "clarity": {"4"}, "help": {"telephone"},
		"reached-telephone": {"oui"}, "quality-telephone": {"5"}, "comment": {"Merci, appelez le 06 12 34 56 78"}}
	for i := range 5 {
		if rec := feedbackFrom(cs, addr, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("answer %d: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	return feedbackFrom(cs, addr, form)
}

func TestFeedbackIsKeptAndTheSixthRefusedPolitely(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	rec := sixFeedbacks(t, cs, "203.0.113.9")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "déjà reçu 5 avis") {
		t.Fatalf("sixth: %d %s", rec.Code, rec.Body)
	}
	sum, err := cs.Listening.ProcedureSummary(context.Background(), "carte-vitale")
	if err != nil || sum.Answers != 5 || sum.Reached != 5 || sum.HelpQuality != 10 || sum.Satisfaction != 10 {
		t.Fatalf("summary = %+v, %v; want the five answers kept", sum, err)
	}
	// The procedure page leads to the questionnaire.
	if body := cs.get("/demarches/carte-vitale", "").Body.String(); !strings.Contains(body, `href="/demarches/carte-vitale/avis"`) {
		t.Fatal("the procedure page has no link to its feedback")
	}
}

func TestFeedbackErrorsAreListedInFormOrder(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	rec := feedbackFrom(cs, "203.0.113.10", url.Values{"help": {"aucune", "chat"}})
	body := rec.Body.String()
	o, c, h := strings.Index(body, `href="#overall"`), strings.Index(body, `href="#clarity"`), strings.Index(body, `href="#help"`)
	if rec.Code != http.StatusUnprocessableEntity || o < 0 || c < o || h < c {
		t.Fatalf("%d: want the three problems in form order\n%s", rec.Code, body)
	}
}

func TestAgentEntersPaperFormsOfTheirOrganisationOnly(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	form := url.Values{"channel": {"guichet"}, "answered_on": {"2026-03-02"}, "overall": {"medium"}, "clarity": {"2"},
		"help": {"aucune"}, "comment": {"écrire à paul@exemple.fr"}}
	rec := cs.post("/espace/caf/demarches/rsa/avis", "agent", form)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/espace/caf/demarches/rsa/avis?saisie=ok&canal=guichet" {
		t.Fatalf("entry: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	sum, err := cs.Listening.ProcedureSummary(context.Background(), "rsa")
	if err != nil || sum.Answers != 1 || sum.ByChannel["guichet"] != 1 || sum.NoHelp != 1 || sum.Satisfaction != 5 || sum.Clarity != 2.5 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	page := cs.get("/espace/caf/demarches/rsa/avis?saisie=ok&canal=guichet", "agent").Body.String()
	for _, want := range []string{"Réponse enregistrée", `src="data:image/png;base64,`, "http://127.0.0.1:8080/demarches/rsa/avis", "Satisfaction"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// carte-vitale is not the CAF's: its agents cannot enter answers for it.
	if rec := cs.post("/espace/caf/demarches/carte-vitale/avis", "agent", form); rec.Code != http.StatusNotFound {
		t.Fatalf("another organisation's procedure: %d", rec.Code)
	}
}

func TestAdministratorMakesShowsOnceAndRevokesAToken(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	rec := cs.post("/espace/guichet/jetons", "admin", url.Values{"name": {"Avis papier"}})
	body := rec.Body.String()
	i := strings.Index(body, `<code class="secret">`)
	if rec.Code != http.StatusOK || i < 0 || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	secret := body[i+len(`<code class="secret">`):]
	secret = secret[:strings.Index(secret, "<")]
	tok, err := cs.ids.APITokenBySecret(context.Background(), secret)
	if err != nil || tok.Org.Slug != "guichet" {
		t.Fatalf("the token shown does not work: %+v, %v", tok, err)
	}
	if list := cs.get("/espace/guichet/jetons", "admin").Body.String(); strings.Contains(list, secret) {
		t.Fatal("the secret is shown again")
	}
	rec = cs.post("/espace/guichet/jetons/"+strconv.FormatInt(tok.ID, 10)+"/retirer", "admin", nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d", rec.Code)
	}
	if _, err := cs.ids.APITokenBySecret(context.Background(), secret); err == nil {
		t.Fatal("a revoked token still works")
	}
	// A read-only one is listed as such, beside the other.
	rec = cs.post("/espace/guichet/jetons", "admin", url.Values{"name": {"Lecture des dossiers"}, "read_only": {"1"}})
	if rec.Code != http.StatusOK {
		t.Fatalf("create read-only: %d", rec.Code)
	}
	list, err := cs.ids.APITokens(context.Background(), tok.Org.ID)
	if err != nil || len(list) != 2 || !list[0].ReadOnly || list[1].ReadOnly {
		t.Fatalf("tokens = %+v, %v", list, err)
	}
	if page := cs.get("/espace/guichet/jetons", "admin").Body.String(); !strings.Contains(page, "Lecture seule") ||
		!strings.Contains(page, "Lecture et écriture") || !strings.Contains(page, "Retiré le") {
		t.Error("the list does not say which tokens are read-only and which are revoked")
	}
	// An agent may not make tokens.
	if rec := cs.post("/espace/caf/jetons", "agent", url.Values{"name": {"x"}}); rec.Code != http.StatusForbidden {
		t.Fatalf("agent: %d", rec.Code)
	}
}
