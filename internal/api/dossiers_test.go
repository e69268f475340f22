package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/catalogue"
	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/dossiers"
	"guichet/internal/identity"
	"guichet/internal/places"
	"guichet/internal/testkit"
)

// dossiersAPI is the API over two administrations, the CAF and the
// mairie, each with a token; the CAF also has a read-only one. Marie has
// sent a dossier to the CAF, with a file.
type dossiersAPI struct {
	*Server
	db                   *database.DB
	ids                  *identity.Service
	dos                  *dossiers.Service
	caf, cafRead, mairie string // token secrets
	cafTokenID, cafOrgID int64
	marie                *identity.User
	dossier              *dossiers.Dossier
	pdf                  []byte
	cafAdmin             *identity.User
	n                    int
}

func newDossiersAPI(t *testing.T) *dossiersAPI {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	ids := identity.NewService(db, testkit.Box(t), identity.Config{Issuer: "Guichet"}, time.Now)
	cat, err := catalogue.New(db, catalogue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dos := dossiers.New(db, dossiers.Options{FilesDir: t.TempDir(), BaseURL: "https://guichet.test", Notifier: newNotify(t, db)})
	s := mustAPI(t, modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat, Identity: ids,
		Places: places.New(db, places.Options{}), Dossiers: dos, Backoffice: backoffice.New(db, backoffice.Options{}),
		Logger: slog.New(slog.DiscardHandler)}))
	f := &dossiersAPI{Server: s, db: db, ids: ids, dos: dos, pdf: append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 200)...)}
	token := func(slug string, readOnly bool) (string, *identity.APIToken) {
		secret, tok, err := ids.CreateAPITokenFromCommandLine(ctx, slug, identity.APITokenSpec{Name: "Logiciel " + slug, ReadOnly: readOnly})
		if err != nil {
			t.Fatal(err)
		}
		return secret, tok
	}
	for _, slug := range []string{"caf", "mairie"} {
		org, err := ids.CreateOrganisation(ctx, slug, slug, identity.KindAdministration)
		if err != nil {
			t.Fatal(err)
		}
		if slug == "caf" {
			f.cafOrgID = org.ID
		}
	}
	var tok *identity.APIToken
	f.caf, tok = token("caf", false)
	f.cafTokenID = tok.ID
	f.cafRead, _ = token("caf", true)
	f.mairie, _ = token("mairie", false)
	if f.cafAdmin, err = ids.CreateUser(ctx, identity.NewUser{Email: "admin@caf.example", Name: "Alex", Password: "un-mot-de-passe-de-test-2026",
		Role: identity.RoleAdmin, OrgSlug: "caf"}); err != nil {
		t.Fatal(err)
	}
	f.marie, f.dossier = f.send(t, "marie@example.fr", "Marie Dupont")
	return f
}

