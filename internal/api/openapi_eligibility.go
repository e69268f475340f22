package api

import "guichet/internal/eligibility"

// eligibilityOpenAPI describes POST /api/v1/eligibility, the a priori
// eligibility of "Mes droits".
func eligibilityOpenAPI() openAPIPart {
	answers := map[string]any{}
	for _, q := range eligibility.Questions() {
		prop := map[string]any{"description": q.Label}
		switch q.Kind {
		case eligibility.Number:
			prop["type"], prop["minimum"], prop["maximum"] = "number", q.Min, q.Max
			if q.Integer {
				prop["type"] = "integer"
			}
		case eligibility.YesNo:
			prop["type"] = "boolean"
		case eligibility.Choice:
			var values []string
			for _, o := range q.Options {
				values = append(values, o.Value)
			}
			prop["type"], prop["enum"] = "string", values
		}
		if q.WhenHidden != "" {
			prop["description"] = q.Label + " Asked only when the earlier answers call for it; otherwise taken as " + q.WhenHidden + "."
		}
		answers[q.ID] = prop
	}
	answers[dateField] = map[string]any{"type": "string", "format": "date",
		"description": "The day the answers are about: the rules use the parameters in force that day. Today when absent."}
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	str := map[string]any{"type": "string"}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/eligibility": map[string]any{"post": map[string]any{
				"operationId": "postEligibility",
				"summary":     "Tell, a priori, which aids the answers of « Mes droits » point to",
				"description": "Send the answers of the « Mes droits » questionnaire, named as its questions; every answer is optional. " +
					"Each published procedure with a rule gets a result: `eligible` is true or false a priori, or null when the answers are not enough " +
					"(or the rule's parameters are being updated). `unchecked` lists what the rule cannot check, `parameters_date` the date of the newest " +
					"parameter value used. Nothing of the request is stored or logged. No token is needed. At most 4 KB.",
				"tags":     []string{"eligibility"},
				"security": []any{},
				"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{
					"schema": map[string]any{"$ref": "#/components/schemas/EligibilityAnswers"},
					"example": map[string]any{"age": 34, "couple": false, "enfants": 1, "enfants_scolarises": 1, "grossesse": false,
						"ressources_mensuelles": 900, "logement": "locataire", "activite": "salarie", "handicap": false,
						"residence_reguliere": true}}}},
				"responses": map[string]any{
					"200": map[string]any{"description": "One result per procedure with a rule, by slug.",
						"content": map[string]any{"application/json": map[string]any{
							"schema": map[string]any{"$ref": "#/components/schemas/EligibilityResults"}}}},
					"400": errorAnswer("The body is not a JSON object, names a field that is not a question, or holds an answer that cannot be read: `fields` says which, in French."),
					"413": errorAnswer("The body is over 4 KB."),
				},
			}},
		},
		schemas: map[string]any{
			"EligibilityAnswers": map[string]any{"type": "object", "additionalProperties": false, "properties": answers},
			"EligibilityResults": map[string]any{"type": "object", "required": []string{"date", "results"}, "properties": map[string]any{
				"date":   map[string]any{"type": "string", "format": "date", "description": "The day whose parameters were used."},
				"notice": map[string]any{"type": "string", "description": "The sentence to show with the results: they are given a priori."},
				"results": map[string]any{"type": "array", "items": map[string]any{"type": "object",
					"required": []string{"slug", "eligible", "reasons", "unchecked", "parameters_date"},
					"properties": map[string]any{
						"slug":            map[string]any{"type": "string", "description": "The procedure, as in /api/v1/procedures/{slug}."},
						"eligible":        map[string]any{"type": "boolean", "nullable": true, "description": "A priori eligible, not eligible, or null when the answers are not enough."},
						"reasons":         map[string]any{"type": "array", "items": str, "description": "Why, in plain French."},
						"unchecked":       map[string]any{"type": "array", "items": str, "description": "The conditions the rule could not check (assets, income of two years before…)."},
						"parameters_date": map[string]any{"type": "string", "nullable": true, "format": "date", "description": "The date of the newest parameter value the rule used; null when it uses none."},
						"link":            map[string]any{"type": "string", "format": "uri", "description": "The official page on the aid."},
						"online":          map[string]any{"type": "string", "description": "The path of the procedure on Guichet, when it can be done here."},
						"renewal":         map[string]any{"type": "string", "description": "How often the aid must be asked again or declared."},
					}}},
			}},
		},
	}
}
