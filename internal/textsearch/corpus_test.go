package textsearch

import (
	"strings"
	"testing"
)

// testProcedure is a procedure of the test catalogue, with the catalogue's field weights.
type testProcedure struct {
	id, title, synonyms, summary, body string
	boost                              float64
}

// testCatalogue is a small catalogue written like the real one.
func testCatalogue() []testProcedure {
	return []testProcedure{
		{id: "carte-vitale", title: "Carte Vitale : déclarer une perte ou un vol",
			synonyms: "carte de sécurité sociale",
			summary:  "Si vous avez perdu votre carte Vitale ou si on vous l'a volée, demandez-en une nouvelle à votre caisse d'assurance maladie.",
			body:     "Vous pouvez faire la demande en ligne sur votre compte ameli. La nouvelle carte arrive par la poste en deux semaines environ.",
			boost:    5},
		{id: "carte-identite", title: "Carte nationale d'identité : première demande ou renouvellement",
			summary: "Faites votre demande de carte d'identité en mairie, après une pré-demande en ligne.",
			body:    "En cas de perte ou de vol, déclarez-le en même temps que la nouvelle demande. Prévoyez une photo récente et un justificatif de domicile.",
			boost:   6},
		{id: "passeport", title: "Passeport : faire une demande",
			summary: "Le passeport se demande en mairie, sur rendez-vous, après une pré-demande en ligne.",
			body:    "Le timbre fiscal s'achète en ligne. Le passeport est valable dix ans.",
			boost:   5},
		{id: "carte-grise", title: "Carte grise : demander un certificat d'immatriculation",
			summary: "Le certificat d'immatriculation, appelé carte grise, est le papier officiel de votre véhicule.",
			body:    "La demande se fait uniquement en ligne, après l'achat d'un véhicule neuf ou d'occasion.",
			boost:   5},
		{id: "france-travail", title: "S'inscrire à France Travail comme demandeur d'emploi",
			summary: "Vous avez perdu votre emploi ? Inscrivez-vous à France Travail, l'ancien Pôle emploi, pour être accompagné.",
			body:    "L'inscription se fait en ligne. Elle ouvre le droit à l'allocation d'aide au retour à l'emploi.",
			boost:   5},
		{id: "apl", title: "Aide personnalisée au logement (APL)",
			synonyms: "aide au logement",
			summary:  "Une aide de la CAF pour payer une partie de votre loyer.",
			body:     "L'allocation de logement dépend de vos ressources, de votre loyer et de votre commune. La demande se fait en ligne.",
			boost:    6},
		{id: "aspa", title: "Allocation de solidarité aux personnes âgées (Aspa)",
			summary: "L'Aspa, l'ancien minimum vieillesse, complète la retraite des personnes âgées qui ont de faibles ressources.",
			body:    "Elle est versée par la caisse de retraite à partir de 65 ans.",
			boost:   3},
		{id: "rsa", title: "Revenu de solidarité active (RSA)",
			summary: "Le RSA assure un revenu minimum aux personnes sans ressources ou avec de faibles ressources.",
			body:    "La demande se fait auprès de la CAF ou de la MSA.",
			boost:   5},
		{id: "allocations-familiales", title: "Allocations familiales",
			summary: "La caisse d'allocations familiales verse des allocations aux familles qui ont au moins deux enfants.",
			body:    "Le montant dépend du nombre d'enfants et des ressources du foyer.",
			boost:   5},
		{id: "attestation-residence", title: "Acte de résidence : attestation de domicile",
			summary: "La mairie délivre un acte de résidence aux personnes qui vivent dans la commune.",
			body:    "Apportez une pièce d'identité et un justificatif de domicile de moins de trois mois.",
			boost:   1},
		{id: "permis-conduire", title: "Permis de conduire : demander un duplicata",
			summary: "Si votre permis de conduire est perdu, volé ou abîmé, demandez un nouveau titre en ligne.",
			body:    "La demande se fait sur le site de l'ANTS.",
			boost:   4},
		{id: "c2s", title: "Complémentaire santé solidaire (C2S)",
			summary: "La C2S paie vos frais de santé si vos ressources sont faibles. Elle remplace la CMU-C.",
			body:    "La demande se fait auprès de votre caisse d'assurance maladie.",
			boost:   4},
		{id: "changement-adresse", title: "Déclarer un changement d'adresse",
			summary: "Vous déménagez ? Signalez votre nouvelle adresse à plusieurs organismes en une seule fois.",
			body:    "Le service prévient la CAF, les impôts et votre caisse de retraite.",
			boost:   4},
	}
}

// testDocuments turns procedures into documents with the catalogue's field weights.
func testDocuments(ps []testProcedure) []Document {
	docs := make([]Document, len(ps))
	for i, p := range ps {
		docs[i] = Document{ID: p.id, Boost: p.boost, Fields: []Field{
			{p.title, 3}, {p.synonyms, 3}, {p.summary, 1.5}, {p.body, 1},
		}}
	}
	return docs
}

// newTestIndex indexes the test catalogue with the default synonyms.
func newTestIndex(t testing.TB) *Index {
	t.Helper()
	return NewIndex(testDocuments(testCatalogue()), DefaultSynonyms())
}

// hitIDs returns the ids of hits, for messages and comparisons.
func hitIDs(hits []Hit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

// describe renders the groups of a query for failure messages.
func describe(ix *Index, query string) string {
	names := make([]string, len(ix.termIDs))
	for s, id := range ix.termIDs {
		names[id] = s
	}
	var b strings.Builder
	for i, g := range ix.parseQuery(query) {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString("(")
		for j, a := range g {
			if j > 0 {
				b.WriteString(" | ")
			}
			for k, t := range a.terms {
				if k > 0 {
					b.WriteString(" ")
				}
				if t < 0 {
					b.WriteString("?")
				} else {
					b.WriteString(names[t])
				}
			}
		}
		b.WriteString(")")
	}
	return b.String()
}
