package catalogue

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchQueries are queries as people type them: misspelt, colloquial, with glued apostrophes.
func benchQueries() []string {
	return []string{
		"jai perdu ma carte vital", "aloc logement", "cartegrise", "didentité", "pole emploi",
		"inscription chomage", "pasport", "alocation familliale", "declaraton impots", "CNI",
		"renouvelement permis de conduire", "papiers voiture", "minimum vieillesse", "sécu",
		"aide handicap enfant", "bourse etudiant", "acte de naissance", "changement adresse demenagement",
		"retraitte complementaire", "je voudrais une attestation de la caf svp",
	}
}

// generatedProcedures returns n plausible, publishable procedures built from word lists with
// a fixed seed, with invented place names so that the vocabulary grows like a real one.
func generatedProcedures(n int) []Procedure {
	rng := rand.New(rand.NewPCG(2026, 3))
	pick := func(words []string) string { return words[rng.IntN(len(words))] }
	verbs := []string{"Demander", "Déclarer", "Renouveler", "Obtenir", "Modifier", "Signaler", "Payer",
		"Contester", "Résilier", "S'inscrire à", "Faire une demande de", "Remplacer"}
	things := []string{"carte d'identité", "carte grise", "carte Vitale", "passeport", "permis de conduire",
		"allocations familiales", "aide au logement", "prime d'activité", "revenu de solidarité active",
		"allocation aux adultes handicapés", "bourse étudiante", "acte de naissance", "acte de mariage",
		"certificat de décès", "retraite complémentaire", "pension de réversion", "impôt sur le revenu",
		"taxe foncière", "inscription sur les listes électorales", "complémentaire santé solidaire",
		"congé parental", "garde d'enfant", "cantine scolaire", "transport scolaire", "permis de construire",
		"raccordement à l'eau", "stationnement résidentiel"}
	whom := []string{"pour un enfant", "pour une personne âgée", "après un déménagement", "en cas de perte",
		"en cas de vol", "pour un étudiant", "pour un demandeur d'emploi", "pour une personne handicapée",
		"à l'étranger", "en ligne", "en mairie"}
	words := strings.Fields(`vous pouvez devez faire demande dossier justificatif domicile ressources
		revenus foyer enfants mairie préfecture caisse organisme délai semaines mois jours formulaire
		envoyer courrier rendez-vous guichet agent conseiller photo signature montant versement mensuel
		annuel conditions âge nationalité résidence situation familiale mariage pacs divorce décès
		naissance adoption handicap invalidité maladie accident travail chômage emploi retraite pension
		allocation aide prestation droit recours décision notification attestation certificat copie
		original pièce identité titre séjour compte espace connexion identifiant véhicule voiture papiers`)
	syllables := strings.Fields("la ri son bel mont vil neu cha teau fon tai ne sau gnac mar tin ber gues roche fort")
	sentence := func(k int) string {
		s := make([]string, k)
		for i := range s {
			s[i] = pick(words)
		}
		return strings.Join(s, " ") + "."
	}
	place := func() string {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(pick(syllables))
		}
		return b.String()
	}
	cats := Categories()
	out := make([]Procedure, n)
	for i := range out {
		p := sampleProcedure(fmt.Sprintf("demarche-%04d", i), pick(verbs)+" "+pick(things)+" "+pick(whom))
		p.Category = cats[rng.IntN(len(cats))].Slug
		p.Synonyms = []string{pick(things)}
		p.Summary = sentence(12) + " " + sentence(10)
		p.FALC = sentence(6) + "\n" + sentence(6) + "\n" + sentence(6) + " " + place() + " " + place()
		p.Audience = sentence(10)
		p.Conditions = []string{sentence(8), sentence(8)}
		p.Documents = []string{sentence(5), sentence(5) + " " + place()}
		p.Volume = int64(rng.IntN(1_000_000))
		out[i] = p
	}
	return out
}

// loadGenerated stores and publishes procs in one transaction, ed's organisation owning them.
func loadGenerated(tb testing.TB, f *fixture, procs []Procedure) {
	tb.Helper()
	ctx := context.Background()
	err := f.db.Transact(ctx, func(tx *sql.Tx) error {
		for i := range procs {
			normalize(&procs[i])
			if err := createTx(ctx, tx, f.caf, &procs[i], f.svc.now()); err != nil {
				return err
			}
			if err := f.svc.publishTx(ctx, tx, f.caf, procs[i].Slug, 1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkSearch5000 stores 5,000 generated procedures in the test database (SQLite, or
// PostgreSQL with GUICHET_TEST_DATABASE_URL), then times Service.Search as a page does,
// freshness check included, and reports the 95th percentile of one query next to the mean.
func BenchmarkSearch5000(b *testing.B) {
	f := newFixture(b)
	loadGenerated(b, f, generatedProcedures(5000))
	ctx := context.Background()
	start := time.Now()
	if err := f.svc.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("snapshot of 5,000 procedures built in %v", time.Since(start))
	// A real clock, so that the version is read once a second as in production.
	svc, err := New(f.db, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.Snapshot(ctx); err != nil {
		b.Fatal(err)
	}
	queries := benchQueries()
	var times []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if _, err := svc.Search(ctx, queries[i%len(queries)], 0, 10); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	b.ReportMetric(float64(percentile(times, 0.95).Microseconds()), "p95-µs/query")
}

// percentile returns the p-th percentile (0 < p ≤ 1) of times.
func percentile(times []time.Duration, p float64) time.Duration {
	if len(times) == 0 {
		return 0
	}
	s := slices.Clone(times)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}
