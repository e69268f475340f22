package eligibility

// Sources named below.
const (
	// srcOpenFisca is the OpenFisca-France version whose parameter files
	// were read (../shared/research/access-to-rights.md).
	srcOpenFisca = "OpenFisca-France v176.0.7 (a7038ee)"
	// srcGuichet marks a value taken over from Guichet's earlier rule, not
	// checked again against the official text: its review date is close,
	// so that someone reads the text.
	srcGuichet = "Règle Guichet précédente (barème 2025), valeur à relire dans le texte officiel"
	// srcOrder marks an order of magnitude chosen by Guichet, where the
	// real rule depends on data the questionnaire does not ask.
	srcOrder = "Ordre de grandeur choisi par Guichet, la règle réelle dépendant d'éléments non demandés"
)

// uncheckedReview is the review date of the values taken over from the
// earlier rules: they need reading against their text before the year
// ends.
const uncheckedReview = "2026-12-31"

// DefaultParams returns the dated parameters of DefaultRules. Each call
// returns a new map.
func DefaultParams() Params {
	list := []Param{
		{Name: "rsa_montant_forfaitaire", Description: "Montant forfaitaire du RSA pour une personne seule",
			Unit: "€ par mois", Revalued: true, ReviewBy: "2027-04-30", Values: []DatedValue{
				{From: "2025-04-01", Value: 646.52, Source: srcOpenFisca + ", rsa_m/montant_de_base_du_rsa.yaml"},
				{From: "2026-04-01", Value: 651.69, Source: srcOpenFisca + ", rsa_m/montant_de_base_du_rsa.yaml"},
			}},
		{Name: "rsa_montant_minimum_verse", Description: "Montant sous lequel le RSA n'est pas versé",
			Unit: "€ par mois", Values: []DatedValue{{From: "2009-06-01", Value: 6,
				Source: "Code de l'action sociale et des familles, art. R262-39 ; OpenFisca-France, rsa/rsa_maj/montant_minimum_verse.yaml"}}},
		{Name: "rsa_age_minimum", Description: "Âge minimum du RSA sans enfant ni grossesse", Unit: "ans",
			Values: []DatedValue{{From: "2009-06-01", Value: 25, Source: "Code de l'action sociale et des familles, art. L262-4"}}},
		{Name: "foyer_taux_deuxieme_personne", Description: "Majoration du montant forfaitaire pour la deuxième personne du foyer (RSA, prime d'activité)",
			Unit: "taux", Values: []DatedValue{{From: "2009-06-01", Value: 0.5,
				Source: "Code de l'action sociale et des familles, art. R262-1 ; " + srcOpenFisca + ", rsa_maj/majoration_montant_max_rsa/taux_deuxieme_personne.yaml"}}},
		{Name: "foyer_taux_troisieme_personne", Description: "Majoration pour la troisième et la quatrième personne du foyer",
			Unit: "taux", Values: []DatedValue{{From: "2009-06-01", Value: 0.3,
				Source: "Code de l'action sociale et des familles, art. R262-1 ; " + srcOpenFisca + ", rsa_maj/majoration_montant_max_rsa/taux_troisieme_personne.yaml"}}},
		{Name: "foyer_taux_personne_supplementaire", Description: "Majoration pour chaque personne à partir de la cinquième",
			Unit: "taux", Values: []DatedValue{{From: "2009-06-01", Value: 0.4,
				Source: "Code de l'action sociale et des familles, art. R262-1"}}},
		{Name: "ppa_montant_forfaitaire", Description: "Montant forfaitaire de la prime d'activité pour une personne seule",
			Unit: "€ par mois", Revalued: true, ReviewBy: "2027-04-30", Values: []DatedValue{
				{From: "2025-04-01", Value: 633.21, Source: "Décret n° 2025-294 du 29 mars 2025, art. 1 ; " + srcOpenFisca + ", ppa/pa_m/montant_de_base.yaml"},
				{From: "2026-04-01", Value: 638.28, Source: "Décret n° 2026-222 du 30 mars 2026, art. 2 ; " + srcOpenFisca + ", ppa/pa_m/montant_de_base.yaml"},
			}},
		{Name: "ppa_age_minimum", Description: "Âge minimum de la prime d'activité", Unit: "ans",
			Values: []DatedValue{{From: "2016-01-01", Value: 18, Source: srcOpenFisca + ", ppa/pa_cond/age_min.yaml"}}},
		{Name: "ppa_plafond_en_forfaits", Description: "Ressources au-delà desquelles la prime s'annule, en nombre de montants forfaitaires du foyer",
			Unit: "taux", ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-04-01", Value: 3,
				Source: srcOrder + " : environ 1 900 € pour une personne seule en 2025, soit trois montants forfaitaires"}}},
		{Name: "al_plafond_par_uc", Description: "Ressources mensuelles par unité de consommation au-delà desquelles l'aide au logement est rare",
			Unit: "€ par mois", ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-01-01", Value: 1400, Source: srcOrder}}},
		{Name: "af_enfants_minimum", Description: "Nombre d'enfants à charge ouvrant droit aux allocations familiales", Unit: "enfants",
			Values: []DatedValue{{From: "1946-08-22", Value: 2, Source: "Code de la sécurité sociale, art. L521-1"}}},
		{Name: "ars_plafond", Description: "Plafond de revenus de l'allocation de rentrée scolaire sans enfant compté",
			Unit: "€ par an", Revalued: true, ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-01-01", Value: 21880, Source: srcGuichet}}},
		{Name: "ars_majoration_par_enfant", Description: "Majoration du plafond de l'allocation de rentrée scolaire par enfant à charge",
			Unit: "€ par an", Revalued: true, ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-01-01", Value: 6564, Source: srcGuichet}}},
		{Name: "css_plafond", Description: "Plafond de ressources de la complémentaire santé solidaire (avec participation) pour une personne seule",
			Unit: "€ par mois", Revalued: true, ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-04-01", Value: 1160,
				Source: srcGuichet + " : 13 957 € par an, arrondi à 1 160 € par mois"}}},
		{Name: "aspa_age", Description: "Âge de l'Aspa", Unit: "ans",
			Values: []DatedValue{{From: "2006-01-01", Value: 65, Source: "Code de la sécurité sociale, art. L815-1"}}},
		{Name: "aspa_age_inaptitude", Description: "Âge de l'Aspa avec une incapacité d'au moins 50 %", Unit: "ans",
			Values: []DatedValue{{From: "2011-07-01", Value: 62, Source: srcGuichet}}, ReviewBy: uncheckedReview},
		{Name: "aspa_plafond_seul", Description: "Plafond de ressources de l'Aspa pour une personne seule",
			Unit: "€ par mois", Revalued: true, ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-01-01", Value: 1034.28, Source: srcGuichet}}},
		{Name: "aspa_plafond_couple", Description: "Plafond de ressources de l'Aspa pour un couple",
			Unit: "€ par mois", Revalued: true, ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-01-01", Value: 1605.73, Source: srcGuichet}}},
		{Name: "aah_age_minimum", Description: "Âge minimum de l'AAH", Unit: "ans",
			Values: []DatedValue{{From: "2005-07-01", Value: 20, Source: "Code de la sécurité sociale, art. L821-1 ; " + srcOpenFisca + ", aah/age_minimal.yaml"}}},
		{Name: "aah_montant", Description: "Montant maximal de l'AAH, qui sert de plafond de ressources mensuel",
			Unit: "€ par mois", Revalued: true, ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2025-04-01", Value: 1033.32, Source: srcGuichet}}},
		{Name: "aah_majoration_par_enfant", Description: "Majoration du plafond de l'AAH par enfant à charge", Unit: "taux",
			Values: []DatedValue{{From: "2005-07-01", Value: 0.5, Source: srcGuichet}}, ReviewBy: uncheckedReview},
		{Name: "bourse_age_maximum", Description: "Âge au-delà duquel une première bourse n'est plus accordée", Unit: "ans",
			Values: []DatedValue{{From: "2025-09-01", Value: 28, Source: srcGuichet}}, ReviewBy: uncheckedReview},
		{Name: "bourse_plafond", Description: "Revenus des parents sous lesquels une bourse est possible sans point de charge",
			Unit: "€ par an", Revalued: true, ReviewBy: "2026-12-31", Values: []DatedValue{{From: "2025-09-01", Value: 35086,
				Source: srcGuichet + " (barème 2025-2026, échelon 0 bis sans point de charge)"}}},
		{Name: "cheque_energie_plafond_par_uc", Description: "Revenu fiscal de référence par unité de consommation sous lequel le chèque énergie est envoyé",
			Unit: "€ par an", ReviewBy: uncheckedReview, Values: []DatedValue{{From: "2019-01-01", Value: 11000, Source: srcGuichet}}},
	}
	ps := make(Params, len(list))
	for _, p := range list {
		ps[p.Name] = p
	}
	return ps
}
