package places

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
)

// anchor is a real place a generated place is put near.
type anchor struct {
	commune, postcode string
	lat, lon          float64
}

// realAnchors returns the France Services sites with coordinates, so that
// generated places are spread over France as real ones are.
func realAnchors(tb testing.TB) []anchor {
	tb.Helper()
	r := csv.NewReader(bytes.NewReader(readTestdata(tb, "france-services-2022-12.csv")))
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []anchor
	for _, row := range rows[1:] {
		lat, err1 := strconv.ParseFloat(row[8], 64)
		lon, err2 := strconv.ParseFloat(row[9], 64)
		if err1 == nil && err2 == nil && len(row[6]) == 5 && row[7] != "" {
			out = append(out, anchor{row[7], row[6], lat, lon})
		}
	}
	return out
}

// generateV1CSV writes n valid places as a v1 CSV, every field filled,
// each within a few kilometres of a real France Services site.
func generateV1CSV(tb testing.TB, n int) []byte {
	tb.Helper()
	anchors := realAnchors(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	hours := []string{"Mo-Fr 09:00-12:00,14:00-17:00", "Tu-Sa 10:00-18:00", "Mo,We,Fr 08:30-12:30", "Mo-Th 09:00-12:00,13:30-17:30; Fr 09:00-12:00", "sur rendez-vous"}
	pick := func(values []string) string {
		var out []string
		for _, v := range values {
			if rng.IntN(3) == 0 {
				out = append(out, v)
			}
		}
		return join(out)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(Fields())
	for i := range n {
		a := anchors[rng.IntN(len(anchors))]
		p := Place{
			ID: fmt.Sprintf("gen-%d", i), Pivot: fmt.Sprintf("%014d", 21510454200017+i), Nom: fmt.Sprintf("Lieu numérique %d", i),
			Commune: a.commune, CodePostal: a.postcode, Adresse: fmt.Sprintf("%d rue de la République", 1+i%200),
			Latitude: ptr(a.lat + (rng.Float64()-0.5)*0.08), Longitude: ptr(a.lon + (rng.Float64()-0.5)*0.1),
			Typologie: []string{"ASSO"}, Telephone: fmt.Sprintf("03 26 %02d %02d %02d", i%100, (i/100)%100, rng.IntN(100)),
			Courriels: []string{fmt.Sprintf("contact%d@exemple.fr", i)}, SiteWeb: []string{"https://www.exemple.fr"},
			Horaires: hours[rng.IntN(len(hours))], PresentationResume: "Aide aux démarches et au numérique.", Source: "bench",
			DateMaj: time.Date(2024, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
		}
		row := fieldValues(&p)
		for field, values := range enumerations {
			row[slices.Index(Fields(), field)] = pick(values)
		}
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// BenchmarkImport10000 imports 10,000 new v1 rows into an empty database.
func BenchmarkImport10000(b *testing.B) {
	data := generateV1CSV(b, 10000)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db := dbtest.Open(b)
		b.StartTimer()
		rep, err := svcAt(db, importNow).Import(ctx, bytes.NewReader(data), V1CSV)
		if err != nil || rep.Imported != 10000 {
			b.Fatalf("Import = %s, %v; first rejections %v", rep, err, rep.Rejections[:min(3, len(rep.Rejections))])
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/import")
}

// openGeneratedDB returns a database holding 10,000 generated places and
// the postcodes they use.
func openGeneratedDB(b *testing.B) (*database.DB, []string) {
	b.Helper()
	db := dbtest.Open(b)
	if _, err := svcAt(db, importNow).Import(context.Background(), bytes.NewReader(generateV1CSV(b, 10000)), V1CSV); err != nil {
		b.Fatal(err)
	}
	var postcodes []string
	rows, err := db.Query(`SELECT DISTINCT code_postal FROM places ORDER BY code_postal`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var cp string
		rows.Scan(&cp)
		postcodes = append(postcodes, cp)
	}
	return db, postcodes
}

// BenchmarkSearchByPostcode10000 searches the 20 nearest places of a
// postcode among 10,000, and reports the 95th percentile of one search.
func BenchmarkSearchByPostcode10000(b *testing.B) {
	db, postcodes := openGeneratedDB(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	var durations []time.Duration
	for b.Loop() {
		q := Query{Text: postcodes[rng.IntN(len(postcodes))], At: importNow}
		start := time.Now()
		results, _, _, err := svc(db).Search(ctx, q)
		durations = append(durations, time.Since(start))
		if err != nil || len(results) == 0 {
			b.Fatalf("Search %s = %d results, %v", q.Text, len(results), err)
		}
	}
	reportP95(b, durations)
}

// BenchmarkSearchFiltered10000 searches with filters and "open now".
func BenchmarkSearchFiltered10000(b *testing.B) {
	db, postcodes := openGeneratedDB(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 6))
	var durations []time.Duration
	for b.Loop() {
		q := Query{Text: postcodes[rng.IntN(len(postcodes))], At: importNow, Free: true, OpenNow: true,
			Services: []string{"Aide aux démarches administratives"}}
		start := time.Now()
		if _, _, _, err := svc(db).Search(ctx, q); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	reportP95(b, durations)
}

func reportP95(b *testing.B, durations []time.Duration) {
	slices.Sort(durations)
	p95 := durations[len(durations)*95/100]
	b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
}
