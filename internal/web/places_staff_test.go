package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"guichet/internal/identity"
	"guichet/internal/places"
)

// TestStaffOfAnotherStructureCannotEdit checks that a mediator reaches only
// the places of their own structure.
func TestStaffOfAnotherStructureCannotEdit(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	ctx := context.Background()
	other := ps.staffSession(t, "mediatrice.epn@exemple.fr", identity.RoleMediator, "epn-lyon-8")
	key := fmt.Sprint(ps.claimed.Key)
	form := "nom=Pris+par+un+autre&pivot=12345678901234&adresse=1+rue&code_postal=69100&commune=Villeurbanne"
	tests := []struct{ name, method, path string }{
		{"other structure's space", "GET", "/espace/france-services-villeurbanne/lieux/" + key},
		{"other structure's place in one's own space", "GET", "/espace/epn-lyon-8/lieux/" + key},
		{"saving it in one's own space", "POST", "/espace/epn-lyon-8/lieux/" + key},
		{"saving it in the other space", "POST", "/espace/france-services-villeurbanne/lieux/" + key},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(form))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			if rec := serveWith(ps.testServer, req, other); rec.Code != http.StatusForbidden {
				t.Errorf("status %d, want 403", rec.Code)
			}
		})
	}
	p, err := ps.Places.Get(ctx, ps.claimed.Key)
	if err != nil || p.Nom != ps.claimed.Nom {
		t.Errorf("place after the refused saves: %q, %v; want it unchanged", p.Nom, err)
	}
	// A place nobody manages is not theirs to edit either.
	unclaimed, err := ps.Places.GetByID(ctx, places.SourceFranceServices, "587")
	if err != nil {
		t.Fatal(err)
	}
	if rec := ps.do("GET", fmt.Sprintf("/espace/france-services-villeurbanne/lieux/%d", unclaimed.Key), ps.tokens[identity.RoleMediator]); rec.Code != http.StatusForbidden {
		t.Errorf("unclaimed place: status %d, want 403", rec.Code)
	}
}

// TestStaffEditsTheirPlace sends a form with mistakes, then a good one.
func TestStaffEditsTheirPlace(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	mediator := ps.tokens[identity.RoleMediator]
	path := fmt.Sprintf("/espace/france-services-villeurbanne/lieux/%d", ps.claimed.Key)
	values := placeFormValues(ps.claimed)
	values.Set("code_postal", "691")
	values.Set("latitude", "quarante-cinq")
	values.Set("horaires", "lundi matin")
	values.Set("telephone", "04 78 00 00 01")
	bad := serveWith(ps.testServer, postForm(path, values.Encode()), mediator)
	if bad.Code != http.StatusUnprocessableEntity {
		t.Fatalf("form with mistakes: status %d, want 422", bad.Code)
	}
	body := html.UnescapeString(bad.Body.String())
	for _, want := range []string{`href="#code_postal"`, `href="#latitude"`, `href="#horaires"`, `id="code_postal-error"`,
		`value="691"`, `value="quarante-cinq"`, `value="04 78 00 00 01"`, "<title>Erreur : "} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	checkPageBasics(t, body)

	values = placeFormValues(ps.claimed)
	values.Set("telephone", "04 78 00 00 01")
	values.Set("horaires", "Mo-Fr 9h à 17h")
	values["publics_specifiquement_adresses"] = []string{"Seniors"}
	good := serveWith(ps.testServer, postForm(path, values.Encode()), mediator)
	if good.Code != http.StatusSeeOther || good.Header().Get("Location") != path+"?enregistre=1" {
		t.Fatalf("good form: status %d to %q, want 303 back to the form", good.Code, good.Header().Get("Location"))
	}
	stored, err := ps.Places.Get(context.Background(), ps.claimed.Key)
	if err != nil || stored.Horaires != "Mo-Fr 09:00-17:00" {
		t.Errorf("hours stored as %q (%v), want the standard's writing Mo-Fr 09:00-17:00", stored.Horaires, err)
	}
	page := html.UnescapeString(ps.do("GET", fmt.Sprintf("/lieux/%d", ps.claimed.Key), "").Body.String())
	for _, want := range []string{`href="tel:+33478000001"`, "04 78 00 00 01", "<li>Seniors</li>", "mises à jour le 7 mai 2024"} {
		if !strings.Contains(page, want) {
			t.Errorf("public page after saving: missing %q", want)
		}
	}
}

