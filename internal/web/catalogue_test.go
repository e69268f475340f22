package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"guichet/internal/rights"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guichet/internal/catalogue"
	"guichet/internal/demo"
	"guichet/internal/testkit"
)

// catalogueServer is a test server with the demo catalogue, and the session tokens of the
// demo accounts by role.
type catalogueServer struct {
	*testServer
	tokens map[string]string
}

func newCatalogueServer(t *testing.T) *catalogueServer {
	t.Helper()
	ts := newTestServer(t)
	// A catalogue with a key, so that results can be kept.
	var err error
	if ts.Catalogue, err = catalogue.New(ts.db, catalogue.Options{Box: testkit.Box(t)}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadCatalogue(context.Background(), ts.Catalogue, ts.ids); err != nil {
		t.Fatal(err)
	}
	// Suggestions read the same catalogue; their jobs stay on the first
	// service's queue, so this one evaluates at once and sends nothing.
	ts.Rights = rights.New(ts.db, rights.Options{Catalogue: ts.Catalogue, Profile: ts.Profile, Consent: ts.Consent,
		Mediation: ts.Mediation, AccessLog: ts.AccessLog, Notify: ts.Notify, BaseURL: "http://127.0.0.1:8080"})
	// The online forms of the demo procedures.
	if _, err := demo.LoadForms(context.Background(), ts.Forms); err != nil {
		t.Fatal(err)
	}
	// The demo teams, so that the demo agent has a queue.
	if err := demo.LoadTeams(context.Background(), ts.Backoffice, ts.ids); err != nil {
		t.Fatal(err)
	}
	// The help places, for the "near me" part of the pages.
	if _, err := demo.LoadPlaces(context.Background(), ts.Places, ts.ids); err != nil {
		t.Fatal(err)
	}
	cs := &catalogueServer{testServer: ts, tokens: map[string]string{}}
	for _, v := range ts.visitors(t) {
		cs.tokens[v.name] = v.token
	}
	return cs
}

// get requests path as the demo account of role ("" for nobody).
func (cs *catalogueServer) get(path, role string) *httptest.ResponseRecorder {
	return cs.do("GET", path, cs.tokens[role])
}

// post sends a form to path as the demo account of role.
func (cs *catalogueServer) post(path, role string, form url.Values) *httptest.ResponseRecorder {
	req := postForm(path, form.Encode())
	if tok := cs.tokens[role]; tok != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
	}
	return serve(cs.testServer, req)
}

// pageBudget is the weight of a page's HTML, compressed, that leaves room in the 30 KB
// budget for the style sheets and the headers.
const pageBudget = 20 << 10

// errorSummaryFocus matches an error summary that takes focus when the page loads.
var errorSummaryFocus = regexp.MustCompile(`<div class="error-summary"[^>]* tabindex="-1"[^>]* autofocus>`)

var inputIDs = regexp.MustCompile(`<(?:input|textarea|select) id="([^"]+)"`)

