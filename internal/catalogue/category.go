package catalogue

// Category is one of the ten themes of the catalogue, the same as the scopes of a mandate
// (DESIGN.md §3.5).
type Category struct {
	Slug  string
	Label string
	// Hint lists a few things found there, in everyday words.
	Hint string
}

// Categories returns the ten categories in the order pages show them. Each call returns a new
// slice.
func Categories() []Category {
	return []Category{
		{"papiers", "Papiers et citoyenneté", "Carte d'identité, passeport, vote, actes d'état civil"},
		{"famille", "Famille", "Naissance, mariage, enfants, décès"},
		{"social", "Santé et aides sociales", "Carte Vitale, RSA, handicap, complémentaire santé"},
		{"travail", "Travail et emploi", "Chômage, France Travail, créer son entreprise"},
		{"logement", "Logement", "Aide au logement, logement social, travaux, énergie"},
		{"transports", "Transports et véhicules", "Permis de conduire, carte grise, amendes"},
		{"argent", "Argent et impôts", "Impôts, retraite, prime d'activité"},
		{"justice", "Justice", "Plainte, avocat gratuit, casier judiciaire"},
		{"etranger", "Étrangers en France", "Titre de séjour, asile, nationalité"},
		{"loisirs", "Études, loisirs et culture", "Bourses, logement étudiant, sport"},
	}
}

// CategoryBySlug returns the category with that slug.
func CategoryBySlug(slug string) (Category, bool) {
	for _, c := range Categories() {
		if c.Slug == slug {
			return c, true
		}
	}
	return Category{}, false
}
