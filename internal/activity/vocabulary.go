package activity

import (
	"fmt"
	"strconv"

	"guichet/internal/mediation"
)

// Choice is a code stored in a report with the words shown for it.
type Choice struct{ Value, Label string }

// Kinds of accompaniment.
const (
	Individual = "individuel"
	Collective = "collectif"
)

// KindChoices are the two kinds, individual first.
var KindChoices = []Choice{{Individual, "Individuel (une personne)"}, {Collective, "Collectif (un atelier)"}}

// Durations are the preset lengths, in minutes.
var Durations = []int{15, 30, 45, 60, 90, 120}

// DurationLabel writes a length as "45 min" or "1 h 30".
func DurationLabel(m int) string {
	switch {
	case m < 60:
		return itoa(m) + " min"
	case m%60 == 0:
		return itoa(m/60) + " h"
	}
	return itoa(m/60) + " h " + pad2(m%60)
}

// digitalThemes are the digital skills a mediator helps with.
var digitalThemes = []Choice{
	{"equipement", "Prendre en main un ordinateur, un téléphone"},
	{"internet", "Naviguer sur internet"},
	{"courriel", "Courriels"},
	{"documents", "Scanner, imprimer, envoyer un document"},
	{"securite", "Sécurité et arnaques"},
	{"identite-numerique", "Identité numérique (FranceConnect, mots de passe)"},
}

// Themes returns the themes of a report: the digital skills, then the ten
// procedure categories (codes "demarche-papiers"…).
func Themes() []Choice {
	out := append([]Choice{}, digitalThemes...)
	for _, c := range mediation.Categories() {
		out = append(out, Choice{"demarche-" + string(c.Category), "Démarche : " + c.Label})
	}
	return out
}

// Equipment lists what may have been used.
var Equipment = []Choice{
	{"ordinateur", "Ordinateur"},
	{"smartphone", "Téléphone (smartphone)"},
	{"tablette", "Tablette"},
	{"imprimante", "Imprimante ou scanner"},
	{"personnel", "L'appareil de la personne"},
}

// Autonomy levels, from least to most.
var Autonomy = []Choice{
	{"accompagne", "Fait avec la personne, ou pour elle"},
	{"partiel", "En partie seule"},
	{"autonome", "Seule, sans aide"},
}

// Orientations are where a person may be sent next.
var Orientations = []Choice{
	{"", "Nulle part"},
	{"structure", "Une autre structure d'aide"},
	{"caf", "La CAF"},
	{"cpam", "L'Assurance maladie (CPAM)"},
	{"france-travail", "France Travail"},
	{"impots", "Les impôts"},
	{"prefecture", "La préfecture"},
	{"mairie", "La mairie ou le CCAS"},
	{"autre", "Ailleurs"},
}

// Profiles are the rough profiles of a collective session's participants.
var Profiles = []Choice{
	{"jeunes", "Jeunes (moins de 26 ans)"},
	{"seniors", "Seniors (plus de 60 ans)"},
	{"emploi", "En recherche d'emploi"},
	{"allophones", "Parlant peu le français"},
	{"handicap", "En situation de handicap"},
	{"tout-public", "Tout public"},
}

// label returns the words of a code in choices, "" when unknown.
func label(choices []Choice, v string) string {
	for _, c := range choices {
		if c.Value == v {
			return c.Label
		}
	}
	return ""
}

// ThemeLabel returns the words of a theme code.
func ThemeLabel(v string) string { return label(Themes(), v) }

// AutonomyLabel returns the words of an autonomy code.
func AutonomyLabel(v string) string { return label(Autonomy, v) }

// OrientationLabel returns the words of an orientation code.
func OrientationLabel(v string) string { return label(Orientations, v) }

func itoa(n int) string { return strconv.Itoa(n) }

func pad2(n int) string { return fmt.Sprintf("%02d", n) }