// send makes a person who sends a dossier of prime-naissance to the CAF,
// with a file.
func (f *dossiersAPI) send(t *testing.T, email, name string) (*identity.User, *dossiers.Dossier) {
	t.Helper()
	ctx := context.Background()
	u, err := f.ids.CreateUser(ctx, identity.NewUser{Email: email, Name: name, Password: "un-mot-de-passe-de-test-2026"})
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := f.dos.StartDraft(ctx, dossiers.Start{UserID: u.ID, Procedure: "prime-naissance", OrgID: f.cafOrgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.dos.SavePage(ctx, u.ID, d.ID, dossiers.Page{Number: 0, Fields: []string{"nom"},
		Values: dossiers.Answers{"nom": dossiers.TextAnswer(name)}, Next: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.dos.AttachFile(ctx, u.ID, d.ID, dossiers.Upload{Field: "justificatif", Name: "avis.pdf", Content: bytes.NewReader(f.pdf)}); err != nil {
		t.Fatal(err)
	}
	d, err = f.dos.Submit(ctx, dossiers.Submitter{UserID: u.ID, Email: u.Email, Name: u.Name}, d.ID, dossiers.Receipt{ProcedureTitle: "Prime"})
	if err != nil {
		t.Fatal(err)
	}
	return u, d
}

// call sends a request with the token (none when ""), a JSON body and
// header pairs.
func (f *dossiersAPI) call(method, path, token, body string, headers ...string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	f.ServeHTTP(rec, req)
	return rec
}

func (f *dossiersAPI) ref() string { return "/api/v1/dossiers/" + f.dossier.ShownReference() }

func decodeAs[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("answer %d is not JSON: %v\n%s", rec.Code, err, rec.Body)
	}
	return v
}

// errorOf checks rec is an error answer of status and code, with a French message.
func errorOf(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) Error {
	t.Helper()
	e := decodeAs[Error](t, rec)
	if rec.Code != status || e.Error.Status != status || e.Error.Code != code || e.Error.Message == "" {
		t.Fatalf("want %d %s, got %d: %s", status, code, rec.Code, rec.Body)
	}
	return e
}

func TestDossiersAPISeesOnlyItsOrganisation(t *testing.T) {
	t.Parallel()
	f := newDossiersAPI(t)
	list := decodeAs[DossierList](t, f.call("GET", "/api/v1/dossiers", f.caf, ""))
	if len(list.Dossiers) != 1 || list.Dossiers[0].Reference != f.dossier.ShownReference() || list.Dossiers[0].State != "en_construction" ||
		list.Dossiers[0].URL != "https://guichet.test"+f.ref() || list.NextCursor == "" || list.HasMore {
		t.Fatalf("list = %+v", list)
	}
	if list := decodeAs[DossierList](t, f.call("GET", "/api/v1/dossiers", f.mairie, "")); len(list.Dossiers) != 0 {
		t.Fatalf("the mairie lists the CAF's dossiers: %+v", list)
	}
	// Another organisation's dossier is not found, for reads and writes alike.
	errorOf(t, f.call("GET", f.ref(), f.mairie, ""), 404, "not_found")
	errorOf(t, f.call("POST", f.ref()+"/state", f.mairie, `{"state":"en_instruction"}`), 404, "not_found")
	errorOf(t, f.call("GET", f.ref()+"/files/1", f.mairie, ""), 404, "not_found")
	// Without a token, or with a wrong one: 401 and how to authenticate.
	for _, tok := range []string{"", "guichet_nope"} {
		rec := f.call("GET", "/api/v1/dossiers", tok, "")
		errorOf(t, rec, 401, "unauthorized")
		if rec.Header().Get("WWW-Authenticate") == "" {
			t.Error("a 401 without WWW-Authenticate")
		}
	}
	for _, q := range []string{"state=brouillon", "since=hier", "cursor=xyz", "limit=0", "limit=201"} {
		errorOf(t, f.call("GET", "/api/v1/dossiers?"+q, f.caf, ""), 400, "invalid")
	}
}

// TestRevokedTokenStopsAtOnce: the next request after the revocation is
// refused, without waiting for anything.
func TestRevokedTokenStopsAtOnce(t *testing.T) {
	t.Parallel()
	f := newDossiersAPI(t)
	if rec := f.call("GET", f.ref(), f.caf, ""); rec.Code != 200 {
		t.Fatalf("before: %d %s", rec.Code, rec.Body)
	}
	if err := f.ids.RevokeAPIToken(context.Background(), f.cafAdmin, f.cafOrgID, f.cafTokenID); err != nil {
		t.Fatal(err)
	}
	errorOf(t, f.call("GET", f.ref(), f.caf, ""), 401, "unauthorized")
	errorOf(t, f.call("POST", f.ref()+"/messages", f.caf, `{"message":"Bonjour"}`), 401, "unauthorized")
}

func TestDossiersAPIReadsADossierAndLogsIt(t *testing.T) {
	t.Parallel()
	f := newDossiersAPI(t)
	rec := f.call("GET", "/api/v1/dossiers/"+strings.ToLower(f.dossier.Reference), f.caf, "")
	d := decodeAs[DossierDetail](t, rec)
	if rec.Code != 200 || d.Reference != f.dossier.ShownReference() || d.Procedure != "prime-naissance" || d.Version == "" ||
		rec.Header().Get("ETag") != `"`+d.Version+`"` || !strings.Contains(string(d.Answers["nom"]), "Marie Dupont") {
		t.Fatalf("GET = %d %s", rec.Code, rec.Body)
	}
	if len(d.Files) != 1 || d.Files[0].Field != "justificatif" || d.Files[0].ContentType != "application/pdf" ||
		!strings.HasPrefix(d.Files[0].DownloadURL, "https://guichet.test"+f.ref()+"/files/") {
		t.Fatalf("files = %+v", d.Files)
	}
	if len(d.Timeline) < 2 || d.Timeline[0].Text != "Dossier envoyé" || d.Timeline[0].Actor != "person" {
		t.Fatalf("timeline = %+v", d.Timeline)
	}
	file := f.call("GET", strings.TrimPrefix(d.Files[0].DownloadURL, "https://guichet.test"), f.cafRead, "")
	if file.Code != 200 || !bytes.Equal(file.Body.Bytes(), f.pdf) || !strings.HasPrefix(file.Header().Get("Content-Disposition"), "attachment") ||
		file.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("download = %d %q", file.Code, file.Header())
	}
	// Both reads are in the audit log, under the tokens, about Marie.
	var n int
	if err := f.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_events
		WHERE event = 'dossier_read' AND user_id = $1 AND token_id IS NOT NULL AND actor_id IS NULL`, f.marie.ID).Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d reads by tokens logged, want 2 (%v)", n, err)
	}
}

func TestDossiersAPITakesDecidesAndIsAttributed(t *testing.T) {
	t.Parallel()
	f := newDossiersAPI(t)
	// A read-only token cannot write, whatever the write.
	for _, w := range []struct{ path, body string }{{"/state", `{"state":"en_instruction"}`},
		{"/corrections", `{"reason":"incomplete","message":"x","fields":["nom"]}`}, {"/messages", `{"message":"x"}`}} {
		errorOf(t, f.call("POST", f.ref()+w.path, f.cafRead, w.body), 403, "read_only_token")
	}
	first := decodeAs[DossierDetail](t, f.call("GET", f.ref(), f.caf, ""))
	rec := f.call("POST", f.ref()+"/state", f.caf, `{"state":"en_instruction"}`, "If-Match", `"`+first.Version+`"`)
	if sm := decodeAs[DossierSummary](t, rec); rec.Code != 200 || sm.State != "en_instruction" {
		t.Fatalf("take: %d %s", rec.Code, rec.Body)
	}
	// From the version read before the change: 412, nothing done.
	errorOf(t, f.call("POST", f.ref()+"/state", f.caf, `{"state":"accepte"}`, "If-Match", `"`+first.Version+`"`), 412, "changed")
	// Refused without a motive: the field says why, in French.
	e := errorOf(t, f.call("POST", f.ref()+"/state", f.caf, `{"state":"refuse"}`), 400, "invalid")
	if len(e.Error.Fields) != 1 || e.Error.Fields[0].Field != "motive" {
		t.Fatalf("fields = %+v", e.Error.Fields)
	}
	errorOf(t, f.call("POST", f.ref()+"/state", f.caf, `{"state":"brouillon"}`), 400, "invalid")
	errorOf(t, f.call("POST", f.ref()+"/state", f.caf, `{"state":"accepte","extra":1}`), 400, "invalid")
	e = errorOf(t, f.call("POST", f.ref()+"/corrections", f.caf, `{"reason":"","message":"","fields":[]}`), 400, "invalid")
	if len(e.Error.Fields) != 3 || e.Error.Fields[0].Field != "reason" || e.Error.Fields[1].Field != "fields" {
		t.Fatalf("fields = %+v", e.Error.Fields)
	}
	rec = f.call("POST", f.ref()+"/messages", f.caf, `{"message":"Nous étudions votre dossier."}`)
	if m := decodeAs[MessageCreated](t, rec); rec.Code != 201 || m.ID == 0 {
		t.Fatalf("message: %d %s", rec.Code, rec.Body)
	}
	rec = f.call("POST", f.ref()+"/state", f.caf, `{"state":"refuse","motive":"Vos revenus dépassent le plafond."}`)
	if sm := decodeAs[DossierSummary](t, rec); rec.Code != 200 || sm.State != "refuse" || sm.DecidedAt == nil {
		t.Fatalf("decide: %d %s", rec.Code, rec.Body)
	}
	// Decided: a correction is refused by the state rules of the pages.
	errorOf(t, f.call("POST", f.ref()+"/corrections", f.caf, `{"reason":"incomplete","message":"x","fields":["nom"]}`), 409, "conflict")
	d := decodeAs[DossierDetail](t, f.call("GET", f.ref(), f.caf, ""))
	if d.Timeline[0].Actor != "token" || d.Timeline[0].Token != "Logiciel caf" || d.Timeline[0].Detail != "Vos revenus dépassent le plafond." ||
		d.Timeline[0].ToState != "refuse" || len(d.Messages) != 1 || d.Messages[0].From != "administration" {
		t.Fatalf("timeline = %+v, messages = %+v", d.Timeline[:2], d.Messages)
	}
	// The person reads the decision and its motive.
	own, err := f.dos.Get(context.Background(), f.marie.ID, f.dossier.ID)
	if err != nil || own.State != dossiers.Refused {
		t.Fatalf("the person's dossier: %+v, %v", own, err)
	}
}

// TestIdempotencyKeyMakesARepeatedWriteSafe: the same key and body answer
// the first answer, and the write is done once; the same key with another
// body is refused; a refused write is answered the same again.
func TestIdempotencyKeyMakesARepeatedWriteSafe(t *testing.T) {
	t.Parallel()
	f := newDossiersAPI(t)
	body := `{"message":"Votre dossier est complet."}`
	first := f.call("POST", f.ref()+"/messages", f.caf, body, "Idempotency-Key", "k-1")
	again := f.call("POST", f.ref()+"/messages", f.caf, body, "Idempotency-Key", "k-1")
	if first.Code != 201 || again.Code != 201 || first.Body.String() != again.Body.String() ||
		again.Header().Get("Idempotent-Replayed") != "true" || first.Header().Get("Idempotent-Replayed") != "" {
		t.Fatalf("first %d %s, again %d %s %q", first.Code, first.Body, again.Code, again.Body, again.Header())
	}
	var n int
	if err := f.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM dossier_messages WHERE dossier_id = $1`, f.dossier.ID).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d messages written, want 1 (%v)", n, err)
	}
	errorOf(t, f.call("POST", f.ref()+"/messages", f.caf, `{"message":"Autre"}`, "Idempotency-Key", "k-1"), 400, "invalid")
	// Another token's key of the same name is its own.
	if rec := f.call("POST", f.ref()+"/messages", f.mairie, body, "Idempotency-Key", "k-1"); rec.Code != 404 {
		t.Fatalf("another token's key: %d %s", rec.Code, rec.Body)
	}
	refused := f.call("POST", f.ref()+"/state", f.caf, `{"state":"refuse"}`, "Idempotency-Key", "k-2")
	errorOf(t, refused, 400, "invalid")
	replay := f.call("POST", f.ref()+"/state", f.caf, `{"state":"refuse"}`, "Idempotency-Key", "k-2")
	if replay.Code != 400 || replay.Body.String() != refused.Body.String() || replay.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("a refusal sent again: %d %s %q", replay.Code, replay.Body, replay.Header())
	}
	// Taking twice with one key takes once: the second answer is the first.
	take := f.call("POST", f.ref()+"/state", f.caf, `{"state":"en_instruction"}`, "Idempotency-Key", "k-3")
	take2 := f.call("POST", f.ref()+"/state", f.caf, `{"state":"en_instruction"}`, "Idempotency-Key", "k-3")
	if take.Code != 200 || take2.Code != 200 || take.Body.String() != take2.Body.String() {
		t.Fatalf("take %d %s, again %d %s", take.Code, take.Body, take2.Code, take2.Body)
	}
	// Without the key, the same take is refused: it is already taken.
	errorOf(t, f.call("POST", f.ref()+"/state", f.caf, `{"state":"en_instruction"}`), 409, "conflict")
}

