package eligibility

// householdScale is the scale of the RSA, the prime d'activité and the
// complémentaire santé solidaire: 1 for one person, then the dated rates
// for the second person, the third and fourth, and each one after. The
// numbers left in it count people; every rate is a parameter.
const householdScale = "(personnes == 1 ? 1.0 : 1.0 + foyer_taux_deuxieme_personne" +
	" + (personnes == 2 ? 0.0 : personnes == 3 ? foyer_taux_troisieme_personne" +
	" : 2.0 * foyer_taux_troisieme_personne + foyer_taux_personne_supplementaire * (personnes - 4.0)))"

// Conditions the questionnaire never checks, shared by several rules.
const (
	uncheckedAssets    = "Votre épargne et votre patrimoine, qui peuvent compter comme des ressources."
	uncheckedQuarter   = "Vos ressources des trois derniers mois, et non celles d'un seul mois."
	uncheckedN2        = "Vos revenus d'il y a deux ans, déclarés aux impôts, qui sont ceux que l'organisme regarde."
	uncheckedResidence = "La durée exacte de votre titre de séjour, si vous n'êtes pas européen."
	uncheckedHousing   = "Votre loyer, votre commune et le type de logement, qui changent le plafond."
	renewQuarterly     = "Déclaration de vos ressources tous les trois mois."
	renewYearly        = "Demande à renouveler chaque année."
	renewDecision      = "Droit ouvert pour une durée fixée par la décision, puis à redemander."
	renewAuto          = "Versement automatique tant que votre situation ne change pas."
)

