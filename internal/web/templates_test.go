package web

import (
	"context"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"guichet/internal/appointments"
	"guichet/internal/demo"
	"guichet/internal/dossiers"
	"guichet/internal/identity"
)

// pageCase asks the server for one page, as a person would, so that its
// template is rendered with the view model the handler really builds.
type pageCase struct {
	template string // the page's name: its file in templates/pages without ".html", or "module/file"
	name     string
	status   int
	request  func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder
}

// pagesServer is a server with every piece of demo data (accounts, catalogue,
// places) and a session for each demo role.
type pagesServer struct {
	*catalogueServer
	placeKey string // the place the demo mediator's structure manages
	// sentID is a dossier the demo citizen sent, sent back for a
	// correction; draftID a draft of theirs.
	sentID, draftID int64
	// slotID is a free demo slot, bookingToken the link's token of a
	// booking on another one.
	slotID, bookingToken string
}

// TestEveryPageTemplate renders every template of templates/pages through
// its handler and checks what every page owes its readers: French as the
// language, one h1 inside main, the landmarks of the layout, a label for
// every field and ids used once.
func TestEveryPageTemplate(t *testing.T) {
	t.Parallel()
	ps := newPagesServer(t)
	rendered := markTemplates(t, ps.Server)
	cases := pageCases()
	// Pages live in templates/pages, or in a module's folder (templates/rights/result.html,
	// named "rights/result"), as parseViews names them.
	names, err := fs.Glob(templateFS, "templates/*/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("page templates: %v, %v", names, err)
	}
	for _, n := range names {
		dir := path.Base(path.Dir(n))
		if dir == "partials" {
			continue
		}
		name := strings.TrimSuffix(path.Base(n), ".html")
		if dir != "pages" {
			name = dir + "/" + name
		}
		if !slices.ContainsFunc(cases, func(c pageCase) bool { return c.template == name }) {
			t.Errorf("template %s has no case in pageCases: add a representative view of it", name)
		}
	}
	for _, c := range cases {
		t.Run(c.template+"/"+c.name, func(t *testing.T) {
			rec := c.request(t, ps)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d; body: %.300s", rec.Code, c.status, rec.Body.String())
			}
			body, got := rendered(rec.Body.String())
			if got != c.template {
				t.Fatalf("rendered template %q, want %q", got, c.template)
			}
			checkPageStructure(t, parseHTML(t, body))
		})
	}
}

// checkPageStructure checks a parsed page with CSS selectors.
func checkPageStructure(t *testing.T, doc *html.Node) {
	t.Helper()
	for sel, want := range map[string]int{"html[lang=fr]": 1, "head title": 1, "h1": 1, "main h1": 1,
		"header": 1, "main": 1, "footer": 1} {
		if got := len(queryAll(doc, sel)); got != want {
			t.Errorf("%s: %d elements, want %d", sel, got, want)
		}
	}
	if titles := queryAll(doc, "title"); len(titles) == 1 && text(titles[0]) == "" {
		t.Error("empty title")
	}
	navs := queryAll(doc, "nav")
	if len(navs) == 0 || len(navs) != len(queryAll(doc, "nav[aria-label]")) {
		t.Errorf("%d nav, %d of them with aria-label: want every nav named", len(navs), len(queryAll(doc, "nav[aria-label]")))
	}
	seen := map[string]bool{}
	for _, n := range queryAll(doc, "*[id]") {
		id, _ := attr(n, "id")
		if seen[id] {
			t.Errorf("id %q used twice", id)
		}
		seen[id] = true
	}
	for _, sel := range []string{"input", "select", "textarea"} {
		for _, n := range queryAll(doc, sel) {
			if typ, _ := attr(n, "type"); slices.Contains([]string{"hidden", "submit", "button", "reset", "image"}, typ) {
				continue
			}
			if !labelled(doc, n) {
				name, _ := attr(n, "name")
				t.Errorf("%s name=%q has no label (label[for], aria-label or aria-labelledby)", sel, name)
			}
		}
	}
}

// labelled tells whether a field has an accessible name: a label pointing at
// its id, aria-label, or aria-labelledby naming elements of the page.
func labelled(doc, n *html.Node) bool {
	if v, ok := attr(n, "aria-label"); ok && strings.TrimSpace(v) != "" {
		return true
	}
	if v, ok := attr(n, "aria-labelledby"); ok {
		for _, id := range strings.Fields(v) {
			if len(queryAll(doc, "*[id="+id+"]")) == 0 {
				return false
			}
		}
		return strings.TrimSpace(v) != ""
	}
	id, ok := attr(n, "id")
	if !ok || id == "" {
		return false
	}
	for _, l := range queryAll(doc, "label[for="+id+"]") {
		if text(l) != "" {
			return true
		}
	}
	return false
}

