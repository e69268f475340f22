package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"guichet/internal/demo"
	"guichet/internal/identity"
	"guichet/internal/places"
)

// placesNow is Tuesday 7 May 2024 at 10:00 in Paris: most demo places are
// open.
var placesNow = time.Date(2024, 5, 7, 8, 0, 0, 0, time.UTC)

// placesServer is a test server with the demo places, its clock at
// placesNow, and a session for each demo role.
type placesServer struct {
	*testServer
	tokens  map[identity.Role]string
	claimed *places.Place // the place the demo mediator's structure manages
}

func newPlacesServer(t *testing.T) *placesServer {
	t.Helper()
	ts := newTestServer(t)
	ts.Now = func() time.Time { return placesNow }
	ctx := context.Background()
	if _, err := demo.LoadPlaces(ctx, ts.Places, ts.ids); err != nil {
		t.Fatal(err)
	}
	claimed, err := ts.Places.GetByID(ctx, demo.ClaimedPlaceSource, demo.ClaimedPlaceID)
	if err != nil {
		t.Fatal(err)
	}
	ps := &placesServer{testServer: ts, tokens: map[identity.Role]string{}, claimed: claimed}
	for _, v := range ts.visitors(t) {
		if v.account != nil {
			ps.tokens[v.account.Role] = v.token
		}
	}
	return ps
}

// staffSession signs in a new member holding role in org, past the second
// factor, and returns the session token.
func (ps *placesServer) staffSession(t *testing.T, email string, role identity.Role, org string) string {
	t.Helper()
	ctx := context.Background()
	u, err := ps.ids.CreateUser(ctx, identity.NewUser{Email: email, Name: "Personne Test", Password: "un-mot-de-passe-solide", Role: role, OrgSlug: org})
	if err != nil {
		t.Fatal(err)
	}
	token, err := ps.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := ps.ids.MarkSecondFactor(ctx, token); err != nil {
		t.Fatal(err)
	}
	return token
}

var (
	labelledInput = regexp.MustCompile(`<(?:input|select|textarea)\b[^>]*?\sid="([^"]+)"`)
	hiddenInput   = regexp.MustCompile(`type="hidden"`)
)

// checkPageBasics checks what every page must hold: one h1, a label for
// each input, no link html/template had to neutralise, no inline script.
func checkPageBasics(t *testing.T, body string) {
	t.Helper()
	if n := strings.Count(body, "<h1"); n != 1 {
		t.Errorf("got %d h1, want 1", n)
	}
	for _, tag := range regexp.MustCompile(`<(?:input|select|textarea) [^>]*>`).FindAllString(body, -1) {
		if hiddenInput.MatchString(tag) {
			continue
		}
		m := labelledInput.FindStringSubmatch(tag)
		if m == nil {
			t.Errorf("input without id: %s", tag)
			continue
		}
		if !strings.Contains(body, `<label for="`+m[1]+`"`) {
			t.Errorf("input %s has no label", m[1])
		}
	}
	if strings.Contains(body, "ZgotmplZ") {
		t.Error("a link was refused by html/template (ZgotmplZ)")
	}
	if strings.Contains(body, "<script>") {
		t.Error("inline script")
	}
}

