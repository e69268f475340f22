package places

import (
	"maps"
	"regexp"
	"slices"
)

// The names of the fields of the standard, as written in files.
const (
	FieldID                            = "id"
	FieldPivot                         = "pivot"
	FieldNom                           = "nom"
	FieldCommune                       = "commune"
	FieldCodePostal                    = "code_postal"
	FieldCodeInsee                     = "code_insee"
	FieldAdresse                       = "adresse"
	FieldComplementAdresse             = "complement_adresse"
	FieldLatitude                      = "latitude"
	FieldLongitude                     = "longitude"
	FieldTypologie                     = "typologie"
	FieldTelephone                     = "telephone"
	FieldCourriels                     = "courriels"
	FieldSiteWeb                       = "site_web"
	FieldHoraires                      = "horaires"
	FieldPresentationResume            = "presentation_resume"
	FieldPresentationDetail            = "presentation_detail"
	FieldSource                        = "source"
	FieldItinerance                    = "itinerance"
	FieldStructureParente              = "structure_parente"
	FieldDateMaj                       = "date_maj"
	FieldServices                      = "services"
	FieldPublicsSpecifiquementAdresses = "publics_specifiquement_adresses"
	FieldPriseEnChargeSpecifique       = "prise_en_charge_specifique"
	FieldFraisACharge                  = "frais_a_charge"
	FieldDispositifProgrammesNationaux = "dispositif_programmes_nationaux"
	FieldFormationsLabels              = "formations_labels"
	FieldAutresFormationsLabels        = "autres_formations_labels"
	FieldModalitesAcces                = "modalites_acces"
	FieldModalitesAccompagnement       = "modalites_accompagnement"
	FieldFicheAccesLibre               = "fiche_acces_libre"
	FieldPriseRdv                      = "prise_rdv"
)

// StandardVersion is the version of the standard this package follows.
const StandardVersion = "v1.0.2"

// Fields returns the names of the fields of the standard in the order of
// its schema, which is the order of the columns of an exported CSV.
func Fields() []string {
	return []string{
		FieldID, FieldPivot, FieldNom, FieldCommune, FieldCodePostal, FieldCodeInsee,
		FieldAdresse, FieldComplementAdresse, FieldLatitude, FieldLongitude, FieldTypologie,
		FieldTelephone, FieldCourriels, FieldSiteWeb, FieldHoraires, FieldPresentationResume,
		FieldPresentationDetail, FieldSource, FieldItinerance, FieldStructureParente,
		FieldDateMaj, FieldServices, FieldPublicsSpecifiquementAdresses,
		FieldPriseEnChargeSpecifique, FieldFraisACharge, FieldDispositifProgrammesNationaux,
		FieldFormationsLabels, FieldAutresFormationsLabels, FieldModalitesAcces,
		FieldModalitesAccompagnement, FieldFicheAccesLibre, FieldPriseRdv,
	}
}

// RequiredFields returns the fields the standard requires.
func RequiredFields() []string {
	return []string{FieldID, FieldPivot, FieldNom, FieldCommune, FieldCodePostal, FieldAdresse, FieldDateMaj}
}

// MultiValuedFields returns the fields that hold several values joined by
// "|" in files.
func MultiValuedFields() []string {
	return []string{
		FieldTypologie, FieldCourriels, FieldSiteWeb, FieldItinerance, FieldServices,
		FieldPublicsSpecifiquementAdresses, FieldPriseEnChargeSpecifique, FieldFraisACharge,
		FieldDispositifProgrammesNationaux, FieldFormationsLabels, FieldModalitesAcces,
		FieldModalitesAccompagnement,
	}
}

// placeholderPivot is the pivot the national map gives a place whose SIRET
// or RNA is unknown; older formats did not require one.
const placeholderPivot = "00000000000000"

// maxResume is the maximum length of presentation_resume, in characters.
const maxResume = 280

// The patterns of the standard, read-only. Go's regexp finds a match
// anywhere, so each one is anchored at both ends like the standard means.
var (
	pivotPattern     = regexp.MustCompile(`^[a-zA-Z0-9]{9,14}$`)
	postcodePattern  = regexp.MustCompile(`^\d{5}$`)
	inseePattern     = regexp.MustCompile(`^([013-9]\d|2[AB1-9])\d{3}$`)
	telephonePattern = regexp.MustCompile(`^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$`)
	emailPattern     = regexp.MustCompile(`^[^@\s|,;<>()]+@[\p{L}0-9](?:[\p{L}0-9.\-]*[\p{L}0-9])?\.\p{L}{2,}$`)
	enumeratedFields = []string{FieldItinerance, FieldServices, FieldPublicsSpecifiquementAdresses, FieldPriseEnChargeSpecifique, FieldFraisACharge, FieldDispositifProgrammesNationaux, FieldFormationsLabels, FieldModalitesAcces, FieldModalitesAccompagnement}
	enumerations     = map[string][]string{
		FieldItinerance: {"Itinérant", "Fixe"},
		FieldServices: {
			"Aide aux démarches administratives",
			"Maîtrise des outils numériques du quotidien",
			"Insertion professionnelle via le numérique",
			"Utilisation sécurisée du numérique",
			"Parentalité et éducation avec le numérique",
			"Loisirs et créations numériques",
			"Compréhension du monde numérique",
			"Accès internet et matériel informatique",
			"Acquisition de matériel informatique à prix solidaire",
		},
		FieldPublicsSpecifiquementAdresses: {"Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"},
		FieldPriseEnChargeSpecifique: {
			"Surdité", "Handicaps moteurs", "Handicaps mentaux", "Illettrisme",
			"Langues étrangères (anglais)", "Langues étrangères (autres)", "Déficience visuelle",
		},
		FieldFraisACharge: {"Gratuit", "Gratuit sous condition", "Payant"},
		FieldDispositifProgrammesNationaux: {
			"Aidants Connect", "Bibliothèques numérique de référence", "Certification PIX",
			"Conseillers numériques", "Emmaüs Connect", "France Services",
			"Grande école du numérique", "La Croix Rouge", "Point d'accès numérique CAF",
			"Promeneurs du net", "Relais numérique (Emmaüs Connect)",
		},
		FieldFormationsLabels: {
			"Formé à « Mon Espace Santé »",
			"Formé à « DUPLEX » (illettrisme)",
			"Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
			"Collectif ressources et acteurs réemploi (Normandie)",
			"Étapes numériques(La Poste)",
			"Fabriques de Territoire",
			"Les Éclaireurs du numérique (Drôme)",
			"Mes Papiers (Métropole de Lyon)",
			"ORDI 3.0",
			"SUD LABS (PACA)",
		},
		FieldModalitesAcces: {
			"Se présenter", "Téléphoner", "Contacter par mail", "Prendre un RDV en ligne",
			"Ce lieu n'accueille pas de public", "Envoyer un mail avec une fiche de prescription",
		},
		FieldModalitesAccompagnement: {"En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"},
	}
)

// Enumerations returns, for each field of the standard limited to a list of
// values, those values as the standard writes them, for filter forms and
// editors. The caller may change the returned map.
func Enumerations() map[string][]string {
	out := make(map[string][]string, len(enumerations))
	for k, v := range maps.All(enumerations) {
		out[k] = slices.Clone(v)
	}
	return out
}