// checkPage checks the accessibility basics of a rendered page: one h1, a label for every
// field, no inline script, a title, and its compressed weight.
func checkPage(t *testing.T, rec *httptest.ResponseRecorder, wantStatus int) string {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != wantStatus {
		t.Fatalf("status %d, want %d; body: %.300s", rec.Code, wantStatus, body)
	}
	if n := strings.Count(body, "<h1"); n != 1 {
		t.Errorf("%d h1, want 1", n)
	}
	for _, m := range inputIDs.FindAllStringSubmatch(body, -1) {
		if !strings.Contains(body, `<label for="`+m[1]+`"`) {
			t.Errorf("field %s has no label", m[1])
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "<script ") && !strings.Contains(body, "src=") {
		t.Error("inline script")
	}
	if strings.Contains(body, `class="error-summary"`) && !errorSummaryFocus.MatchString(body) {
		t.Error("the error summary does not take focus (autofocus)")
	}
	if !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "<title>") {
		t.Error("no lang or no title")
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(rec.Body.Bytes())
	zw.Close()
	if gz.Len() > pageBudget {
		t.Errorf("page weighs %d bytes compressed, want at most %d", gz.Len(), pageBudget)
	}
	return body
}

// TestCatalogueTemplates renders every catalogue and "Mes droits" page with the demo catalogue.
func TestCatalogueTemplates(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	tests := []struct {
		name, path, role string
		status           int
		want             []string
	}{
		{"home", "/", "", 200, []string{"Je déménage", "/demarches/categorie/papiers"}},
		{"catalogue", "/demarches", "", 200, []string{"Les démarches par catégorie", "/api/v1/procedures.csv", "Je déménage"}},
		{"results", "/demarches?q=jai+perdu+ma+carte+vital", "", 200, []string{`href="/demarches/carte-vitale"`, "démarches trouvées"}},
		{"second page", "/demarches?q=carte&page=2", "", 200, []string{"Page précédente"}},
		{"no result", "/demarches?q=zzkqwx", "", 200, []string{"Nous n'avons pas trouvé", `href="tel:3939"`, `name="commune"`,
			"vous aider à trouver la bonne démarche", "<title>Aucun résultat pour « zzkqwx » – Guichet</title>"}},
		{"no result with town", "/demarches?q=zzkqwx&commune=Villeurbanne", "", 200, []string{"/lieux?q=Villeurbanne"}},
		{"category", "/demarches/categorie/social", "", 200, []string{`href="/demarches/carte-vitale"`}},
		{"unknown category", "/demarches/categorie/sport", "", 404, nil},
		{"procedure", "/demarches/carte-vitale", "", 200, []string{"Version facile à lire", "Sans internet", `href="tel:3646"`, `name="commune"`,
			`action="/demarches/carte-vitale#aide-pres"`, `<span aria-current="page">Demander ou remplacer sa carte Vitale</span>`,
			"Démarche gérée par la Caisse primaire d&#39;assurance maladie du Rhône"}},
		{"procedure with town", "/demarches/carte-vitale?commune=69100", "", 200, []string{"/lieux?q=69100"}},
		{"easy to read", "/demarches/carte-vitale/facile-a-lire", "", 200, []string{"La carte Vitale est une carte verte.",
			"<title>Demander ou remplacer sa carte Vitale : version facile à lire – Guichet</title>",
			"Lire la page complète de « Demander ou remplacer sa carte Vitale »", "Appelez l&#39;Assurance maladie au", "<h2>Si vous l&#39;avez perdue</h2>"}},
		{"unknown procedure", "/demarches/n-existe-pas", "", 404, nil},
		{"life events", "/evenements", "", 200, []string{`href="/evenements/je-demenage"`}},
		{"life event", "/evenements/je-demenage", "", 200, []string{`href="/demarches/changement-adresse"`}},
		{"rights start", "/mes-droits", "", 200, []string{`action="/mes-droits/commencer"`}},
		{"first question", "/mes-droits/questions", "", 200, []string{"Question 1 sur", `name="age"`}},
		{"kept results", "/mes-droits/gardes", "citizen", 200, []string{"Vous n'avez gardé aucun résultat."}},
		{"owner list", "/espace/caf/demarches", "procedure_owner", 200, []string{`href="/espace/caf/demarches/rsa"`, "score-"}},
		{"owner new", "/espace/caf/demarches/nouvelle", "procedure_owner", 200, []string{`name="slug"`}},
		{"owner edit", "/espace/caf/demarches/rsa", "procedure_owner", 200, []string{"Lisibilité", `name="rule_expr"`, "ressources_mensuelles",
			`aria-describedby="summary-hint summary-live"`, `<p class="meta" id="summary-live" role="status"></p>`,
			`<p class="meta" id="falc-live" role="status"></p>`}},
		{"owner history", "/espace/caf/demarches/rsa/historique", "procedure_owner", 200, []string{"(publiée)"}},
		{"owner preview", "/espace/caf/demarches/rsa/versions/1", "procedure_owner", 200, []string{"Aperçu de la version 1"}},
		{"other organisation's procedure", "/espace/caf/demarches/carte-vitale", "procedure_owner", 403, nil},
		{"synonyms", "/espace/catalogue/synonymes", "admin", 200, []string{"pole emploi"}},
		{"synonyms are platform staff's", "/espace/catalogue/synonymes", "procedure_owner", 403, nil},
		{"administration links to the synonyms", "/admin", "admin", 200, []string{`href="/espace/catalogue/synonymes"`}},
		{"organisation links to its procedures", "/espace/caf", "procedure_owner", 200, []string{`href="/espace/caf/demarches"`}},
		{"account links to kept results", "/compte", "citizen", 200, []string{`href="/mes-droits/gardes"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := cs.get(tt.path, tt.role)
			body := checkPage(t, rec, tt.status)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}
