package eligibility

// householdScale is the scale of the RSA, the prime d'activité and the
// complémentaire santé solidaire: 1 for one person, 1.5 for two, then
// 0.3 per extra person. The real scale adds 0.4 from the fifth person;
// the simplification is on the cautious side.
const householdScale = "(personnes == 1 ? 1.0 : 1.5 + 0.3 * (personnes - 2))"

// DefaultRules returns simplified but honest eligibility rules for the
// main French benefits, by procedure slug. Amounts are the 2025-2026
// orders of magnitude, written in the expressions so that an owner can
// read and update them; the comment above each rule gives the real rule
// it simplifies. The questionnaire asks for current monthly resources
// only, so rules based on yearly or fiscal income use twelve times that
// amount, and say so. Each call returns a new map.
func DefaultRules() map[string]RuleSpec {
	return map[string]RuleSpec{
		// Prime d'activité (CAF, MSA): from 18, for people who work, with
		// a regular stay of 5 years for non-Europeans. Paid when
		// 633.21 € × household scale + 59.85 % of earnings + bonus exceeds
		// the household's resources (April 2025): for a single person it
		// stops around 1,900 € of net monthly earnings. Students and
		// apprentices only qualify above about 78 % of the minimum wage,
		// which this rule leaves out.
		"prime-activite": {
			Expr: `age >= 18 && activite in ["salarie", "independant"] && residence_reguliere` +
				` && ressources_mensuelles > 0.0 && ressources_mensuelles < 1900.0 * ` + householdScale,
			Reason: "Vous travaillez et vos ressources sont modestes : vous pouvez sans doute recevoir la prime d'activité.",
		},
		// RSA (CAF, MSA): from 25, or younger with a child born or
		// expected; students are excluded; non-Europeans need 5 years of
		// regular stay. Resources below the amount: 646.52 € for one person
		// (April 2025) × household scale, less a housing allowance that
		// this rule ignores. The young-worker RSA is left out.
		"rsa": {
			Expr: `(age >= 25 || enfants > 0 || grossesse) && residence_reguliere && !etudiant` +
				` && ressources_mensuelles < 646.0 * ` + householdScale,
			Reason: "Vos ressources sont très faibles : vous pouvez sans doute recevoir le revenu de solidarité active (RSA).",
		},
		// Aides au logement (APL, ALS, ALF; CAF, MSA): tenants and people
		// living in a foyer or a résidence sociale. The real ceiling
		// depends on the rent, the town and the household; it is reached
		// around 1,300 to 1,500 € a month for one person: 1,400 € per
		// consumption unit here. Owners repaying a loan rarely qualify
		// since 2018 and are left out. Any valid residence permit is
		// enough, so the residence question is not used.
		"aide-logement": {
			Expr:   `logement in ["locataire", "foyer"] && ressources_mensuelles < 1400.0 * uc`,
			Reason: "Vous payez un loyer et vos ressources sont modestes : vous pouvez sans doute recevoir une aide au logement.",
		},
		// Allocations familiales (CAF, MSA): at least 2 dependent children
		// under 20, whatever the income; the amount goes down above about
		// 78,000 € a year of income for two children.
		"allocations-familiales": {
			Expr:   `enfants >= 2`,
			Reason: "Vous avez au moins deux enfants à charge : vous pouvez recevoir les allocations familiales.",
		},
		// Allocation de rentrée scolaire (CAF, MSA): a child aged 6 to 18
		// at school or in apprenticeship, and net taxable income of two
		// years before under 21,880 € + 6,564 € per dependent child
		// (28,444 € with one child, 2025). Here: twelve months of current
		// resources.
		"allocation-rentree-scolaire": {
			Expr:   `enfants_scolarises >= 1 && ressources_annuelles < 21880.0 + 6564.0 * enfants`,
			Reason: "Un de vos enfants va à l'école et vos ressources sont modestes : vous pouvez sans doute recevoir l'allocation de rentrée scolaire.",
		},
		// Complémentaire santé solidaire (CPAM): resources of the last 12
		// months under 13,957 € a year for one person (with a small
		// contribution; free under 10,339 €), from April 2025, × 1.5 for
		// two people, 1.8 for three, 2.1 for four: about 1,160 € a month
		// for one person. Any stable and regular stay is enough.
		"complementaire-sante-solidaire": {
			Expr:   `ressources_mensuelles < 1160.0 * ` + householdScale,
			Reason: "Vos ressources sont modestes : la complémentaire santé solidaire peut payer vos frais de santé, gratuitement ou pour moins d'un euro par jour.",
		},
		// ASPA (retirement funds): from 65, or from the legal retirement
		// age (62 and more) with an incapacity of at least 50 %. Resources
		// under 1,034.28 € a month alone, 1,605.73 € as a couple (2025).
		// Non-Europeans need 10 years of residence permit; this rule uses
		// the 5-year question.
		"aspa": {
			Expr: `(age >= 65 || (age >= 62 && taux_incapacite in ["50_79", "80_plus"])) && residence_reguliere` +
				` && ressources_mensuelles < (couple ? 1605.0 : 1034.0)`,
			Reason: "Vous avez l'âge de la retraite et de faibles ressources : vous pouvez sans doute recevoir l'allocation de solidarité aux personnes âgées (Aspa).",
		},
		// AAH (MDPH decides, CAF pays): incapacity of 80 % or more, or 50
		// to 79 % with a substantial and lasting restriction of access to
		// work; from 20 (16 in some cases). Own resources under 12 times
		// 1,033.32 € a year alone (April 2025), + 50 % per child. Since
		// October 2023 the partner's income no longer counts: as the
		// questionnaire asks for the household's resources, the ceiling
		// is doubled for a couple, as if each earned half.
		"aah": {
			Expr: `age >= 20 && (taux_incapacite == "80_plus" || (taux_incapacite == "50_79" && restriction_emploi))` +
				` && ressources_mensuelles < 1033.0 * (1.0 + 0.5 * enfants) * adultes`,
			Reason: "Votre handicap est reconnu et vos ressources sont modestes : vous pouvez sans doute recevoir l'allocation aux adultes handicapés (AAH).",
		},
		// Bourse sur critères sociaux (Crous): students under 28 at the
		// first request, French, European or non-European with 2 years of
		// residence; parents' gross income of two years before under
		// 35,086 € without extra points (2025-2026), more with brothers
		// and sisters or distance. Here: twelve months of the household's
		// current resources.
		"bourse-etudiant": {
			Expr:   `etudiant && age < 28 && residence_reguliere && ressources_annuelles < 35000.0`,
			Reason: "Vous faites des études et les revenus du foyer sont modestes : vous pouvez sans doute demander une bourse au Crous. Ce sont en général les revenus de vos parents qui comptent.",
		},
		// Chèque énergie (State, sent without asking): a home of one's own
		// or a foyer, and a fiscal reference income under 11,000 € per
		// consumption unit (1 for the first person, 0.5 per person of 14
		// or more, 0.3 per younger child). Here: twelve months of current
		// resources, and 0.3 per child whatever the age.
		"cheque-energie": {
			Expr:   `logement in ["locataire", "proprietaire", "foyer"] && ressources_annuelles / uc < 11000.0`,
			Reason: "Vos ressources sont modestes : vous pouvez sans doute recevoir le chèque énergie pour payer vos factures d'électricité ou de gaz.",
		},
	}
}