// DefaultRules returns simplified but honest eligibility rules for the
// main French benefits, by procedure slug. Every threshold is a dated
// parameter of DefaultParams, never a number written in the expression;
// the comment above each rule gives the real rule it simplifies, and each
// rule lists what it cannot check. The questionnaire asks for current
// monthly resources only, so rules based on yearly or fiscal income use
// twelve times that amount, and say so. Each call returns a new map.
func DefaultRules() map[string]RuleSpec {
	return map[string]RuleSpec{
		// Prime d'activité (CAF, MSA): from 18, for people who work, with
		// a regular stay of 5 years for non-Europeans. Paid when the
		// forfait × household scale + 59.85 % of earnings + bonus exceeds
		// the household's resources: for a single person it stops around
		// three forfaits of net monthly earnings. Students and apprentices
		// only qualify above about 78 % of the minimum wage, which this
		// rule leaves out.
		"prime-activite": {
			Expr: `age >= ppa_age_minimum && activite in ["salarie", "independant"] && residence_reguliere` +
				` && ressources_mensuelles > 0.0` +
				` && ressources_mensuelles < ppa_plafond_en_forfaits * ppa_montant_forfaitaire * ` + householdScale,
			Reason:    "Vous travaillez et vos ressources sont modestes : vous pouvez a priori recevoir la prime d'activité.",
			Unchecked: []string{uncheckedQuarter, "La part de vos ressources qui vient du travail, qui change le montant.", uncheckedResidence},
			Link:      "https://www.service-public.gouv.fr/particuliers/vosdroits/F2882",
			Renewal:   renewQuarterly,
		},
		// RSA (CAF, MSA): from 25, or younger with a child born or
		// expected; students are excluded; non-Europeans need 5 years of
		// regular stay. Resources below the forfait × household scale,
		// less a housing allowance that this rule ignores, by at least the
		// minimum amount paid. The
		// young-worker RSA is left out.
		"rsa": {
			Expr: `(age >= rsa_age_minimum || enfants > 0 || grossesse) && residence_reguliere && !etudiant` +
				` && ressources_mensuelles <= rsa_montant_forfaitaire * ` + householdScale + ` - rsa_montant_minimum_verse`,
			Reason: "Vos ressources sont très faibles : vous pouvez a priori recevoir le revenu de solidarité active (RSA).",
			Unchecked: []string{uncheckedQuarter, uncheckedAssets,
				"Le forfait logement retiré quand vous êtes logé gratuitement ou recevez une aide au logement.", uncheckedResidence},
			Link:    "https://www.service-public.gouv.fr/particuliers/vosdroits/F19778",
			Renewal: renewQuarterly,
		},
		// Aides au logement (APL, ALS, ALF; CAF, MSA): tenants and people
		// living in a foyer or a résidence sociale. The real ceiling
		// depends on the rent, the town and the household; an order of
		// magnitude per consumption unit here. Owners repaying a loan
		// rarely qualify since 2018 and are left out.
		"aide-logement": {
			Expr:      `logement in ["locataire", "foyer"] && ressources_mensuelles < al_plafond_par_uc * uc`,
			Reason:    "Vous payez un loyer et vos ressources sont modestes : vous pouvez a priori recevoir une aide au logement.",
			Unchecked: []string{uncheckedHousing, uncheckedN2, uncheckedAssets},
			Link:      "https://www.service-public.gouv.fr/particuliers/vosdroits/F12006",
			Renewal:   renewAuto,
		},
		// Allocations familiales (CAF, MSA): at least 2 dependent children
		// under 20, whatever the income; the amount goes down with income.
		"allocations-familiales": {
			Expr:      `enfants >= af_enfants_minimum`,
			Reason:    "Vous avez au moins deux enfants à charge : vous pouvez a priori recevoir les allocations familiales.",
			Unchecked: []string{"L'âge de chaque enfant : moins de 20 ans.", "Vos revenus, qui changent seulement le montant."},
			Link:      "https://www.service-public.gouv.fr/particuliers/vosdroits/F13213",
			Renewal:   renewAuto,
		},
		// Allocation de rentrée scolaire (CAF, MSA): a child aged 6 to 18
		// at school or in apprenticeship, and net taxable income of two
		// years before under the ceiling + an amount per dependent child.
		// Here: twelve months of current resources.
		"allocation-rentree-scolaire": {
			Expr:      `enfants_scolarises >= 1 && ressources_annuelles < ars_plafond + ars_majoration_par_enfant * enfants`,
			Reason:    "Un de vos enfants va à l'école et vos ressources sont modestes : vous pouvez a priori recevoir l'allocation de rentrée scolaire.",
			Unchecked: []string{uncheckedN2, "L'âge exact de chaque enfant au 31 décembre."},
			Link:      "https://www.service-public.gouv.fr/particuliers/vosdroits/F1878",
			Renewal:   "Versée chaque année en août, sans demande si vous recevez déjà une prestation de la CAF.",
		},
		// Complémentaire santé solidaire (CPAM): resources of the last 12
		// months under the ceiling (with a small contribution; free under a
		// lower one) × household scale.
		"complementaire-sante-solidaire": {
			Expr:      `ressources_mensuelles < css_plafond * ` + householdScale,
			Reason:    "Vos ressources sont modestes : la complémentaire santé solidaire peut a priori payer vos frais de santé, gratuitement ou pour moins d'un euro par jour.",
			Unchecked: []string{"Vos ressources des douze derniers mois.", uncheckedAssets},
			Link:      "https://www.service-public.gouv.fr/particuliers/vosdroits/F10027",
			Renewal:   renewYearly,
		},
		// ASPA (retirement funds): from 65, or from the legal retirement
		// age with an incapacity of at least 50 %. Resources under the
		// ceiling alone or as a couple. Non-Europeans need 10 years of
		// residence permit; this rule uses the 5-year question.
		"aspa": {
			Expr: `(age >= aspa_age || (age >= aspa_age_inaptitude && taux_incapacite in ["50_79", "80_plus"])) && residence_reguliere` +
				` && ressources_mensuelles < (couple ? aspa_plafond_couple : aspa_plafond_seul)`,
			Reason: "Vous avez l'âge de la retraite et de faibles ressources : vous pouvez a priori recevoir l'allocation de solidarité aux personnes âgées (Aspa).",
			Unchecked: []string{"Vos ressources des trois derniers mois ou des douze derniers mois.",
				"Dix ans de titre de séjour si vous n'êtes pas européen.",
				"La récupération possible sur la succession au-delà d'un certain patrimoine."},
			Link:    "https://www.service-public.gouv.fr/particuliers/vosdroits/F16871",
			Renewal: renewAuto,
		},
		// AAH (MDPH decides, CAF pays): incapacity of 80 % or more, or 50
		// to 79 % with a substantial and lasting restriction of access to
		// work; from 20 (16 in some cases). Own resources under the AAH
		// amount, + a share per child. Since October 2023 the partner's
		// income no longer counts: as the questionnaire asks for the
		// household's resources, the ceiling is doubled for a couple, as
		// if each earned half.
		"aah": {
			Expr: `age >= aah_age_minimum && (taux_incapacite == "80_plus" || (taux_incapacite == "50_79" && restriction_emploi))` +
				` && ressources_mensuelles < aah_montant * (1.0 + aah_majoration_par_enfant * enfants) * adultes`,
			Reason:    "Votre handicap est reconnu et vos ressources sont modestes : vous pouvez a priori recevoir l'allocation aux adultes handicapés (AAH).",
			Unchecked: []string{uncheckedN2, "La décision de la MDPH sur votre taux et sur l'accès à l'emploi.", "Vos seules ressources, sans celles de votre conjoint."},
			Link:      "https://www.service-public.gouv.fr/particuliers/vosdroits/F12242",
			Renewal:   renewDecision,
		},
		// Bourse sur critères sociaux (Crous): students under the age limit
		// at the first request; parents' gross income of two years before
		// under the ceiling without extra points, more with brothers and
		// sisters or distance. Here: twelve months of the household's
		// current resources.
		"bourse-etudiant": {
			Expr:   `etudiant && age < bourse_age_maximum && residence_reguliere && ressources_annuelles < bourse_plafond`,
			Reason: "Vous faites des études et les revenus du foyer sont modestes : vous pouvez a priori demander une bourse au Crous. Ce sont en général les revenus de vos parents qui comptent.",
			Unchecked: []string{"Les revenus de vos parents d'il y a deux ans.",
				"Les points de charge : frères et sœurs, distance entre le domicile et le lieu d'études."},
			Link:    "https://www.service-public.gouv.fr/particuliers/vosdroits/F12214",
			Renewal: "Demande à refaire chaque année sur le dossier social étudiant, avant la rentrée.",
		},
		// Chèque énergie (State, sent without asking): a home of one's own
		// or a foyer, and a fiscal reference income under the ceiling per
		// consumption unit (1 for the first person, 0.5 per person of 14
		// or more, 0.3 per younger child). Here: twelve months of current
		// resources, and 0.3 per child whatever the age.
		"cheque-energie": {
			Expr:      `logement in ["locataire", "proprietaire", "foyer"] && ressources_annuelles / uc < cheque_energie_plafond_par_uc`,
			Reason:    "Vos ressources sont modestes : vous pouvez a priori recevoir le chèque énergie pour payer vos factures d'électricité ou de gaz.",
			Unchecked: []string{uncheckedN2, "Une déclaration de revenus faite, même sans revenu."},
			Link:      "https://chequeenergie.gouv.fr/",
			Renewal:   "Envoyé chaque année au printemps, sans demande.",
		},
	}
}
