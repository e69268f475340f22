package web

import (
	"html"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var pageTitle = regexp.MustCompile(`<title>([^<]*)</title>`)

// TestTitlesAreUnique walks every page of the route table, as every demo role, in every demo
// organisation, with the demo catalogue and places, plus the pages a route serves under
// several addresses (a search, a question, an easy-to-read text), and fails when two
// different pages share a title (RGAA 8.6: the title says where the person is).
func TestTitlesAreUnique(t *testing.T) {
	cs := newCatalogueServer(t)
	paths := map[string]bool{}
	for _, rt := range cs.routes() {
		method, _, _ := strings.Cut(rt.pattern, " ")
		if method != "GET" || strings.HasPrefix(rt.pattern, "GET /static") {
			continue
		}
		orgs := []string{""}
		if strings.Contains(rt.pattern, "{org}") {
			orgs = []string{"caf", "france-services-villeurbanne", "cpam", "observatoire", "guichet"}
		}
		for _, org := range orgs {
			_, p := concretePath(rt.pattern, org)
			paths[p] = true
		}
	}
	for _, p := range []string{"/demarches?q=carte+vitale", "/demarches?q=carte", "/demarches?q=carte&page=2",
		"/demarches?q=zzkqwx", "/demarches/rsa", "/demarches/rsa/facile-a-lire", "/demarches/carte-vitale/facile-a-lire",
		"/demarches/categorie/social", "/evenements/je-demenage", "/lieux?q=Villeurbanne", "/lieux?q=Lyon",
		"/lieux/2", "/mes-droits/questions?question=couple", "/espace/caf/demarches/rsa",
		"/espace/caf/demarches/rsa/historique", "/espace/caf/demarches/rsa/versions/1"} {
		paths[p] = true
	}
	seen := map[string]string{} // title → the page that has it
	for p := range paths {
		for role := range cs.tokens {
			rec := cs.get(p, role)
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				continue
			}
			m := pageTitle.FindStringSubmatch(rec.Body.String())
			if m == nil {
				t.Errorf("%s as %s has no title", p, role)
				continue
			}
			title := html.UnescapeString(m[1])
			if !strings.HasSuffix(title, " – Guichet") || strings.TrimSuffix(title, " – Guichet") == "" {
				t.Errorf("%s: title %q does not say the page, then the site", p, title)
			}
			if other, ok := seen[title]; ok && other != p {
				t.Errorf("%s and %s share the title %q", other, p, title)
			}
			seen[title] = p
		}
	}
	if len(seen) < 30 {
		t.Errorf("only %d titles seen: the walk missed pages", len(seen))
	}
}

// TestOneBreadcrumbPattern fails when a template writes its own breadcrumb instead of the
// shared "breadcrumb" partial, which starts with "Accueil" and marks the current page.
func TestOneBreadcrumbPattern(t *testing.T) {
	err := fs.WalkDir(templateFS, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == "templates/partials.html" {
			return err
		}
		src, err := fs.ReadFile(templateFS, name)
		if strings.Contains(string(src), `class="breadcrumb"`) || strings.Contains(string(src), "Vous êtes ici") {
			t.Errorf("%s writes its own breadcrumb instead of the shared template", name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := crumbs("Trouver une démarche", "/demarches", "Carte Vitale", "/demarches/carte-vitale")
	if len(got) != 2 || got[0].URL != "/demarches" || got[1].URL != "" {
		t.Errorf("crumbs = %+v: the last step must be the current page, without a link", got)
	}
}