func newPagesServer(t *testing.T) *pagesServer {
	t.Helper()
	cs := newCatalogueServer(t)
	p, err := cs.Places.GetByID(context.Background(), demo.ClaimedPlaceSource, demo.ClaimedPlaceID)
	if err != nil {
		t.Fatal(err)
	}
	ps := &pagesServer{catalogueServer: cs, placeKey: fmt.Sprint(p.Key)}
	publishTestForm(t, cs.testServer)
	ps.sentID = sentDossier(t, cs.testServer)
	ctx := context.Background()
	// The demo agent works on the test procedure: its queue shows the dossier.
	ag := demoAgent(t, cs.testServer)
	if err := cs.Backoffice.AddAgent(ctx, ag.OrgID, testSlug, ag.UserID, 0); err != nil {
		t.Fatal(err)
	}
	if err := cs.Dossiers.RequestCorrection(ctx, ps.sentID, demoAgent(t, cs.testServer), dossiers.Incomplete,
		[]string{"iban", "justificatif"}, "Le justificatif est illisible."); err != nil {
		t.Fatal(err)
	}
	if rec := cs.get("/demarches/"+testSlug+"/commencer", citizen); rec.Code != 303 {
		t.Fatalf("start a draft: %d", rec.Code)
	}
	list, err := cs.Dossiers.List(ctx, demoUserID(t, cs.testServer), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.State == dossiers.Draft {
			ps.draftID = d.ID
		}
	}
	if err := demo.LoadMediation(ctx, cs.Mediation, cs.ids); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadAppointments(ctx, cs.Appointments, cs.Places, cs.ids); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadActivity(ctx, cs.Activity, cs.Places, cs.ids); err != nil {
		t.Fatal(err)
	}
	free, err := cs.Appointments.FreeSlotsOfPlace(ctx, p.Key, 2)
	if err != nil || len(free) < 2 {
		t.Fatalf("demo slots: %v, %v", free, err)
	}
	ps.slotID = fmt.Sprint(free[0].ID)
	if _, ps.bookingToken, err = cs.Appointments.Book(ctx, appointments.Request{SlotID: free[1].ID, PersonName: "Awa",
		Contact: "awa@exemple.fr"}); err != nil {
		t.Fatal(err)
	}
	return ps
}

// markTemplates makes every page template write its name on a first line of
// its own, and returns a function that removes that line from a body and
// tells the name, so that a case proves which template it rendered.
func markTemplates(t *testing.T, s *Server) func(body string) (string, string) {
	t.Helper()
	for name, tpl := range allPages(t, s.views) {
		c, err := tpl.Clone()
		if err == nil {
			_, err = c.AddParseTree("page-layout", c.Lookup("layout").Tree)
		}
		if err == nil {
			_, err = c.New("layout").Parse("template:" + name + "\n{{template \"page-layout\" .}}")
		}
		if err != nil {
			t.Fatalf("mark %s: %v", name, err)
		}
		s.views.pages[name] = c
	}
	return func(body string) (string, string) {
		first, rest, _ := strings.Cut(body, "\n")
		name, ok := strings.CutPrefix(first, "template:")
		if !ok {
			return body, ""
		}
		return rest, name
	}
}

// secondFactorPage opens the second-factor page for a staff account that has
// given its password but not yet its code.
func secondFactorPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	ctx := context.Background()
	u, err := ps.ids.UserByEmail(ctx, "agent@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	token, err := ps.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	return ps.do("GET", "/connexion/second-facteur", token)
}

// newStaffSession signs in a new agent that has no second factor yet.
func newStaffSession(t *testing.T, ps *pagesServer, email string) string {
	ctx := context.Background()
	u, err := ps.ids.CreateUser(ctx, identity.NewUser{Email: email, Name: "Nouvel Agent",
		Password: "un-mot-de-passe-solide", Role: identity.RoleAgent, OrgSlug: "cpam"})
	if err != nil {
		t.Fatal(err)
	}
	token, err := ps.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// linkPageView renders the page asking for the password of the account that
// has a provider's address. Reaching it through the pages needs a provider's
// sign-in (auth_oidc_test.go does it); here the handler's own view is rendered.
func linkPageView(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/connexion/rattacher", nil)
	if err := ps.render(rec, 200, "oidc-link", ps.linkView(r, emptyForm(), "usager@demo.guichet.test", "FranceConnect")); err != nil {
		t.Fatal(err)
	}
	return rec
}

func enrolStartPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	return ps.do("GET", "/connexion/second-facteur/activer", newStaffSession(t, ps, "debut.enrolement@exemple.fr"))
}

// enrolPage shows the key made by the page's button.
func enrolPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	token := newStaffSession(t, ps, "enrolement@exemple.fr")
	serveWith(ps.testServer, postForm("/connexion/second-facteur/activer/cle", ""), token)
	return ps.do("GET", "/connexion/second-facteur/activer", token)
}

// recoveryCodesPage enrols a new agent with a right code: the page shows its
// recovery codes.
func recoveryCodesPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	token := newStaffSession(t, ps, "codes@exemple.fr")
	serveWith(ps.testServer, postForm("/connexion/second-facteur/activer/cle", ""), token)
	page := ps.do("GET", "/connexion/second-facteur/activer", token)
	_, body, _ := strings.Cut(page.Body.String(), "\n")
	secrets := queryAll(parseHTML(t, body), "code[class=secret]")
	if len(secrets) != 1 {
		t.Fatalf("enrolment page shows %d secrets, want 1", len(secrets))
	}
	code, err := identity.TOTPCode(text(secrets[0]), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return serveWith(ps.testServer, postForm("/connexion/second-facteur/activer", "code="+code), token)
}
