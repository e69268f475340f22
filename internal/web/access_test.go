package web

import (
	"context"
	"guichet/internal/backoffice"
	"guichet/internal/filestore"
	"guichet/internal/rights"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"guichet/internal/accesslog"
	"guichet/internal/activity"
	"guichet/internal/appointments"
	"guichet/internal/catalogue"
	"guichet/internal/changes"
	"guichet/internal/consent"
	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/demo"
	"guichet/internal/dossiers"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/jobs"
	"guichet/internal/listening"
	"guichet/internal/mediation"
	"guichet/internal/notify"
	"guichet/internal/observatory"
	"guichet/internal/places"
	"guichet/internal/prefill"
	"guichet/internal/profile"
	"guichet/internal/sms"
	"guichet/internal/testkit"
	"guichet/internal/testkit/demokit"
	"guichet/internal/webhooks"
)

// sessionCookie is the session cookie's name over plain http, as the
// test server runs.
const sessionCookie = "guichet_session"

// testServer is a web server on a fresh database with the demo accounts.
type testServer struct {
	*Server
	ids *identity.Service
	db  *database.DB
	// queue runs the dossiers' receipt jobs (see work); notify's send
	// jobs stay in the table, where tests read them.
	queue *jobs.Queue
}

// work runs the due receipt jobs, as a worker does.
func (ts *testServer) work(t testing.TB) {
	t.Helper()
	for {
		ran, err := ts.queue.Work(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
}

func newTestServer(t testing.TB, with ...func(*Deps)) *testServer {
	t.Helper()
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, time.Now)
	ts := &testServer{ids: ids, db: db}
	// The services read the server's clock, which some tests stop.
	clock := func() time.Time { return ts.Now() }
	cat, err := catalogue.New(db, catalogue.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Settings: Settings{BaseURL: "http://127.0.0.1:8080"}, Identity: ids,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: prometheus.NewRegistry(),
		Catalogue: cat, Places: places.New(db, places.Options{Now: clock}),
		Forms: forms.New(db, forms.Options{Now: clock}),
		Mediation: mediation.New(db, mediation.Options{Now: clock, Key: testkit.Key(), BaseURL: "http://127.0.0.1:8080",
			NewPerson: ids.CreatePersonRecord}),
		Listening: listening.New(db, listening.Options{Now: clock, Box: testkit.Box(t), BaseURL: "http://127.0.0.1:8080",
			Files: filestore.Dir(t.TempDir())}),
		Profile:   profile.New(db, profile.Options{Now: clock, Box: testkit.Box(t)}),
		AccessLog: accesslog.New(db, accesslog.Options{Now: clock}),
		Webhooks:  webhooks.New(db, webhooks.Options{Now: clock, Box: testkit.Box(t)})}
	// Dossiers tell people through notify, as internal/app wires them.
	d.Notify = notify.New(db, notify.Options{Now: clock,
		SMS: sms.NewOutbox(filepath.Join(t.TempDir(), "sms"), clock), Box: testkit.Box(t),
		Logger: slog.New(slog.DiscardHandler)})
	d.Consent = consent.New(db, consent.Options{Now: clock})
	d.Prefill = prefill.New(db, prefill.Options{Now: clock, Box: testkit.Box(t), Profile: d.Profile, Consent: d.Consent,
		AccessLog: d.AccessLog, Forms: d.Forms, Connectors: demo.Connectors(), OrgID: func(ctx context.Context, slug string) (int64, error) {
			o, err := ids.OrganisationBySlug(ctx, slug)
			if err != nil {
				return 0, err
			}
			return o.ID, nil
		}, Relations: func(ctx context.Context, userID int64) ([]string, error) { return []string{"caf"}, nil }})
	d.Changes = changes.New(db, changes.Options{Now: clock, Box: testkit.Box(t), Profile: d.Profile, AccessLog: d.AccessLog,
		OrgID: func(ctx context.Context, slug string) (int64, error) {
			o, err := ids.OrganisationBySlug(ctx, slug)
			if err != nil {
				return 0, err
			}
			return o.ID, nil
		}})
	// … through the structure of a domiciled person, with what mediators
	// do under a mandate journaled, and a sent changement-adresse
	// dispatched, as internal/app wires them too.
	ts.queue = jobs.New(db, jobs.Options{Logger: slog.New(slog.DiscardHandler)})
	d.Dossiers = dossiers.New(db, dossiers.Options{Now: clock, FilesDir: t.TempDir(), BaseURL: "http://127.0.0.1:8080",
		Notifier: d.Mediation.Redirect(d.Notify), Assisted: d.Mediation.DossierJournal(ts.procedureCategory),
		Jobs: ts.queue, Webhooks: d.Webhooks,
		OnSubmit: map[string]dossiers.SubmitHook{changes.Procedure: func(ctx context.Context, dd *dossiers.Dossier) error {
			return d.Changes.Dispatch(ctx, changes.Declared{UserID: dd.UserID, DossierID: dd.ID,
				Reference: dd.ShownReference(), Answers: dd.Answers, Person: map[string]string{"family_name": "Martin"}})
		}}})
	d.Backoffice = backoffice.New(db, backoffice.Options{Now: clock, Dossiers: d.Dossiers})
	d.Appointments = appointments.New(db, appointments.Options{Now: clock, Box: testkit.Box(t), Key: testkit.Key(), Notify: d.Notify,
		Places: d.Places, BaseURL: "http://127.0.0.1:8080"})
	d.Activity = activity.New(db, activity.Options{Now: clock, Places: d.Places})
	for _, f := range with {
		f(&d)
	}
	if d.Observatory == nil {
		d.Observatory = observatory.New(db, observatory.Options{Now: clock, Procedures: observatory.FromCatalogue(d.Catalogue, d.Forms.OnlineSlugs),
			Listening: d.Listening, Figures: d.Backoffice})
	}
	if d.Rights == nil {
		d.Rights = rights.New(db, rights.Options{Now: clock, Catalogue: d.Catalogue, Profile: d.Profile,
			Consent: d.Consent, Mediation: d.Mediation, AccessLog: d.AccessLog, Notify: d.Notify, Queue: ts.queue,
			BaseURL: "http://127.0.0.1:8080"})
	}
	s, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = s
	return ts
}

// procedureCategory is the category of a published procedure of the
// server's catalogue (which some tests replace), "" when unpublished.
func (ts *testServer) procedureCategory(ctx context.Context, slug string) string {
	sn, err := ts.Catalogue.Snapshot(ctx)
	if err != nil {
		return ""
	}
	if p, ok := sn.Procedure(slug); ok {
		return p.Category
	}
	return ""
}

// visitor is someone walking the routes: anonymous, or a demo account.
type visitor struct {
	name    string
	account *demo.Account
	token   string
}

func (ts *testServer) visitors(t *testing.T) []visitor {
	t.Helper()
	out := []visitor{{name: "anonymous"}}
	for i := range demo.Accounts {
		a := &demo.Accounts[i]
		out = append(out, visitor{name: string(a.Role), account: a, token: demokit.Session(t, ts.ids, a.Email)})
	}
	return out
}

func (ts *testServer) do(method, path, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if token != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	}
	rec := httptest.NewRecorder()
	ts.ServeHTTP(rec, req)
	return rec
}

