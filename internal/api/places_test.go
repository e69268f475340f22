package api

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/catalogue"
	"guichet/internal/database/dbtest"
	"guichet/internal/places"
)

// placesFixture holds five places of Villeurbanne and Lyon: open on Tuesday
// morning, closed then, with hours nobody can read, without hours, and one
// whose id another producer uses too.
const placesFixture = `id,pivot,nom,commune,code_postal,adresse,latitude,longitude,horaires,date_maj,source
mairie-annexe,21690266800013,Mairie annexe,Villeurbanne,69100,1 place Lazare Goujon,45.7665,4.8795,"Mo-Fr 09:00-12:00,14:00-17:00",2024-04-01,ville
epn-samedi,21690266800013,Espace numérique du samedi,Villeurbanne,69100,2 rue Racine,45.7700,4.8800,Sa 09:00-12:00,2024-04-01,ville
cafe-illisible,21690266800013,Café connecté,Villeurbanne,69100,3 rue Flachet,45.7680,4.8850,lundi matin,2024-04-01,ville
sans-horaires,21690266800013,Permanence numérique,Villeurbanne,69100,4 cours Émile Zola,45.7690,4.8830,,2024-04-01,ville
mairie-annexe,21690123400019,Mairie annexe du 3e,Lyon,69003,18 rue François Garcin,45.7590,4.8500,"Mo-Fr 08:45-16:45",2024-04-01,metropole
`

// tuesdayMorning is the instant the tests evaluate the hours at.
const tuesdayMorning = "2024-05-07T10:00:00+02:00"

func newPlacesAPI(t *testing.T) *Server {
	t.Helper()
	db := dbtest.Open(t)
	pl := places.New(db, places.Options{})
	rep, err := pl.Import(context.Background(), strings.NewReader(placesFixture), places.V1CSV)
	if err != nil || rep.Imported != 5 || rep.Rejected != 0 {
		t.Fatalf("import fixture: %s, %v, %v", rep, err, rep.Rejections)
	}
	cat, err := catalogue.New(db, catalogue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat, Places: pl,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func get(t *testing.T, s *Server, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, rec.Body.String())
	}
	return v
}

func TestSearchPlaces(t *testing.T) {
	t.Parallel()
	s := newPlacesAPI(t)
	rec := get(t, s, "/api/v1/places?q=Villeurbanne&radius_km=3&open_at="+strings.ReplaceAll(tuesdayMorning, "+", "%2B"))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	answer := decode[placeSearch](t, rec)
	type row struct {
		ID   string
		Open string
	}
	openText := func(b *bool) string {
		if b == nil {
			return "null"
		}
		if *b {
			return "true"
		}
		return "false"
	}
	got := map[string]row{}
	for _, r := range answer.Results {
		got[r.Source+"/"+r.ID] = row{r.ID, openText(r.Open)}
		if r.DistanceKm == nil || *r.DistanceKm > 3 {
			t.Errorf("%s: distance %v, want at most 3 km", r.ID, r.DistanceKm)
		}
		if !strings.HasPrefix(r.URL, "https://guichet.test/lieux/") {
			t.Errorf("%s: url %q", r.ID, r.URL)
		}
	}
	want := map[string]row{
		"ville/mairie-annexe":     {"mairie-annexe", "true"},
		"ville/epn-samedi":        {"epn-samedi", "false"},
		"ville/cafe-illisible":    {"cafe-illisible", "null"},
		"ville/sans-horaires":     {"sans-horaires", "null"},
		"metropole/mairie-annexe": {"mairie-annexe", "true"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if answer.Total != 5 || answer.Origin == nil || answer.Origin.Name != "Villeurbanne" {
		t.Errorf("total %d, origin %+v; want 5 around Villeurbanne", answer.Total, answer.Origin)
	}
	// open is always present, null when unknown.
	if !strings.Contains(rec.Body.String(), `"open":null`) {
		t.Error(`no "open":null in the answer`)
	}
}

func TestSearchPlacesPagesAndFilters(t *testing.T) {
	t.Parallel()
	s := newPlacesAPI(t)
	tests := []struct {
		name, query string
		wantTotal   int
		wantIDs     []string
	}{
		{"position, nearest first, one per page", "lat=45.7700&lon=4.8800&radius_km=1&limit=1", 4, []string{"epn-samedi"}},
		{"second page", "lat=45.7700&lon=4.8800&radius_km=1&limit=1&offset=1", 4, []string{"sans-horaires"}},
		{"open now", "q=69100&radius_km=1&open_now=true&open_at=2024-05-07T08:00:00Z", 1, []string{"mairie-annexe"}},
		{"open now, wider", "q=69100&open_now=true&open_at=2024-05-07T08:00:00Z", 2, []string{"mairie-annexe", "mairie-annexe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, "/api/v1/places?"+tt.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			answer := decode[placeSearch](t, rec)
			var ids []string
			for _, r := range answer.Results {
				ids = append(ids, r.ID)
			}
			if answer.Total != tt.wantTotal || !cmp.Equal(ids, tt.wantIDs) {
				t.Errorf("total %d, ids %v; want %d, %v", answer.Total, ids, tt.wantTotal, tt.wantIDs)
			}
		})
	}
}

func TestPlacesBadRequests(t *testing.T) {
	t.Parallel()
	s := newPlacesAPI(t)
	tests := []struct {
		name, path string
		status     int
		want       string
	}{
		{"latitude not a number", "/api/v1/places?lat=nord&lon=4.88", 400, "lat"},
		{"latitude without longitude", "/api/v1/places?lat=45.77", 400, "latitude et la longitude ensemble"},
		{"position off the Earth", "/api/v1/places?lat=95&lon=4.88", 400, "-90 à 90"},
		{"bad instant", "/api/v1/places?q=Villeurbanne&open_at=mardi", 400, "RFC 3339"},
		{"limit too small", "/api/v1/places?limit=0", 400, "limit"},
		{"limit too large", "/api/v1/places?limit=500", 400, "limit"},
		{"negative offset", "/api/v1/places?offset=-1", 400, "offset"},
		{"negative radius", "/api/v1/places?q=Villeurbanne&radius_km=-2", 400, "distance"},
		{"unknown service", "/api/v1/places?q=Villeurbanne&service=Cuisine", 400, "Cuisine"},
		{"not a boolean", "/api/v1/places?q=Villeurbanne&free=oui", 400, "free"},
		{"unknown town", "/api/v1/places?q=Trifouilly", 404, "Trifouilly"},
		{"bad instant for one place", "/api/v1/places/epn-samedi?open_at=2024-05-07", 400, "RFC 3339"},
		{"unknown place", "/api/v1/places/inconnu", 404, "inconnu"},
		{"id shared by two producers", "/api/v1/places/mairie-annexe", 409, "source"},
		{"unknown source", "/api/v1/places/mairie-annexe?source=autre", 404, ""},
		{"id with a NUL byte", "/api/v1/places/a%00b", 404, ""},
		{"source with bad UTF-8", "/api/v1/places/mairie-annexe?source=%C3%28", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body.String())
			}
			body := decode[Error](t, rec)
			if body.Error.Status != tt.status || body.Error.Message == "" || !strings.Contains(body.Error.Message, tt.want) {
				t.Errorf("error %+v, want status %d and a message with %q", body.Error, tt.status, tt.want)
			}
		})
	}
}