// TestDossiersAPICursorUnderInserts reads the list one by one while
// dossiers are sent between the pages: each is read once.
func TestDossiersAPICursorUnderInserts(t *testing.T) {
	t.Parallel()
	f := newDossiersAPI(t)
	want := []string{f.dossier.ShownReference()}
	for i := range 2 {
		_, d := f.send(t, fmt.Sprintf("p%d@example.fr", i), fmt.Sprintf("Personne %d", i))
		want = append(want, d.ShownReference())
	}
	var got []string
	cursor := ""
	for page := 0; page < 20; page++ {
		list := decodeAs[DossierList](t, f.call("GET", "/api/v1/dossiers?limit=1&cursor="+cursor, f.caf, ""))
		for _, d := range list.Dossiers {
			got = append(got, d.Reference)
		}
		cursor = list.NextCursor
		if page < 2 {
			_, d := f.send(t, fmt.Sprintf("q%d@example.fr", page), fmt.Sprintf("Autre %d", page))
			want = append(want, d.ShownReference())
		}
		if !list.HasMore {
			break
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("read %v, want %v", got, want)
	}
	list := decodeAs[DossierList](t, f.call("GET", "/api/v1/dossiers?state=en_instruction", f.caf, ""))
	if len(list.Dossiers) != 0 {
		t.Fatalf("filtered on a state nobody is in: %+v", list)
	}
}