// denied tells whether an answer refuses access: sign-in asked, or forbidden.
func denied(rec *httptest.ResponseRecorder) bool {
	if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden {
		return true
	}
	return rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/connexion?")
}

// expectAllowed says, from a route's declared access, whether v may use it
// when the route's organisation is org.
func expectAllowed(a access, v visitor, org string) bool {
	if !a.SignedIn {
		return true
	}
	if v.account == nil {
		return false
	}
	if a.Platform {
		return v.account.Role == identity.RoleAdmin && v.account.Org == demo.PlatformOrg
	}
	if len(a.Roles) == 0 {
		return true
	}
	for _, r := range a.Roles {
		if v.account.Role == r && (org == "" || v.account.Org == org) {
			return true
		}
	}
	return false
}

func concretePath(pattern, org string) (method, path string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "GET", pattern
	}
	r := strings.NewReplacer("{org}", org, "{file...}", "guichet.css", "{$}", "", "{slug}", "carte-vitale",
		"{id}", "1", "{cat}", "papiers")
	path = r.Replace(path)
	for strings.Contains(path, "{") {
		i, j := strings.Index(path, "{"), strings.Index(path, "}")
		path = path[:i] + "x" + path[j+1:]
	}
	return method, path
}

// TestEveryRouteWithEveryRole walks every route as an anonymous visitor and
// as each demo role, in the visitor's own organisation and in another one,
// and checks that the server enforces the access each route declares.
func TestEveryRouteWithEveryRole(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	visitors := ts.visitors(t)
	for _, rt := range ts.routes() {
		if strings.HasPrefix(rt.pattern, "/api/") || rt.pattern == "POST /deconnexion" {
			continue
		}
		orgs := []string{""}
		if strings.Contains(rt.pattern, "{org}") {
			orgs = []string{"caf", "france-services-villeurbanne", "cpam", "observatoire", "guichet"}
		}
		for _, org := range orgs {
			method, path := concretePath(rt.pattern, org)
			for _, v := range visitors {
				t.Run(rt.pattern+"/"+org+"/"+v.name, func(t *testing.T) {
					rec := ts.do(method, path, v.token)
					want := expectAllowed(rt.access, v, org)
					if got := !denied(rec); got != want {
						t.Errorf("%s %s as %s: status %d (Location %q); allowed = %v, want %v",
							method, path, v.name, rec.Code, rec.Header().Get("Location"), got, want)
					}
					if rec.Code >= 500 {
						t.Errorf("%s %s as %s: status %d", method, path, v.name, rec.Code)
					}
				})
			}
		}
	}
}

