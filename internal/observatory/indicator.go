package observatory

import "math"

// Key names an indicator; the twelve national ones are the keys of the
// open data.
type Key string

// The twelve national indicators.
const (
	RealisableEnLigne  Key = "realisable_en_ligne"
	Satisfaction       Key = "satisfaction"
	Clarte             Key = "clarte"
	AideJoignable      Key = "aide_joignable"
	AideEfficace       Key = "aide_efficace"
	Autonomie          Key = "autonomie"
	RecoursNumerique   Key = "recours_numerique"
	Accessibilite      Key = "accessibilite"
	DitesLeNousUneFois Key = "dites_le_nous_une_fois"
	Authentification   Key = "authentification"
	Disponibilite      Key = "disponibilite"
	TempsDeChargement  Key = "temps_de_chargement"
)

// Guichet's own figures of a procedure's online dossiers, beside the
// national indicators.
const (
	DossiersRecus  Key = "dossiers_recus"
	DelaiMedian    Key = "delai_median_jours"
	Delai90        Key = "delai_p90_jours"
	TauxCorrection Key = "taux_correction"
	TauxAbandon    Key = "taux_abandon"
	// AideMediateur is the share of dossiers a mediator helped with, per
	// procedure and over the whole platform (stored under the procedure
	// slug "").
	AideMediateur Key = "aide_mediateur"
)

// The counts behind the chart of answers of a procedure: how many gave
// each face to the overall question, and each clarity from 1 to 5. They
// are stored beside the indicators, so that a frozen edition keeps its
// chart.
const (
	AvisMauvais Key = "avis_mauvais"
	AvisMoyen   Key = "avis_moyen"
	AvisBon     Key = "avis_bon"
)

// OverallKeys lists the counts of the overall answer, in the order of
// listening.Overalls (bad, medium, good).
func OverallKeys() []Key { return []Key{AvisMauvais, AvisMoyen, AvisBon} }

// ClarityKeys lists the counts of each clarity, from 1 to 5.
func ClarityKeys() []Key { return []Key{"clarte_1", "clarte_2", "clarte_3", "clarte_4", "clarte_5"} }

// Keys lists the twelve national indicators in the order of the
// observatory's table.
func Keys() []Key {
	return []Key{RealisableEnLigne, Satisfaction, Clarte, AideJoignable, AideEfficace, Autonomie,
		RecoursNumerique, Accessibilite, DitesLeNousUneFois, Authentification, Disponibilite, TempsDeChargement}
}

// FigureKeys lists Guichet's own figures of a procedure.
func FigureKeys() []Key {
	return []Key{DossiersRecus, DelaiMedian, Delai90, TauxCorrection, TauxAbandon, AideMediateur}
}

// Label names the indicator in French.
func (k Key) Label() string { return keyLabels[k] }

// keyLabels, keyRules, colourWords and colourSymbols are read-only
// tables: built once, so that a page of 250 × 12 cells does not build a
// map per cell.
var keyLabels = map[Key]string{RealisableEnLigne: "Réalisable en ligne", Satisfaction: "Satisfaction",
	Clarte: "Clarté du langage", AideJoignable: "Aide joignable", AideEfficace: "Aide efficace",
	Autonomie: "Autonomie", RecoursNumerique: "Recours au numérique", Accessibilite: "Accessibilité",
	DitesLeNousUneFois: "Dites-le-nous une fois", Authentification: "Authentification",
	Disponibilite: "Disponibilité", TempsDeChargement: "Temps de chargement",
	DossiersRecus: "Dossiers reçus en ligne", DelaiMedian: "Délai de traitement médian (jours)",
	Delai90: "Délai de traitement, 9 sur 10 en moins de (jours)", TauxCorrection: "Dossiers à corriger",
	TauxAbandon: "Brouillons abandonnés", AideMediateur: "Dossiers aidés par un médiateur"}

// Rule says the indicator's computation and thresholds in French, as the
// pages show them.
func (k Key) Rule() string { return keyRules[k] }

