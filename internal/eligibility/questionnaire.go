package eligibility

// Questions returns the questionnaire in the order it is asked. A question
// that depends on another always comes after it. Each call returns a new
// slice, so callers may keep or change it.
func Questions() []Question {
	return []Question{
		{
			ID:      "age",
			Label:   "Quel âge avez-vous ?",
			Hint:    "Écrivez votre âge en chiffres, par exemple 34.",
			Kind:    Number,
			Integer: true,
			Unit:    "ans",
			Min:     15,
			Max:     120,
			Invalid: "Indiquez votre âge en chiffres, par exemple 34.",
		},
		{
			ID:    "couple",
			Label: "Vivez-vous en couple ?",
			Hint:  "En couple veut dire marié, pacsé ou en union libre, dans le même logement.",
			Kind:  YesNo,
		},
		{
			ID:      "enfants",
			Label:   "Combien d'enfants vivent avec vous et sont à votre charge ?",
			Hint:    "Comptez les enfants de moins de 20 ans que vous élevez. Écrivez 0 si vous n'avez pas d'enfant.",
			Kind:    Number,
			Integer: true,
			Unit:    "enfants",
			Min:     0,
			Max:     20,
			Invalid: "Indiquez le nombre d'enfants en chiffres, par exemple 2. Écrivez 0 si vous n'avez pas d'enfant.",
		},
		{
			ID:         "enfants_scolarises",
			Label:      "Parmi ces enfants, combien ont entre 6 et 18 ans et vont à l'école ?",
			Hint:       "Comptez l'école, le collège, le lycée et l'apprentissage. Écrivez 0 si aucun n'y va.",
			Kind:       Number,
			Integer:    true,
			Unit:       "enfants",
			Min:        0,
			Max:        20,
			Invalid:    "Indiquez le nombre d'enfants en chiffres, par exemple 1. Écrivez 0 si aucun ne va à l'école.",
			ShowIf:     hasChildren,
			WhenHidden: "0",
			Check:      schoolChildrenFit,
		},
		{
			ID:    "grossesse",
			Label: "Attendez-vous un enfant ?",
			Hint:  "Répondez oui si vous êtes enceinte, ou si votre conjointe est enceinte.",
			Kind:  YesNo,
		},
		{
			ID:    "ressources_mensuelles",
			Label: "Combien d'argent votre foyer reçoit-il chaque mois ?",
			Hint: "Comptez ce que vous recevez, vous et les personnes qui vivent avec vous : salaires, chômage, " +
				"retraite, pension alimentaire. Ne comptez pas les aides au logement ni les allocations familiales. " +
				"Une estimation suffit. Écrivez 0 si vous ne recevez rien.",
			Kind:    Number,
			Unit:    "€ par mois",
			Min:     0,
			Max:     100000,
			Invalid: "Indiquez un montant en euros, en chiffres, par exemple 1250. Écrivez 0 si vous ne recevez rien.",
		},
		{
			ID:    "logement",
			Label: "Où habitez-vous ?",
			Kind:  Choice,
			Options: []Option{
				{Value: "locataire", Label: "Je loue mon logement : je suis locataire"},
				{Value: "proprietaire", Label: "Je suis propriétaire de mon logement"},
				{Value: "heberge", Label: "Je suis hébergé chez quelqu'un : famille, amis"},
				{Value: "foyer", Label: "Je vis dans un foyer ou une résidence sociale"},
				{Value: "sans_logement", Label: "Je n'ai pas de logement"},
			},
		},
		{
			ID:    "activite",
			Label: "Quelle est votre situation en ce moment ?",
			Kind:  Choice,
			Options: []Option{
				{Value: "salarie", Label: "Je travaille comme salarié"},
				{Value: "independant", Label: "Je travaille à mon compte : indépendant, auto-entrepreneur"},
				{Value: "chomage", Label: "Je cherche un emploi"},
				{Value: "etudiant", Label: "Je fais des études"},
				{Value: "retraite", Label: "Je suis à la retraite"},
				{Value: "sans_activite", Label: "Je ne travaille pas, pour une autre raison"},
			},
		},
		{
			ID:    "handicap",
			Label: "Avez-vous un handicap reconnu par la Maison départementale des personnes handicapées (MDPH) ?",
			Hint:  "Répondez oui si la MDPH vous a envoyé une décision ou une carte.",
			Kind:  YesNo,
		},
		{
			ID:    "taux_incapacite",
			Label: "Quel taux d'incapacité la MDPH vous a-t-elle donné ?",
			Hint:  "Ce taux est écrit sur la décision de la MDPH.",
			Kind:  Choice,
			Options: []Option{
				{Value: "moins_50", Label: "Moins de 50 %"},
				{Value: "50_79", Label: "De 50 à 79 %"},
				{Value: "80_plus", Label: "80 % ou plus"},
			},
			ShowIf:     hasDisability,
			WhenHidden: "aucun",
		},
		{
			ID:    "restriction_emploi",
			Label: "À cause de votre handicap, est-ce très difficile pour vous de trouver ou de garder un travail ?",
			Hint:  "La MDPH appelle cela une « restriction substantielle et durable d'accès à l'emploi ».",
			Kind:  YesNo,
			ShowIf: func(a Answers) bool {
				rate, ok := a.String("taux_incapacite")
				return hasDisability(a) && (!ok || rate == "50_79")
			},
			WhenHidden: "non",
		},
		{
			ID:    "residence_reguliere",
			Label: "Êtes-vous français ou européen, ou avez-vous un titre de séjour en France depuis plus de 5 ans ?",
			Hint:  "Européen veut dire d'un pays de l'Union européenne, ou de Suisse, Norvège, Islande ou Liechtenstein.",
			Kind:  YesNo,
		},
	}
}

// hasChildren is true unless the person said they have no child.
func hasChildren(a Answers) bool {
	n, ok := a.Int("enfants")
	return !ok || n > 0
}

// hasDisability is true unless the person said they have no recognised
// disability.
func hasDisability(a Answers) bool {
	yes, ok := a.Bool("handicap")
	return !ok || yes
}

// schoolChildrenFit refuses more children at school than children.
func schoolChildrenFit(a Answers) string {
	school, ok1 := a.Int("enfants_scolarises")
	all, ok2 := a.Int("enfants")
	if ok1 && ok2 && school > all {
		return "Ce nombre ne peut pas dépasser le nombre d'enfants à votre charge."
	}
	return ""
}