// TestStaffRoutesDeclareARole guards against a new staff or admin page
// that forgets to say who may use it.
func TestStaffRoutesDeclareARole(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	for _, rt := range ts.routes() {
		_, path, _ := strings.Cut(rt.pattern, " ")
		if (strings.HasPrefix(path, "/espace") || strings.HasPrefix(path, "/admin")) && len(rt.access.Roles) == 0 {
			t.Errorf("%s is a staff page but declares no role", rt.pattern)
		}
		if strings.Contains(path, "{org}") && len(rt.access.Roles) == 0 {
			t.Errorf("%s belongs to an organisation but declares no role", rt.pattern)
		}
	}
}

// TestPlatformRoutesAreAdminOnly pins who may use the pages that act on the
// whole platform (administration, the synonyms every administration's
// procedures share): the admin role alone, never a role of one organisation.
// TestEveryRouteWithEveryRole checks that the declared access is enforced;
// this test checks the declaration itself.
func TestPlatformRoutesAreAdminOnly(t *testing.T) {
	ts := newTestServer(t)
	for _, rt := range ts.routes() {
		_, path, _ := strings.Cut(rt.pattern, " ")
		if !strings.HasPrefix(path, "/admin") && !strings.HasPrefix(path, "/espace/catalogue/") {
			continue
		}
		if len(rt.access.Roles) != 1 || rt.access.Roles[0] != identity.RoleAdmin {
			t.Errorf("%s is open to %v, want the admin role only", rt.pattern, rt.access.Roles)
		}
	}
}

// TestStaffNeedsSecondFactor checks that a staff session without the
// second factor reaches no staff page.
func TestStaffNeedsSecondFactor(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ctx := context.Background()
	u, err := ts.ids.UserByEmail(ctx, "agent@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	token, err := ts.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/espace", "/espace/caf", "/compte"} {
		rec := ts.do("GET", path, token)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/connexion/second-facteur" {
			t.Errorf("GET %s without second factor: %d to %q, want 303 to /connexion/second-facteur",
				path, rec.Code, rec.Header().Get("Location"))
		}
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	req := httptest.NewRequest("POST", "/connexion", strings.NewReader("email=a%40b.fr&password=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	ts.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "autre site") {
		t.Errorf("cross-site POST: status %d, want 403 with a French explanation", rec.Code)
	}
}

// newTestServerWith is newTestServer with settings.
func newTestServerWith(t testing.TB, settings Settings) *testServer {
	t.Helper()
	return newTestServer(t, func(d *Deps) { d.Settings = settings })
}