func TestGetPlace(t *testing.T) {
	t.Parallel()
	s := newPlacesAPI(t)
	tests := []struct {
		name, path string
		wantOpen   any
		wantNom    string
	}{
		{"open on Tuesday morning", "/api/v1/places/epn-samedi?open_at=2024-05-11T10:00:00%2B02:00", true, "Espace numérique du samedi"},
		{"closed on Tuesday morning", "/api/v1/places/epn-samedi?open_at=" + strings.ReplaceAll(tuesdayMorning, "+", "%2B"), false, "Espace numérique du samedi"},
		{"unreadable hours", "/api/v1/places/cafe-illisible?open_at=2024-05-07T08:00:00Z", nil, "Café connecté"},
		{"shared id with its source", "/api/v1/places/mairie-annexe?source=metropole&open_at=2024-05-07T08:00:00Z", true, "Mairie annexe du 3e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, tt.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			p := decode[map[string]any](t, rec)
			if p["open"] != tt.wantOpen || p["nom"] != tt.wantNom {
				t.Errorf("open %v, nom %v; want %v, %v", p["open"], p["nom"], tt.wantOpen, tt.wantNom)
			}
			for _, f := range places.Fields() {
				if _, ok := p[f]; !ok {
					t.Errorf("field %s missing", f)
				}
			}
			if _, ok := p["latitude"].(float64); !ok {
				t.Errorf("latitude %v, want a number", p["latitude"])
			}
		})
	}
}

func TestExportPlaces(t *testing.T) {
	t.Parallel()
	s := newPlacesAPI(t)
	rec := get(t, s, "/api/v1/places.csv")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV: status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || len(rows) != 6 || !cmp.Equal(rows[0], places.Fields()) {
		t.Errorf("CSV: %d rows, header %v, %v; want the standard's header and 5 places", len(rows), rows[0], err)
	}
	rec = get(t, s, "/api/v1/places.json")
	var list []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list) != 5 {
		t.Errorf("JSON: %d places, %v; want 5", len(list), err)
	}
}

func TestPlacesInOpenAPI(t *testing.T) {
	t.Parallel()
	s := newPlacesAPI(t)
	doc := decode[map[string]any](t, get(t, s, "/api/v1/openapi.json"))
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range []string{"/api/v1/places", "/api/v1/places/{id}", "/api/v1/places.csv", "/api/v1/places.json"} {
		if _, ok := paths[p]; !ok {
			t.Errorf("path %s missing from the OpenAPI document", p)
		}
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, name := range []string{"Place", "PlaceResult", "PlaceSearch"} {
		if _, ok := schemas[name]; !ok {
			t.Errorf("schema %s missing", name)
		}
	}
}
