package places

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
)

// openSearchDB returns a database holding the places of search-v1.csv.
func openSearchDB(t *testing.T) *database.DB {
	t.Helper()
	db := dbtest.Open(t)
	rep, err := svcAt(db, importNow).Import(context.Background(), bytes.NewReader(readTestdata(t, "search-v1.csv")), V1CSV)
	if err != nil || rep.Rejected > 0 || rep.Imported != 12 {
		t.Fatalf("import fixture = %s, %v; rejections %v", rep, err, rep.Rejections)
	}
	return db
}

func ids(results []Result) []string {
	out := make([]string, len(results))
	for i, r := range results {
		out[i] = r.Place.ID
	}
	return out
}

// tuesdayMorning is Tuesday 7 May 2024 at 10:00 in Paris.
var tuesdayMorning = time.Date(2024, 5, 7, 8, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

func TestSearch(t *testing.T) {
	t.Parallel()
	db := openSearchDB(t)
	tests := []struct {
		name       string
		q          Query
		want       []string // the results in order
		wantTotal  int
		wantOrigin string
		anyOrder   bool // want holds places at the same distance
	}{
		{"postcode, nearest first, town places without position last", Query{Text: "51100", RadiusKm: 50},
			[]string{"reims-centre", "reims-sud", "reims-nord", "tinqueux", "epernay", "chalons", "reims-sans-position"}, 7, "Reims", false},
		{"postcode with other words", Query{Text: "Reims 51100", RadiusKm: 2.5},
			[]string{"reims-centre", "reims-sud", "reims-nord", "reims-sans-position"}, 4, "Reims", false},
		{"town in capitals without accents", Query{Text: "CHALONS EN CHAMPAGNE", Limit: 1},
			[]string{"chalons"}, 1, "Châlons-en-Champagne", false},
		{"st for saint, accents forgiven", Query{Text: "st etienne", RadiusKm: 10},
			[]string{"saint-etienne"}, 1, "Saint-Étienne", false},
		{"a name shared by two departments means the one with more places", Query{Text: "Saint-Denis", RadiusKm: 30},
			[]string{"saint-denis-974-a", "saint-denis-974-b"}, 2, "Saint-Denis", true},
		{"start of a town name finds its districts", Query{Text: "paris", RadiusKm: 5},
			[]string{"paris-15"}, 1, "Paris 15e Arrondissement", false},
		{"unknown postcode falls back on its department", Query{Text: "51999", RadiusKm: 60},
			[]string{"chalons", "epernay", "reims-centre", "reims-nord", "reims-sud", "tinqueux"}, 6, "", true},
		{"position", Query{Lat: ptr(49.05), Lon: ptr(3.95), RadiusKm: 15},
			[]string{"epernay"}, 1, "", false},
		{"free", Query{Text: "51100", RadiusKm: 50, Free: true},
			[]string{"reims-centre", "tinqueux", "epernay", "reims-sans-position"}, 4, "Reims", false},
		{"France Services", Query{Text: "51100", RadiusKm: 50, FranceServices: true},
			[]string{"reims-centre", "epernay"}, 2, "Reims", false},
		{"specific support in lower case", Query{Text: "51100", RadiusKm: 50, Support: []string{"surdite", "Illettrisme"}},
			[]string{"reims-centre", "tinqueux"}, 2, "Reims", false},
		{"public", Query{Text: "51100", RadiusKm: 50, Public: []string{"Seniors"}},
			[]string{"reims-nord"}, 1, "Reims", false},
		{"access by appointment", Query{Text: "51100", RadiusKm: 50, Access: []string{"appointment"}},
			[]string{"reims-nord"}, 1, "Reims", false},
		{"access walk-in or phone", Query{Text: "51100", RadiusKm: 50, Access: []string{"Se présenter", "Téléphoner"}},
			[]string{"reims-centre", "tinqueux"}, 2, "Reims", false},
		{"services", Query{Text: "51100", RadiusKm: 50, Services: []string{"Loisirs et créations numériques", "Maîtrise des outils numériques du quotidien"}},
			[]string{"tinqueux", "chalons"}, 2, "Reims", false},
		{"open now on a Tuesday morning", Query{Text: "51100", RadiusKm: 50, OpenNow: true, At: tuesdayMorning},
			[]string{"reims-centre", "tinqueux", "epernay", "chalons"}, 4, "Reims", false},
		{"no origin: by town then name", Query{FranceServices: true},
			[]string{"epernay", "reims-centre", "saint-denis-974-b"}, 3, "", false},
		{"no origin, open now", Query{OpenNow: true, At: tuesdayMorning, Limit: 2},
			[]string{"chalons", "epernay"}, 4, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results, total, origin, err := svc(db).Search(context.Background(), tt.q)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			got := ids(results)
			if tt.anyOrder {
				slices.Sort(got)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("results (-want +got):\n%s", diff)
			}
			if total != tt.wantTotal {
				t.Errorf("total = %d, want %d", total, tt.wantTotal)
			}
			gotOrigin := ""
			if origin != nil {
				gotOrigin = origin.Name
			}
			if gotOrigin != tt.wantOrigin {
				t.Errorf("origin = %q, want %q", gotOrigin, tt.wantOrigin)
			}
			for i := 1; i < len(results); i++ {
				a, b := results[i-1].DistanceKm, results[i].DistanceKm
				if a == nil && b != nil || a != nil && b != nil && *a > *b {
					t.Errorf("result %d is nearer than result %d", i, i-1)
				}
			}
		})
	}
}

