package textsearch

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchQueries are typical queries, misspelled as people type them.
func benchQueries() []string {
	return []string{
		"jai perdu ma carte vital", "aloc logement", "cartegrise", "didentité",
		"inscription chomage", "pasport", "alocation familliale", "declaraton impots",
		"renouvelement permis de conduire", "papiers voiture", "minimum vieillesse", "sécu",
		"CNI", "aide handicap enfant", "bourse etudiant", "acte de naissance",
		"changement adresse demenagement", "retraitte complementaire", "pole emploi",
		"je voudrais une attestation de la caf svp",
	}
}

// generatedCatalogue returns n plausible procedures built from word lists with a fixed seed,
// plus invented place names so that the vocabulary grows like a real catalogue's.
func generatedCatalogue(n int) []Document {
	rng := rand.New(rand.NewPCG(2024, 6))
	pick := func(words []string) string { return words[rng.IntN(len(words))] }
	verbs := []string{"Demander", "Déclarer", "Renouveler", "Obtenir", "Modifier", "Signaler",
		"Payer", "Contester", "Résilier", "S'inscrire à", "Faire une demande de", "Remplacer"}
	things := []string{"carte d'identité", "carte grise", "carte Vitale", "passeport",
		"permis de conduire", "allocations familiales", "aide au logement", "prime d'activité",
		"revenu de solidarité active", "allocation aux adultes handicapés", "bourse étudiante",
		"acte de naissance", "acte de mariage", "certificat de décès", "retraite complémentaire",
		"pension de réversion", "impôt sur le revenu", "taxe foncière", "inscription sur les listes électorales",
		"complémentaire santé solidaire", "congé parental", "garde d'enfant", "cantine scolaire",
		"transport scolaire", "permis de construire", "raccordement à l'eau", "stationnement résidentiel"}
	whom := []string{"pour un enfant", "pour une personne âgée", "après un déménagement",
		"en cas de perte", "en cas de vol", "pour un étudiant", "pour un demandeur d'emploi",
		"pour une personne handicapée", "à l'étranger", "en ligne", "en mairie"}
	bodyWords := strings.Fields(`vous pouvez devez faire demande dossier justificatif domicile
		ressources revenus foyer enfants mairie préfecture caisse organisme délai semaines mois jours
		formulaire cerfa envoyer courrier rendez-vous guichet agent conseiller photo signature montant
		versement mensuel annuel conditions âge nationalité résidence France situation familiale
		mariage pacs divorce décès naissance adoption handicap invalidité maladie accident travail
		chômage emploi retraite pension allocation aide prestation droit recours contestation
		décision notification attestation certificat copie original pièce identité titre séjour
		compte personnel espace numérique connexion identifiant mot passe franceconnect
		véhicule voiture papiers immatriculation`)
	syllables := strings.Fields("la ri son bel mont vil neu cha teau fon tai ne sau gnac mar tin ber gues roche fort")
	place := func() string {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(pick(syllables))
		}
		return b.String()
	}
	docs := make([]Document, n)
	for i := range docs {
		title := pick(verbs) + " " + pick(things) + " " + pick(whom)
		summary := make([]string, 25)
		for j := range summary {
			summary[j] = pick(bodyWords)
		}
		body := make([]string, 120)
		for j := range body {
			body[j] = pick(bodyWords)
		}
		body = append(body, "à", place(), "et", place(), "ou", place())
		docs[i] = Document{
			ID:    fmt.Sprintf("proc-%04d", i),
			Boost: float64(rng.IntN(12)),
			Fields: []Field{
				{title, 3}, {pick(things), 3}, {strings.Join(summary, " "), 1.5}, {strings.Join(body, " "), 1},
			},
		}
	}
	return docs
}

// BenchmarkSearch5000 searches typical misspelled queries in 5,000 procedures and reports the
// 95th percentile of one query's time next to the mean.
func BenchmarkSearch5000(b *testing.B) {
	ix := NewIndex(generatedCatalogue(5000), DefaultSynonyms())
	queries := benchQueries()
	var times []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		ix.Search(queries[i%len(queries)], 10)
		times = append(times, time.Since(start))
	}
	b.ReportMetric(float64(percentile(times, 0.95).Nanoseconds()), "p95-ns/query")
}

// BenchmarkSearch5000Parallel searches from as many goroutines as -cpu allows, as a server does.
func BenchmarkSearch5000Parallel(b *testing.B) {
	ix := NewIndex(generatedCatalogue(5000), DefaultSynonyms())
	queries := benchQueries()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			ix.Search(queries[i%len(queries)], 10)
		}
	})
}

func BenchmarkNewIndex5000(b *testing.B) {
	docs := generatedCatalogue(5000)
	syn := DefaultSynonyms()
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(docs, syn)
	}
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

func TestPercentile(t *testing.T) {
	times := make([]time.Duration, 100)
	for i := range times {
		times[i] = time.Duration(100 - i)
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{{0.95, 96}, {0.5, 51}, {1, 100}}
	for _, tt := range tests {
		if got := percentile(times, tt.p); got != tt.want {
			t.Errorf("percentile(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestGeneratedCatalogueSearch(t *testing.T) {
	ix := NewIndex(generatedCatalogue(500), DefaultSynonyms())
	for _, q := range benchQueries() {
		hits := ix.Search(q, 10)
		if len(hits) == 0 {
			t.Errorf("Search(%q) found nothing in the generated catalogue", q)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("Search(%q) not ranked: %v", q, hits)
				break
			}
		}
	}
}
