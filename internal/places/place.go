package places

import "time"

// Place is a help place with every field of the standard "lieux de
// médiation numérique" v1.0.2, typed, plus what Guichet keeps about it.
// Multi-valued fields are slices here and "|"-joined in files and in the
// database. Empty strings and nil slices mean "not given".
type Place struct {
	// Key is Guichet's own identifier of the place (0 before it is stored).
	Key int64

	ID                            string    // id: the producer's identifier, unique with Source
	Pivot                         string    // pivot: SIRET, RNA or RIDET
	Nom                           string    // nom
	Commune                       string    // commune
	CodePostal                    string    // code_postal: five digits
	CodeInsee                     string    // code_insee
	Adresse                       string    // adresse: number and street
	ComplementAdresse             string    // complement_adresse
	Latitude                      *float64  // latitude, WGS84
	Longitude                     *float64  // longitude, WGS84
	Typologie                     []string  // typologie: data.inclusion structure types (CCAS, ASSO…)
	Telephone                     string    // telephone: international form, "+33180059880"
	Courriels                     []string  // courriels
	SiteWeb                       []string  // site_web
	Horaires                      string    // horaires: OpenStreetMap opening_hours
	PresentationResume            string    // presentation_resume: at most 280 characters
	PresentationDetail            string    // presentation_detail
	Source                        string    // source: the structure that collected the data
	Itinerance                    []string  // itinerance: Itinérant, Fixe
	StructureParente              string    // structure_parente
	DateMaj                       time.Time // date_maj: the day only, midnight UTC
	Services                      []string  // services
	PublicsSpecifiquementAdresses []string  // publics_specifiquement_adresses
	PriseEnChargeSpecifique       []string  // prise_en_charge_specifique
	FraisACharge                  []string  // frais_a_charge
	DispositifProgrammesNationaux []string  // dispositif_programmes_nationaux
	FormationsLabels              []string  // formations_labels
	AutresFormationsLabels        string    // autres_formations_labels
	ModalitesAcces                []string  // modalites_acces
	ModalitesAccompagnement       []string  // modalites_accompagnement
	FicheAccesLibre               string    // fiche_acces_libre: URL
	PriseRdv                      string    // prise_rdv: URL

	// OrgID is the help structure that claimed the place, nil when none did.
	OrgID *int64
	// UpdatedAt is when Guichet last wrote the place, in UTC.
	UpdatedAt time.Time
}

// HasPosition tells whether the place has both coordinates.
func (p *Place) HasPosition() bool { return p.Latitude != nil && p.Longitude != nil }

// dateLayout is how the standard writes date_maj.
const dateLayout = "2006-01-02"
