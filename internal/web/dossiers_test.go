package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guichet/internal/demo"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/identity"
)

// testSlug is a CAF procedure without a demo form, which the tests give
// testForm.
const testSlug = "allocations-familiales"

// testForm is a small form of testSlug (CAF) with a condition, a
// repeatable block, an IBAN and a file.
func testForm() forms.Form {
	return forms.Form{Pages: []forms.Page{
		{Title: "Vous", Fields: []forms.Field{{Key: "nom", Type: forms.ShortText, Label: "Votre nom", Required: true},
			{Key: "courriel", Type: forms.Email, Label: "Votre adresse e-mail"}}},
		{Title: "Votre situation", Fields: []forms.Field{{Key: "couple", Type: forms.YesNo, Label: "Vivez-vous en couple ?", Required: true}}},
		{Title: "Votre conjoint", Fields: []forms.Field{{Key: "conjoint", Type: forms.ShortText, Label: "Nom de votre conjoint", Required: true,
			Condition: &forms.Condition{Op: forms.Equals, Field: "couple", Value: "oui"}}}},
		{Title: "Vos enfants", Fields: []forms.Field{{Key: "enfants", Type: forms.Repeat, Label: "Vos enfants", ItemLabel: "Enfant",
			AddLabel: "Ajouter un enfant", Limits: forms.Limits{MaxRepeat: 3},
			Children: []forms.Field{{Key: "prenom", Type: forms.ShortText, Label: "Prénom", Required: true}}}}},
		{Title: "Votre compte bancaire", Fields: []forms.Field{{Key: "iban", Type: forms.IBAN, Label: "IBAN", Required: true}}},
		{Title: "Justificatif", Fields: []forms.Field{{Key: "justificatif", Type: forms.File, Label: "Acte de naissance", Required: true,
			Limits: forms.Limits{MaxFileSize: 1 << 20}}}},
	}}
}

// publishTestForm publishes testForm as the form of testSlug.
func publishTestForm(t testing.TB, ts *testServer) {
	t.Helper()
	ctx := context.Background()
	if _, err := ts.Forms.SaveDraft(ctx, testSlug, 0, testForm()); err != nil {
		t.Fatalf("%v: %v", err, errs.FieldsOf(err))
	}
	if _, err := ts.Forms.Publish(ctx, testSlug, 0); err != nil {
		t.Fatal(err)
	}
}

const goodIBAN = "FR7630006000011234567890189"

// postPage sends a page of a dossier as a browser would, multipart, with
// an optional file for the input fileField.
func (cs *catalogueServer) postPage(path, role string, form url.Values, fileField, fileName string, file []byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileField != "" {
		w, _ := mw.CreateFormFile(fileField, fileName)
		w.Write(file)
	}
	mw.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if tok := cs.tokens[role]; tok != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
	}
	rec := httptest.NewRecorder()
	cs.ServeHTTP(rec, req)
	return rec
}

var citizen = string(identity.RoleCitizen)

func pdfFile(n int) []byte { return append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), n)...) }