// importRequest builds the upload of the import page.
func importRequest(t *testing.T, filename, content, format string) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if format != "" {
		mw.WriteField("format", format)
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("fichier", filename)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/admin/lieux/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// TestImportPageKeepsGoodRows imports a file with a bad row: the good
// rows are stored, the bad one is listed with its line and reason.
func TestImportPageKeepsGoodRows(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	admin := ps.tokens[identity.RoleAdmin]
	csv := "id,pivot,nom,commune,code_postal,adresse,latitude,longitude,horaires,date_maj,source\n" +
		"t-1,12345678901234,Espace numérique du Test,Testville,69100,1 rue des Essais,45.77,4.88,Mo-Fr 09:00-17:00,2024-04-01,test\n" +
		"t-2,12345678901234,Sans code postal correct,Testville,691,2 rue des Essais,45.77,4.88,,2024-04-01,test\n" +
		"t-3,12345678901234,Médiathèque du Test,Testville,69100,3 rue des Essais,45.78,4.89,,2024-04-01,test\n"
	rec := serveWith(ps.testServer, importRequest(t, "lieux.csv", csv, ""), admin)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", rec.Code)
	}
	body := html.UnescapeString(rec.Body.String())
	checkPageBasics(t, body)
	for _, want := range []string{"2 lieux ajoutés, 0 mis à jour, 1 refusé", "Standard des lieux de médiation numérique, CSV",
		"<td>ligne 3</td><td>t-2</td><td><code>code_postal</code></td>", "Le code postal doit avoir 5 chiffres"} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	for _, id := range []string{"t-1", "t-3"} {
		if _, err := ps.Places.GetByID(context.Background(), "test", id); err != nil {
			t.Errorf("place %s not imported: %v", id, err)
		}
	}
	if _, err := ps.Places.GetByID(context.Background(), "test", "t-2"); err == nil {
		t.Error("the bad row was imported")
	}
}

func TestImportPageRefusesUnreadableUploads(t *testing.T) {
	t.Parallel()
	ps := newPlacesServer(t)
	admin := ps.tokens[identity.RoleAdmin]
	tests := []struct {
		name, filename, content, format, want string
	}{
		{"no file", "", "", "", "Choisissez le fichier des lieux à importer."},
		{"empty file", "vide.csv", "  \n", "", "Le fichier est vide."},
		{"unknown content", "notes.txt", "bonjour\nau revoir\n", "", "Le format du fichier n'a pas été reconnu."},
		{"unknown format", "lieux.csv", "id,nom\n", "tableur", "Choisissez un format dans la liste."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serveWith(ps.testServer, importRequest(t, tt.filename, tt.content, tt.format), admin)
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(rec.Body.String()), tt.want) {
				t.Errorf("status %d, want 422 with %q", rec.Code, tt.want)
			}
		})
	}
}

// TestStaffFormLimitsTexts checks that the edit form refuses a description
// past its limit with a message beside the field, and that one of 3 MB is
// cut short by the body limit before any of it is stored.
func TestStaffFormLimitsTexts(t *testing.T) {
	ps := newPlacesServer(t)
	mediator := ps.tokens[identity.RoleMediator]
	path := fmt.Sprintf("/espace/france-services-villeurbanne/lieux/%d", ps.claimed.Key)
	values := placeFormValues(ps.claimed)
	values.Set("presentation_detail", strings.Repeat("Bla ", 1000))
	rec := serveWith(ps.testServer, postForm(path, values.Encode()), mediator)
	body := html.UnescapeString(rec.Body.String())
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#presentation_detail"`) ||
		!strings.Contains(body, "Raccourcissez la présentation détaillée : 3000 caractères au plus.") {
		t.Errorf("description of 4000 characters: status %d, want 422 and the message beside the field", rec.Code)
	}
	values.Set("presentation_detail", strings.Repeat("Bla ", 3<<20/4))
	if rec := serveWith(ps.testServer, postForm(path, values.Encode()), mediator); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("description of 3 MB: status %d, want 413", rec.Code)
	}
	stored, err := ps.Places.Get(context.Background(), ps.claimed.Key)
	if err != nil || stored.PresentationDetail != ps.claimed.PresentationDetail {
		t.Errorf("description stored: %d characters (%v), want it unchanged", len(stored.PresentationDetail), err)
	}
}
