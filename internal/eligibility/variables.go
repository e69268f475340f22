package eligibility

import "github.com/google/cel-go/cel"

// Variable describes a name that eligibility rules can use, for the page
// where a procedure owner writes them.
type Variable struct {
	// Name is how rules write it.
	Name string
	// Type is its type in plain French: "nombre", "oui ou non" or
	// "texte". Every number is a decimal number, whole or not.
	Type string
	// Description says what it holds.
	Description string
	// Values lists the possible values of a "texte" variable.
	Values []string

	celType *cel.Type
}

// variables lists the answers, in questionnaire order, then the values
// derived from them.
func variables() []Variable {
	var vars []Variable
	for _, q := range Questions() {
		v := Variable{Name: q.ID, Description: q.Label}
		switch {
		case q.Kind == YesNo:
			v.Type, v.celType = "oui ou non", cel.BoolType
		case q.Kind == Choice:
			v.Type, v.celType = "texte", cel.StringType
			for _, o := range q.Options {
				v.Values = append(v.Values, o.Value)
			}
			if q.WhenHidden != "" {
				v.Values = append(v.Values, q.WhenHidden)
			}
		default:
			v.Type, v.celType = "nombre", cel.DoubleType
		}
		vars = append(vars, v)
	}
	return append(vars,
		Variable{Name: "adultes", Type: "nombre", celType: cel.DoubleType,
			Description: "Nombre d'adultes du foyer : 2 en couple, sinon 1."},
		Variable{Name: "personnes", Type: "nombre", celType: cel.DoubleType,
			Description: "Nombre de personnes du foyer : adultes et enfants à charge."},
		Variable{Name: "uc", Type: "nombre", celType: cel.DoubleType,
			Description: "Unités de consommation, à peu près : 1 pour le premier adulte, 0,5 pour le second, 0,3 par enfant."},
		Variable{Name: "ressources_annuelles", Type: "nombre", celType: cel.DoubleType,
			Description: "Ressources du foyer sur un an : 12 fois les ressources mensuelles."},
		Variable{Name: "etudiant", Type: "oui ou non", celType: cel.BoolType,
			Description: "Vrai si la personne fait des études."},
	)
}

// activation returns the values rules see: the answers with the types
// the environment declares, and the derived values whose answers are
// known. A missing answer stays missing, so a rule that needs it fails
// instead of guessing.
func activation(a Answers) map[string]any {
	vars := make(map[string]any, len(a.values)+5)
	for id, v := range a.values {
		if n, ok := v.(int); ok {
			vars[id] = float64(n)
			continue
		}
		vars[id] = v
	}
	couple, hasCouple := a.Bool("couple")
	children, hasChildren := a.Int("enfants")
	if hasCouple {
		adults := 1.0
		if couple {
			adults = 2
		}
		vars["adultes"] = adults
		if hasChildren {
			vars["personnes"] = adults + float64(children)
			vars["uc"] = 1 + 0.5*(adults-1) + 0.3*float64(children)
		}
	}
	if monthly, ok := a.Float("ressources_mensuelles"); ok {
		vars["ressources_annuelles"] = 12 * monthly
	}
	if activity, ok := a.String("activite"); ok {
		vars["etudiant"] = activity == "etudiant"
	}
	return vars
}