func TestSearchOrigin(t *testing.T) {
	t.Parallel()
	db := openSearchDB(t)
	_, _, origin, err := svc(db).Search(context.Background(), Query{Text: "51999"})
	if err != nil {
		t.Fatal(err)
	}
	if !origin.Approximate || origin.Postcode != "51999" {
		t.Errorf("origin = %+v, want an approximate origin for 51999", origin)
	}
	if d := DistanceKm(origin.Lat, origin.Lon, 49.1, 4.0); d > 40 {
		t.Errorf("origin of 51999 is %.0f km from the middle of the Marne places, want under 40", d)
	}
	_, _, origin, err = svc(db).Search(context.Background(), Query{Text: "Reims", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if origin.Postcode != "51100" || origin.RadiusKm != 10 {
		t.Errorf("origin = %+v, want postcode 51100 and radius 10 km", origin)
	}
	if d := DistanceKm(origin.Lat, origin.Lon, 49.2611, 4.0316); d > 0.1 {
		t.Errorf("origin of Reims is %.2f km from the middle of its three places", d)
	}
}

func TestSearchWidensUntilThePageIsFull(t *testing.T) {
	t.Parallel()
	db := openSearchDB(t)
	results, total, origin, err := svc(db).Search(context.Background(), Query{Text: "Saint-Étienne", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 || results[0].Place.ID != "saint-etienne" {
		t.Errorf("results = %v, want Saint-Étienne then the two nearest places", ids(results))
	}
	if origin.RadiusKm != 500 || total < 3 {
		t.Errorf("radius = %v km, total = %d, want 500 km and at least 3", origin.RadiusKm, total)
	}
}

func TestSearchOpenAndStatus(t *testing.T) {
	t.Parallel()
	db := openSearchDB(t)
	results, _, _, err := svc(db).Search(context.Background(), Query{Text: "Reims", RadiusKm: 5, At: tuesdayMorning})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*bool{"reims-centre": ptr(true), "reims-nord": ptr(false), "tinqueux": ptr(true), "reims-sud": nil, "reims-sans-position": nil}
	for _, r := range results {
		w, ok := want[r.Place.ID]
		if !ok {
			t.Errorf("unexpected result %s", r.Place.ID)
			continue
		}
		if !cmp.Equal(r.Open, w) {
			t.Errorf("%s: open = %v, want %v", r.Place.ID, deref(r.Open), deref(w))
		}
		if (r.Status == "") != (w == nil) {
			t.Errorf("%s: status = %q", r.Place.ID, r.Status)
		}
	}
	// In La Réunion, 10:00 in Paris is noon: the place open 8:00-12:00 has just closed.
	results, _, _, err = svc(db).Search(context.Background(), Query{Text: "97400", RadiusKm: 1, At: tuesdayMorning})
	if err != nil || len(results) == 0 {
		t.Fatalf("Search 97400 = %v, %v", ids(results), err)
	}
	if r := results[0]; r.Place.ID != "saint-denis-974-a" || r.Open == nil || *r.Open {
		t.Errorf("%s at noon in La Réunion: open = %v, want closed", r.Place.ID, deref(r.Open))
	}
}

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func TestSearchPagination(t *testing.T) {
	t.Parallel()
	db := openSearchDB(t)
	all, total, _, err := svc(db).Search(context.Background(), Query{Text: "51100", RadiusKm: 1000, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var paged []string
	for offset := 0; offset < total+3; offset += 3 {
		page, pageTotal, _, err := svc(db).Search(context.Background(), Query{Text: "51100", RadiusKm: 1000, Limit: 3, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		if pageTotal != total {
			t.Errorf("offset %d: total = %d, want %d", offset, pageTotal, total)
		}
		if len(page) > 3 {
			t.Errorf("offset %d: %d results, want at most 3", offset, len(page))
		}
		paged = append(paged, ids(page)...)
	}
	if diff := cmp.Diff(ids(all), paged); diff != "" || total != 10 {
		t.Errorf("pages joined differ from one page (total %d):\n%s", total, diff)
	}
}

func TestSearchErrors(t *testing.T) {
	t.Parallel()
	db := openSearchDB(t)
	tests := []struct {
		name string
		q    Query
		want errs.Kind
	}{
		{"unknown town", Query{Text: "Trifouillis-les-Oies"}, errs.NotFound},
		{"postcode of an empty department", Query{Text: "29200"}, errs.NotFound},
		{"unknown service", Query{Services: []string{"Réparer les vélos"}}, errs.Invalid},
		{"latitude without longitude", Query{Lat: ptr(48.0)}, errs.Invalid},
		{"position out of range", Query{Lat: ptr(91.0), Lon: ptr(2.0)}, errs.Invalid},
		{"negative radius", Query{Text: "Reims", RadiusKm: -1}, errs.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := svc(db).Search(context.Background(), tt.q)
			if !errs.Is(err, tt.want) || errs.MessageOf(err) == "" {
				t.Errorf("Search error = %v, want kind %v with a message", err, tt.want)
			}
		})
	}
}

func TestSearchRealData(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	for _, f := range []struct {
		file   string
		format Format
	}{{"france-services-2022-12.csv", FranceServicesCSV}, {"conseillers-numeriques-lieux-2023.json", CartographieJSON}} {
		if _, err := svcAt(db, importNow).Import(ctx, bytes.NewReader(readTestdata(t, f.file)), f.format); err != nil {
			t.Fatal(err)
		}
	}
	results, total, origin, err := svc(db).Search(ctx, Query{Text: "Marseille", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Marseille: %d places within %v km of %+v", total, origin.RadiusKm, *origin)
	if len(results) != 5 || *results[0].DistanceKm > 10 || !slices.IsSortedFunc(results, func(a, b Result) int {
		return int(*a.DistanceKm*1000 - *b.DistanceKm*1000)
	}) {
		t.Errorf("Marseille: results %v, want the 5 nearest, the first within 10 km", ids(results))
	}
}