// TestDossierJourney walks the whole path of a person: start, every page,
// a condition, a repeatable block, a wrong IBAN, a file too large, the
// review, the receipt, the PDF and "Mes démarches".
func TestDossierJourney(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	publishTestForm(t, cs.testServer)

	rec := cs.get("/demarches/"+testSlug+"/commencer", "")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/connexion?suite=%2Fdemarches%2F"+testSlug+"%2Fcommencer") {
		t.Fatalf("anonymous start: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	// Signing in offers to create an account, with the way back kept.
	signin := cs.get(rec.Header().Get("Location"), "").Body.String()
	if !strings.Contains(signin, `href="/inscription?suite=%2fdemarches%2f`+testSlug+`%2fcommencer"`) {
		t.Errorf("sign-in page without a sign-up link that comes back: %.2000s", signin)
	}
	rec = cs.get("/demarches/"+testSlug+"/commencer", citizen)
	first := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !regexp.MustCompile(`^/mes-demarches/\d+/etape/1$`).MatchString(first) {
		t.Fatalf("start: %d %s", rec.Code, first)
	}
	base := strings.TrimSuffix(first, "/etape/1")
	// The start link again leads to the same draft.
	if again := cs.get("/demarches/"+testSlug+"/commencer", citizen).Header().Get("Location"); again != first {
		t.Errorf("second start went to %s, want %s", again, first)
	}
	page := cs.get(first, citizen)
	if page.Code != 200 || !strings.Contains(page.Body.String(), "Étape 1 sur 5") {
		t.Fatalf("page 1: %d %.400s", page.Code, page.Body.String())
	}
	// A required answer missing: the error, and the other answer kept.
	rec = cs.postPage(base+"/etape/1", citizen, url.Values{"courriel": {"camille@example.fr"}, "action": {"continuer"}}, "", "", nil)
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "camille@example.fr") || !strings.Contains(rec.Body.String(), "error-summary") {
		t.Fatalf("page 1 with an error: %d %.600s", rec.Code, rec.Body.String())
	}
	steps := []struct {
		page   string
		form   url.Values
		status int
		next   string
	}{
		{"1", url.Values{"nom": {"Martin"}, "action": {"continuer"}}, 303, "/etape/2"},
		{"2", url.Values{"action": {"continuer"}}, 422, ""},
		// The condition: living as a couple asks the partner's name.
		{"2", url.Values{"couple": {"oui"}, "action": {"continuer"}}, 303, "/etape/3"},
		{"3", url.Values{"conjoint": {"Dupont"}, "action": {"continuer"}}, 303, "/etape/4"},
		// The repeatable block: add an item, the page comes back.
		{"4", url.Values{"enfants.count": {"0"}, "_ajouter": {"enfants"}}, 200, ""},
		{"4", url.Values{"enfants.count": {"1"}, "enfants[0].prenom": {"Léa"}, "action": {"continuer"}}, 303, "/etape/5"},
		{"5", url.Values{"iban": {"FR7630006000011234567890180"}, "action": {"continuer"}}, 422, ""},
		{"5", url.Values{"iban": {goodIBAN}, "action": {"continuer"}}, 303, "/etape/6"},
	}
	for i, st := range steps {
		rec := cs.postPage(base+"/etape/"+st.page, citizen, st.form, "", "", nil)
		if rec.Code != st.status || !strings.HasSuffix(rec.Header().Get("Location"), st.next) {
			t.Fatalf("step %d (page %s): %d %s %.500s", i, st.page, rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
	}
	// A file too large for the field, then one of the wrong type, then a good one.
	rec = cs.postPage(base+"/etape/6", citizen, url.Values{"action": {"continuer"}}, "justificatif", "acte.pdf", pdfFile(1<<20+10))
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "il doit peser 1 Mo au plus") {
		t.Fatalf("file too large: %d %.800s", rec.Code, rec.Body.String())
	}
	rec = cs.postPage(base+"/etape/6", citizen, url.Values{"action": {"continuer"}}, "justificatif", "acte.pdf", []byte("MZ\x90\x00 not a pdf"))
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "format PDF") {
		t.Fatalf("wrong type: %d %.800s", rec.Code, rec.Body.String())
	}
	rec = cs.postPage(base+"/etape/6", citizen, url.Values{"action": {"continuer"}}, "justificatif", "acte.pdf", pdfFile(2000))
	if rec.Code != 303 || rec.Header().Get("Location") != base+"/verifier" {
		t.Fatalf("good file: %d %s %.500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	review := cs.get(base+"/verifier", citizen)
	for _, want := range []string{"Vérifiez vos réponses", "Martin", "Léa", "acte.pdf", "Modifier"} {
		if !strings.Contains(review.Body.String(), want) {
			t.Errorf("review lacks %q", want)
		}
	}
	// "Modifier" leads to the page, and sending it comes back to the review.
	rec = cs.postPage(base+"/etape/1?retour=verifier", citizen, url.Values{"nom": {"Martin"}, "courriel": {"camille@example.fr"},
		"action": {"continuer"}}, "", "", nil)
	if rec.Code != 303 || rec.Header().Get("Location") != base+"/verifier" {
		t.Errorf("change from the review: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	rec = cs.post(base+"/envoyer", citizen, url.Values{})
	if rec.Code != 303 || rec.Header().Get("Location") != base+"/recu" {
		t.Fatalf("submit: %d %s %.500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	receipt := cs.get(base+"/recu", citizen).Body.String()
	ref := regexp.MustCompile(`[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}`).FindString(receipt)
	if ref == "" || !strings.Contains(receipt, "/demarches/"+testSlug+"/avis") {
		t.Fatalf("receipt without a reference or feedback link: %.1000s", receipt)
	}
	pdfRec := cs.get(base+"/recu.pdf", citizen)
	if !bytes.HasPrefix(pdfRec.Body.Bytes(), []byte("%PDF-")) || pdfRec.Header().Get("Content-Type") != "application/pdf" {
		t.Errorf("PDF receipt: %s %.40q", pdfRec.Header().Get("Content-Type"), pdfRec.Body.String())
	}
	list := cs.get("/mes-demarches", citizen).Body.String()
	if !strings.Contains(list, ref) || !strings.Contains(list, "Envoyé") {
		t.Errorf("Mes démarches lacks %s", ref)
	}
	// Sending twice (a double click) leads to the receipt again.
	if rec := cs.post(base+"/envoyer", citizen, url.Values{}); rec.Code != 303 || rec.Header().Get("Location") != base+"/recu" {
		t.Errorf("second submit: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	// A message with an attachment, shown on the dossier's page.
	rec = cs.postPage(base+"/messages", citizen, url.Values{"message": {"Voici le livret de famille."}}, "piece_jointe", "livret.pdf", pdfFile(500))
	if rec.Code != 303 {
		t.Fatalf("message: %d %.500s", rec.Code, rec.Body.String())
	}
	rec = cs.postPage(base+"/messages", citizen, url.Values{"message": {"Et ceci."}}, "piece_jointe", "programme.pdf", []byte("MZ\x90 not a pdf"))
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "Et ceci.") {
		t.Errorf("message with a wrong file: %d, the typed message must be kept", rec.Code)
	}
	// The file: the person downloads it, nobody else does.
	show := cs.get(base, citizen).Body.String()
	if !strings.Contains(show, "Voici le livret de famille.") || !strings.Contains(show, "livret.pdf") {
		t.Error("the dossier's page lacks the message or its attachment")
	}
	file := regexp.MustCompile(`/mes-demarches/\d+/fichiers/\d+`).FindString(show)
	if file == "" {
		t.Fatalf("dossier page without its file: %.1500s", show)
	}
	if rec := cs.get(file, citizen); rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Errorf("own file: %d %v", rec.Code, rec.Header())
	}
	for _, role := range []string{string(identity.RoleAgent), string(identity.RoleMediator)} {
		if rec := cs.get(file, role); rec.Code != 404 {
			t.Errorf("%s opening the person's file: %d, want 404", role, rec.Code)
		}
		if rec := cs.get(base, role); rec.Code != 404 {
			t.Errorf("%s opening the person's dossier: %d, want 404", role, rec.Code)
		}
	}
}

// TestDossierCorrectionPages: the agent asks, the person sees why, fixes
// only that answer and sends it back.
func TestDossierCorrectionPages(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	publishTestForm(t, cs.testServer)
	id := sentDossier(t, cs.testServer)
	agent := demoAgent(t, cs.testServer)
	if err := cs.Dossiers.RequestCorrection(context.Background(), id, agent, dossiers.Incorrect, []string{"iban"},
		"Le compte doit être à votre nom."); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/mes-demarches/%d", id)
	if body := cs.get("/mes-demarches", citizen).Body.String(); !strings.Contains(body, "À corriger") {
		t.Error("Mes démarches does not say « À corriger »")
	}
	page := cs.get(base+"/corriger", citizen).Body.String()
	if !strings.Contains(page, "Une réponse est inexacte") || !strings.Contains(page, "à votre nom") || strings.Contains(page, `name="nom"`) {
		t.Fatalf("correction page: %.1500s", page)
	}
	// A field not asked is ignored; the asked one is checked.
	rec := cs.postPage(base+"/corriger", citizen, url.Values{"iban": {"FR00"}, "nom": {"Autre"}}, "", "", nil)
	if rec.Code != 422 {
		t.Fatalf("wrong IBAN in correction: %d", rec.Code)
	}
	rec = cs.postPage(base+"/corriger", citizen, url.Values{"iban": {"FR7630004000031234567890143"}, "nom": {"Autre"}}, "", "", nil)
	if rec.Code != 303 {
		t.Fatalf("correction: %d %.800s", rec.Code, rec.Body.String())
	}
	d, err := cs.Dossiers.Get(context.Background(), demoUserID(t, cs.testServer), id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Correction != nil || !strings.Contains(string(d.Answers["iban"]), "FR7630004000031234567890143") ||
		!strings.Contains(string(d.Answers["nom"]), "Martin") {
		t.Errorf("after correction: %+v %s", d.Correction, d.Answers)
	}
	show := cs.get(base, citizen).Body.String()
	if !strings.Contains(show, "Correction envoyée") || !strings.Contains(show, "Correction demandée") {
		t.Error("the timeline does not show the request and its answer")
	}
}

// sentDossier makes the demo citizen send a filled dossier of testSlug.
func sentDossier(t testing.TB, ts *testServer) int64 {
	t.Helper()
	id := sentDraft(t, ts)
	if _, err := ts.Dossiers.Submit(context.Background(), dossiers.Submitter{UserID: demoUserID(t, ts), Email: "usager@demo.guichet.test"}, id, dossiers.Receipt{}); err != nil {
		t.Fatal(err)
	}
	return id
}

// sentDraft makes the demo citizen fill a draft of testSlug, ready to send.
func sentDraft(t testing.TB, ts *testServer) int64 {
	t.Helper()
	ctx := context.Background()
	u := demoUserID(t, ts)
	sn, _ := ts.Catalogue.Snapshot(ctx)
	p, _ := sn.Procedure(testSlug)
	f, err := ts.Forms.Published(ctx, testSlug)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := ts.Dossiers.StartDraft(ctx, dossiers.Start{UserID: u, Procedure: testSlug, OrgID: p.Org.ID, FormVersion: f.Version})
	if err != nil {
		t.Fatal(err)
	}
	a := forms.Answers{"nom": {Text: "Martin"}, "couple": {Text: "non"}, "iban": {Text: goodIBAN},
		"enfants":      {Rows: []forms.Answers{{"prenom": {Text: "Léa"}}}},
		"justificatif": {File: &forms.FileRef{ID: "0", Name: "acte.pdf", Type: forms.FileTypePDF, Size: 10}}}
	keys := []string{"nom", "couple", "iban", "enfants", "justificatif"}
	if _, err := ts.Dossiers.SavePage(ctx, u, d.ID, dossiers.Page{Fields: keys, Values: dossierAnswers(a, keys), Next: -1}); err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func demoUserID(t testing.TB, ts *testServer) int64 {
	t.Helper()
	u, err := ts.ids.UserByEmail(context.Background(), demo.Accounts[0].Email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func demoAgent(t testing.TB, ts *testServer) dossiers.Agent {
	t.Helper()
	u, err := ts.ids.UserByEmail(context.Background(), "agent@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	return dossiers.Agent{UserID: u.ID, OrgID: u.Memberships[0].OrgID}
}

// TestProcedurePageOffersOnlineForm: a procedure with a published form
// offers to do it here; the measured delay needs enough decided dossiers.
func TestProcedurePageOffersOnlineForm(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	if body := cs.get("/demarches/"+testSlug, "").Body.String(); strings.Contains(body, "/commencer") {
		t.Error("start link without a form")
	}
	publishTestForm(t, cs.testServer)
	// Published through the service, not a request to the pages: the
	// public page kept a second ago is forgotten as a POST would.
	cs.public.invalidate()
	body := cs.get("/demarches/"+testSlug, "").Body.String()
	if !strings.Contains(body, `href="/demarches/`+testSlug+`/commencer"`) || !strings.Contains(body, "Faire la démarche en ligne") {
		t.Error("no start link with a published form")
	}
	if strings.Contains(body, "9 sur 10") {
		t.Error("measured delay shown without decided dossiers")
	}
}