// TestPlacesPagesRender renders every page of the help places, as the
// person who may see it, and checks its basics and its main content.
func TestPlacesPagesRender(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	key := fmt.Sprint(ps.claimed.Key)
	mediator, admin := ps.tokens[identity.RoleMediator], ps.tokens[identity.RoleAdmin]
	tests := []struct {
		name, path, token string
		status            int
		want              []string
	}{
		{"search form", "/lieux", "", 200, []string{`id="q"`, `id="near-me"`, " hidden>Autour de moi", "Labellisé France Services",
			`href="/api/v1/places.csv"`, `href="/api/v1/places.json"`, "near-me.js"}},
		{"results of a town", "/lieux?q=Villeurbanne", "", 200, []string{"lieux trouvés près de Villeurbanne</h2>",
			`href="/lieux/` + key + `"`, `href="tel:+33615443000"`, "à 1,3 km", `class="open"`, "Page suivante"}},
		{"results of a postcode, filtered, page 2", "/lieux?q=69100&gratuit=1&page=2", "", 200,
			[]string{"près de", "Page précédente", `aria-current="page"`, `name="gratuit" value="1"`}},
		{"results around a position", "/lieux?lat=45.77&lon=4.88", "", 200, []string{"autour de vous</h2>", `name="lat" value="45.77"`}},
		{"unknown town", "/lieux?q=Trifouilly-les-Oies", "", 200, []string{"Aucun lieu trouvé", "Trifouilly-les-Oies", `href="tel:3939"`}},
		{"town left empty", "/lieux?q=", "", 400, []string{`class="error-summary"`, "Indiquez votre commune ou votre code postal"}},
		{"place page", "/lieux/" + key, "", 200, []string{"France services Pimms Médiation de Villeurbanne</h1>",
			"<caption>Horaires d'ouverture de la semaine</caption>", `<th scope="row">Lundi</th>`,
			"https://www.openstreetmap.org/?mlat=45.779646&mlon=4.892354", `href="tel:+33615443000"`,
			`href="mailto:villeurbanne@pimms.org"`, "Aide aux démarches administratives", "Accompagnement individuel",
			"Ouvert maintenant", "mises à jour le 1er septembre 2020"}},
		{"place page seen by its mediator", "/lieux/" + key, mediator, 200, []string{`href="/espace/france-services-villeurbanne/lieux/` + key + `"`}},
		{"places of a structure", "/espace/france-services-villeurbanne/lieux", mediator, 200, []string{"France services Pimms Médiation de Villeurbanne"}},
		{"edit form", "/espace/france-services-villeurbanne/lieux/" + key, mediator, 200, []string{`value="37a Rue du 8 Mai 1945"`,
			`id="services" name="services" value="Aide aux démarches administratives" checked`, `name="horaires"`}},
		{"import form", "/admin/lieux/import", admin, 200, []string{`enctype="multipart/form-data"`, `type="file"`, "Détecter le format"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := ps.do("GET", tt.path, tt.token)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			body := html.UnescapeString(rec.Body.String())
			checkPageBasics(t, body)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}

// TestPlacesSearchFilters checks that the filters narrow the results and
// are kept in the links.
func TestPlacesSearchFilters(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	count := regexp.MustCompile(`<h2 id="resultats">(\d+) lieux? trouvés? `)
	total := func(path string) int {
		t.Helper()
		body := ps.do("GET", path, "").Body.String()
		m := count.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no count of results", path)
		}
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	all := total("/lieux?q=Villeurbanne")
	fs := total("/lieux?q=Villeurbanne&france_services=1")
	open := total("/lieux?q=Villeurbanne&france_services=1&ouvert=1")
	if !(all > fs && fs >= open && open > 0) {
		t.Errorf("all %d, France Services %d, open France Services %d: want all > France Services >= open > 0", all, fs, open)
	}
	body := ps.do("GET", "/lieux?q=Villeurbanne&france_services=1", "").Body.String()
	if n, tags := strings.Count(body, "<li>\n  <h3>"), strings.Count(body, `<li class="tag">France Services</li>`); n == 0 || n != tags {
		t.Errorf("%d places listed, %d labelled France Services", n, tags)
	}
	if !strings.Contains(body, `<input type="hidden" name="france_services" value="1">`) {
		t.Error("the town form does not keep the filter")
	}
	if bad := ps.do("GET", "/lieux?q=Villeurbanne&service=Cuisine", ""); bad.Code != http.StatusBadRequest ||
		!strings.Contains(html.UnescapeString(bad.Body.String()), "« Cuisine » n'est pas une valeur connue") {
		t.Errorf("unknown service: status %d, want 400 with a message", bad.Code)
	}
}

func TestPlacePageNotFound(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	for _, path := range []string{"/lieux/999999", "/lieux/pas-un-nombre"} {
		rec := ps.do("GET", path, "")
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Page introuvable") {
			t.Errorf("GET %s: status %d, want the 404 page", path, rec.Code)
		}
	}
}

// TestNearbyPartial renders the partial the catalogue pages include, for a
// known town, an unknown one and before any town is given.
func TestNearbyPartial(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	tests := []struct {
		name, query string
		want        []string
	}{
		{"known town", "q=carte+vitale&commune=Villeurbanne", []string{`<input type="hidden" name="q" value="carte vitale">`,
			`value="Villeurbanne"`, "France services Pimms Médiation de Villeurbanne", `href="/lieux?q=Villeurbanne"`}},
		{"unknown town", "commune=Trifouilly", []string{"Nous ne trouvons pas de lieu d'aide", `href="tel:3939"`}},
		{"no town yet", "q=carte+vitale", []string{`id="aide-commune"`, `href="tel:3939"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/demarches?"+tt.query, nil)
			v, err := ps.placesNearbyFor(req, 3)
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "known town" && len(v.Cards) != 3 {
				t.Errorf("%d places, want 3", len(v.Cards))
			}
			var buf bytes.Buffer
			if err := pageTemplate(t, ps.views, "places-search").ExecuteTemplate(&buf, "places-nearby", v); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(html.UnescapeString(buf.String()), w) {
					t.Errorf("missing %q in\n%s", w, buf.String())
				}
			}
		})
	}
}

func TestDistanceText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		km   float64
		want string
	}{
		{0.001, "à 10 m"}, {0.354, "à 350 m"}, {0.996, "à 1,0 km"}, {1.25, "à 1,3 km"}, {9.96, "à 10 km"}, {42.4, "à 42 km"},
	}
	for _, tt := range tests {
		if got := distanceText(tt.km); got != tt.want {
			t.Errorf("distanceText(%v) = %q, want %q", tt.km, got, tt.want)
		}
	}
}

func TestPhoneFormats(t *testing.T) {
	t.Parallel()
	tests := []struct{ tel, display, href string }{
		{"+33478123456", "04 78 12 34 56", "tel:+33478123456"},
		{"+262262123456", "+262262123456", "tel:+262262123456"},
		{"+3372041680", "+3372041680", "tel:+3372041680"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := displayPhone(tt.tel); got != tt.display {
			t.Errorf("displayPhone(%q) = %q, want %q", tt.tel, got, tt.display)
		}
		if got := string(phoneHref(tt.tel)); got != tt.href {
			t.Errorf("phoneHref(%q) = %q, want %q", tt.tel, got, tt.href)
		}
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	urlFor := func(n int) string { return fmt.Sprint(n) }
	render := func(links []pageLink) string {
		var parts []string
		for _, l := range links {
			switch {
			case l.Gap:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, "["+l.URL+"]")
			default:
				parts = append(parts, l.URL)
			}
		}
		return strings.Join(parts, " ")
	}
	tests := []struct {
		current, pages   int
		want, prev, next string
	}{
		{1, 1, "", "", ""},
		{1, 7, "[1] 2 … 7", "", "2"},
		{4, 7, "1 … 3 [4] 5 … 7", "3", "5"},
		{7, 7, "1 … 6 [7]", "6", ""},
		{2, 3, "1 [2] 3", "1", "3"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d of %d", tt.current, tt.pages), func(t *testing.T) {
			links, prev, next := pagination(tt.current, tt.pages, urlFor)
			if got := render(links); got != tt.want || prev != tt.prev || next != tt.next {
				t.Errorf("got %q prev %q next %q, want %q prev %q next %q", got, prev, next, tt.want, tt.prev, tt.next)
			}
		})
	}
}

// TestPlaceCardTagsAreAList checks that a card's tags are a list, so that a screen reader
// reads "France Services", "Gratuit" as two items, not one word (RGAA 9.3), and that names
// imported in capitals show in normal case.
func TestPlaceCardTagsAreAList(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	body := ps.do("GET", "/lieux?q=Villeurbanne&france_services=1", "").Body.String()
	if !strings.Contains(body, `<ul class="tags" aria-label="Particularités"><li class="tag">France Services</li>`) {
		t.Errorf("the tags are not a list: %.3000s", body)
	}
	if strings.Contains(body, `<span class="tag">`) {
		t.Error("a tag outside a list")
	}
}