var keyRules = map[Key]string{
	RealisableEnLigne:  "En ligne sur Guichet ou sur un autre site : oui (vert) ; sinon non (rouge).",
	Satisfaction:       "Moyenne de l'appréciation générale sur 10 : vert à partir de 8, jaune à partir de 5, rouge en dessous ; gris sous 100 réponses.",
	Clarte:             "Moyenne de la clarté sur 10 : vert à partir de 8, jaune à partir de 5, rouge en dessous.",
	AideJoignable:      "Aides jointes ÷ aides tentées sur les 12 derniers mois : vert à partir de 85 %, jaune à partir de 70 %, rouge en dessous.",
	AideEfficace:       "Moyenne de la qualité des aides sur 10 : vert à partir de 8, jaune à partir de 5, rouge en dessous.",
	Autonomie:          "Part des personnes qui n'ont cherché aucune aide ; sans couleur.",
	RecoursNumerique:   "Dossiers envoyés en ligne ÷ tous les canaux déclarés ; sans couleur.",
	Accessibilite:      "Taux de conformité RGAA déclaré : vert à 100 %, jaune à partir de 50 %, rouge en dessous ou sans déclaration.",
	DitesLeNousUneFois: "Informations demandées qui pourraient être préremplies : vert de 0 à 1, jaune de 2 à 4, rouge à partir de 5.",
	Authentification:   "Connexion par un fournisseur d'identité (type FranceConnect) proposée : oui (vert), non (rouge).",
	Disponibilite:      "Disponibilité sur 3 mois : vert à partir de 99,9 %, jaune à partir de 98,5 %, rouge en dessous.",
	TempsDeChargement:  "Temps de réponse moyen : vert sous 400 ms, jaune sous 800 ms, rouge au-delà.",
}

// Colour is an indicator's place against its thresholds.
type Colour string

// The colours of the national observatory; NoColour for indicators shown
// without one.
const (
	NoColour Colour = ""
	Vert     Colour = "vert"
	Jaune    Colour = "jaune"
	Rouge    Colour = "rouge"
	Gris     Colour = "gris"
)

// Word says the colour in words, so that a page never relies on colour
// alone.
func (c Colour) Word() string { return colourWords[c] }

var colourWords = map[Colour]string{Vert: "Bon", Jaune: "Moyen", Rouge: "À améliorer", Gris: "Pas assez de réponses"}

// Symbol is the colour's sign beside its word.
func (c Colour) Symbol() string { return colourSymbols[c] }

var colourSymbols = map[Colour]string{Vert: "✓", Jaune: "~", Rouge: "✗", Gris: "?"}

// Value is one indicator of one procedure in one edition.
type Value struct {
	Key Key
	// Num is a mark /10, a share in percent (0-100), a count or a number of
	// days; nil for the indicators answered by a word or when unknown.
	Num *float64
	// Word is "oui" or "non" for réalisable en ligne and authentification.
	Word    string
	Colour  Colour
	Answers int    // how many answers (or dossiers) the value rests on
	Source  string // how the value was obtained, in French
}

// MinSatisfactionAnswers is the number of answers under which satisfaction
// is grey (DESIGN.md §3.7).
const MinSatisfactionAnswers = 100

// round1 rounds to one decimal: the colour is that of the value shown.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

func num(x float64) *float64 { x = round1(x); return &x }

// markColour places a mark /10: ≥ 8 green, ≥ 5 yellow, below red.
func markColour(x float64) Colour {
	switch {
	case x >= 8:
		return Vert
	case x >= 5:
		return Jaune
	}
	return Rouge
}

// reachColour places aide joignable (percent): ≥ 85 green, ≥ 70 yellow.
func reachColour(x float64) Colour {
	switch {
	case x >= 85:
		return Vert
	case x >= 70:
		return Jaune
	}
	return Rouge
}

// onceOnlyColour places the questions a binding could fill: 0 to 1 green,
// 2 to 4 yellow, 5 and more red.
func onceOnlyColour(n int) Colour {
	switch {
	case n <= 1:
		return Vert
	case n <= 4:
		return Jaune
	}
	return Rouge
}

// rgaaColour places the RGAA compliance rate: 100 green, ≥ 50 yellow.
func rgaaColour(x float64) Colour {
	switch {
	case x >= 100:
		return Vert
	case x >= 50:
		return Jaune
	}
	return Rouge
}

// yesNo is green for yes and red for no.
func yesNo(yes bool) (string, Colour) {
	if yes {
		return "oui", Vert
	}
	return "non", Rouge
}
