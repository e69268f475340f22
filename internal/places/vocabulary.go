package places

import "slices"

// aliases gives, for each enumerated field, spellings found in real data
// (older national formats, other producers) and the value of the standard
// they mean. Case, accents, spaces and punctuation are ignored when matching
// (see vocabKey), so only words that differ need listing here. Read-only.
var aliases = map[string]map[string]string{
	FieldItinerance: {
		"Itinérante": "Itinérant", "Mobile": "Itinérant", "Bus": "Itinérant", "Oui": "Itinérant",
		"Non": "Fixe", "Sédentaire": "Fixe",
	},
	FieldServices: {
		// The services of the national map before the v1 standard.
		"Prendre en main un smartphone ou une tablette":                 "Maîtrise des outils numériques du quotidien",
		"Prendre en main un ordinateur":                                 "Maîtrise des outils numériques du quotidien",
		"Utiliser le numérique au quotidien":                            "Maîtrise des outils numériques du quotidien",
		"Échanger avec ses proches":                                     "Maîtrise des outils numériques du quotidien",
		"Approfondir ma culture numérique":                              "Compréhension du monde numérique",
		"Promouvoir la citoyenneté numérique":                           "Compréhension du monde numérique",
		"Devenir autonome dans les démarches administratives":           "Aide aux démarches administratives",
		"Réaliser des démarches administratives avec un accompagnement": "Aide aux démarches administratives",
		"Accompagner les démarches de santé":                            "Aide aux démarches administratives",
		"Favoriser mon insertion professionnelle":                       "Insertion professionnelle via le numérique",
		"Créer et développer mon entreprise":                            "Insertion professionnelle via le numérique",
		"Accéder à une connexion internet":                              "Accès internet et matériel informatique",
		"Accéder à du matériel":                                         "Accès internet et matériel informatique",
		"Équiper en matériel informatique":                              "Acquisition de matériel informatique à prix solidaire",
		"Soutenir la parentalité et l'éducation avec le numérique":      "Parentalité et éducation avec le numérique",
		"Créer avec le numérique":                                       "Loisirs et créations numériques",
		"Sécuriser ses usages numériques":                               "Utilisation sécurisée du numérique",
	},
	FieldPublicsSpecifiquementAdresses: {
		"Jeunes (16-26 ans)": "Jeunes", "Jeune": "Jeunes",
		"Étudiant": "Étudiants",
		"Familles": "Familles et/ou enfants", "Enfants": "Familles et/ou enfants", "Familles/enfants": "Familles et/ou enfants",
		"Seniors (+ 65 ans)": "Seniors", "Senior": "Seniors", "Personnes âgées": "Seniors",
		"Uniquement femmes": "Femmes", "Femme": "Femmes",
	},
	FieldPriseEnChargeSpecifique: {
		"Sourds": "Surdité", "Malentendants": "Surdité", "Personnes sourdes ou malentendantes": "Surdité",
		"Handicap moteur": "Handicaps moteurs", "Handicap physique": "Handicaps moteurs",
		"Handicap mental": "Handicaps mentaux", "Handicap psychique": "Handicaps mentaux",
		"Personnes en situation d'illettrisme": "Illettrisme",
		"Anglais":                              "Langues étrangères (anglais)",
		"Langues étrangères":                   "Langues étrangères (autres)", "FLE": "Langues étrangères (autres)",
		"Handicap visuel": "Déficience visuelle", "Malvoyance": "Déficience visuelle", "Malvoyants": "Déficience visuelle",
	},
	FieldFraisACharge: {
		"Gratuite": "Gratuit", "Gratuité": "Gratuit",
		"Gratuit sous conditions":   "Gratuit sous condition",
		"Accepte le Pass numérique": "Gratuit sous condition", "Pass numérique": "Gratuit sous condition",
		"Adhésion": "Payant", "Payante": "Payant",
	},
	FieldDispositifProgrammesNationaux: {
		"CNFS": "Conseillers numériques", "Conseiller numérique": "Conseillers numériques",
		"Conseillers numériques France Services": "Conseillers numériques", "Conseiller numérique France Services": "Conseillers numériques",
		"Espace France Services": "France Services", "Maison France Services": "France Services",
		"PIX":                 "Certification PIX",
		"Point numérique CAF": "Point d'accès numérique CAF", "Point d'accès numérique": "Point d'accès numérique CAF",
		"Croix-Rouge": "La Croix Rouge", "Croix Rouge française": "La Croix Rouge",
		"Bibliothèque numérique de référence": "Bibliothèques numérique de référence", "BNR": "Bibliothèques numérique de référence",
		"Grande école du numérique (GEN)": "Grande école du numérique", "GEN": "Grande école du numérique",
		"Promeneur du net": "Promeneurs du net",
		"Relais numérique": "Relais numérique (Emmaüs Connect)",
	},
	FieldFormationsLabels: {
		"Mon Espace Santé":       "Formé à « Mon Espace Santé »",
		"DUPLEX":                 "Formé à « DUPLEX » (illettrisme)",
		"Arnia":                  "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
		"MedNum BFC":             "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
		"Étapes numériques":      "Étapes numériques(La Poste)",
		"Fabrique de Territoire": "Fabriques de Territoire", "Fabriques de Territoires": "Fabriques de Territoire",
		"Les Éclaireurs du numérique": "Les Éclaireurs du numérique (Drôme)",
		"Mes Papiers":                 "Mes Papiers (Métropole de Lyon)",
		"SUD LABS":                    "SUD LABS (PACA)",
	},
	FieldModalitesAcces: {
		"Sans rendez-vous": "Se présenter", "Accès libre": "Se présenter", "Se présenter sur place": "Se présenter",
		"Par téléphone": "Téléphoner", "Téléphone": "Téléphoner",
		"Envoyer un mail": "Contacter par mail", "Par mail": "Contacter par mail", "Courriel": "Contacter par mail",
		"Prendre rendez-vous en ligne": "Prendre un RDV en ligne", "RDV en ligne": "Prendre un RDV en ligne",
		// Short names a search form or an API client may send.
		"walk-in": "Se présenter", "phone": "Téléphoner", "email": "Contacter par mail",
		"appointment": "Prendre un RDV en ligne", "rendez-vous": "Prendre un RDV en ligne",
	},
	FieldModalitesAccompagnement: {
		// The long forms of the standard's description, then the older map's.
		"Dans un atelier collectif : j'apprends collectivement à utiliser le numérique": "Dans un atelier collectif",
		"À distance (par téléphone ou en visioconférence)":                              "À distance",
		"Seul":              "En autonomie",
		"Avec de l'aide":    "Accompagnement individuel",
		"À ma place":        "Accompagnement individuel",
		"Dans un atelier":   "Dans un atelier collectif",
		"Atelier collectif": "Dans un atelier collectif",
	},
}

// vocabulary maps, for each enumerated field, the folded spelling (vocabKey)
// of every value of the standard and of every alias to the standard's
// value.
type vocabulary map[string]map[string]string

// vocab is built once when the package loads and only read afterwards.
var vocab = newVocabulary()

func newVocabulary() vocabulary {
	v := vocabulary{}
	for field, values := range enumerations {
		m := map[string]string{}
		for alias, value := range aliases[field] {
			m[vocabKey(alias)] = value
		}
		for _, value := range values {
			m[vocabKey(value)] = value
		}
		v[field] = m
	}
	return v
}

// canonical returns the standard's spelling of value for an enumerated
// field, and false when value means nothing the standard knows.
func canonical(field, value string) (string, bool) {
	// Most files write the standard's own values: find those without folding.
	if slices.Contains(enumerations[field], value) {
		return value, true
	}
	c, ok := vocab[field][vocabKey(value)]
	return c, ok
}
