package web

import (
	"html"
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
