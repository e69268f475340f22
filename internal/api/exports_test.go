package api

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/places"
	"guichet/internal/secretbox"
)

// formula is what an attacker types in a field to have a spreadsheet open a link.
const formula = `=HYPERLINK("http://x","y")`

// csvCells downloads a CSV export and returns the cells of its rows by "key.column",
// key being the value of the first column.
func csvCells(t *testing.T, s *Server, path string) map[string]string {
	t.Helper()
	rec := get(t, s, path)
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if rec.Code != http.StatusOK || err != nil || len(rows) < 2 {
		t.Fatalf("GET %s: status %d, %d rows, %v", path, rec.Code, len(rows), err)
	}
	cells := map[string]string{}
	for _, row := range rows[1:] {
		for j, v := range row {
			cells[row[0]+"."+rows[0][j]] = v
		}
	}
	return cells
}

func TestPlacesCSVDownloadNeutralisesFormulas(t *testing.T) {
	db := dbtest.Open(t)
	data := "id,pivot,nom,commune,code_postal,adresse,latitude,longitude,date_maj,source\n" +
		`piege,21690266800013,"=HYPERLINK(""http://x"",""y"")",Rennes,35000,1 rue Racine,48.11,-1.5,2024-04-01,ville` + "\n"
	pl := places.New(db, places.Options{})
	if rep, err := pl.Import(context.Background(), strings.NewReader(data), places.V1CSV); err != nil || rep.Imported != 1 {
		t.Fatalf("import: %s, %v, %v", rep, err, rep.Rejections)
	}
	cat, err := catalogue.New(db, catalogue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := mustAPI(t, modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat, Places: pl,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	cells := csvCells(t, s, "/api/v1/places.csv")
	if got := cells["piege.nom"]; got != "'"+formula {
		t.Errorf("nom = %q, want %q", got, "'"+formula)
	}
	if got := cells["piege.longitude"]; got != "-1.5" {
		t.Errorf("longitude = %q, want the number -1.5", got)
	}
}

func TestProceduresCSVDownloadNeutralisesFormulas(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	box, err := secretbox.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	org, err := identity.NewService(db, box, identity.Config{}, time.Now).
		CreateOrganisation(ctx, "caf", "Caisse d'allocations familiales", identity.KindAdministration)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalogue.New(db, catalogue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ed := catalogue.Editor{OrgID: org.ID}
	p := catalogue.Procedure{Slug: "piege", Title: "Aide au logement", Summary: formula,
		FALC: "Vous payez un loyer.\nLa CAF peut vous aider.", Audience: "Les locataires.",
		Conditions: []string{"Payer un loyer"}, Documents: []string{"Votre bail"}, Cost: "Gratuit",
		Delay: "Environ un mois", Category: "logement", Volume: 1000,
		Channels:    []catalogue.Channel{{Kind: catalogue.ChannelInPerson, Label: "À l'accueil de la CAF"}},
		HelpContact: catalogue.HelpContact{Label: "CAF", Phone: "3230"},
		OfflineWay:  "Allez à l'accueil de la CAF avec votre bail."}
	if _, err := cat.Create(ctx, ed, p); err != nil {
		t.Fatal(err)
	}
	if err := cat.Publish(ctx, ed, "piege", 1); err != nil {
		t.Fatal(err)
	}
	s := mustAPI(t, modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat, Places: places.New(db, places.Options{}),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	if got := csvCells(t, s, "/api/v1/procedures.csv")["piege.resume"]; got != "'"+formula {
		t.Errorf("resume = %q, want %q", got, "'"+formula)
	}
}

// endlessBody is a request body that never ends and counts what was read of it.
type endlessBody struct{ read int64 }

func (b *endlessBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	b.read += int64(len(p))
	return len(p), nil
}

func (b *endlessBody) Close() error { return nil }

func TestBodyCapped(t *testing.T) {
	s := newPlacesAPI(t)
	body := &endlessBody{}
	req := httptest.NewRequest("GET", "/api/v1/places", body)
	req.ContentLength = 60 << 20
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge || body.read != 0 {
		t.Errorf("60 MB declared: status %d after reading %d bytes, want 413 at once", rec.Code, body.read)
	}

	// A body sent in chunks stops at the cap when a handler reads it.
	var got error
	h := s.wrap(func(w http.ResponseWriter, r *http.Request) error {
		_, got = io.ReadAll(r.Body)
		return nil
	})
	body = &endlessBody{}
	req = httptest.NewRequest("POST", "/api/v1/x", body)
	req.ContentLength = -1
	h.ServeHTTP(httptest.NewRecorder(), req)
	var tooBig *http.MaxBytesError
	if !errors.As(got, &tooBig) || body.read > 2*maxBody {
		t.Errorf("chunked body: read %d bytes, error %v; want it cut at %d", body.read, got, maxBody)
	}
}

// mustAPI builds the API or ends the test.
func mustAPI(t *testing.T, d Deps) *Server {
	t.Helper()
	s, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
