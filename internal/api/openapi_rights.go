package api

// rightsOpenAPI describes the take-up of the aid suggested with consent.
func rightsOpenAPI() openAPIPart {
	str := map[string]any{"type": "string"}
	intg := map[string]any{"type": "integer", "minimum": 0}
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/rights/take-up": map[string]any{"get": map[string]any{
				"operationId": "rightsTakeUp",
				"security":    []any{},
				"summary":     "Take-up of the aid suggested with people's consent, per month and aid",
				"description": "With their consent, Guichet suggests to people the aid they are likely missing. For each month a suggestion was made in and each aid: how many suggestions, how many were followed by an application started on Guichet, and the share. Nobody is named. Licence Ouverte 2.0.",
				"tags":        []string{"rights"},
				"responses": map[string]any{
					"200": map[string]any{"description": "The take-up, oldest month first.", "content": map[string]any{
						"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/RightsTakeUp"}}}},
					"413": errorAnswer("The request carried a body over 64 KB (a read takes none)."),
				},
			}},
			"/api/v1/rights/take-up.csv": map[string]any{"get": map[string]any{
				"operationId": "rightsTakeUpCSV",
				"security":    []any{},
				"summary":     "Take-up of the aid suggested with people's consent, as CSV",
				"description": "Columns mois, demarche, suggestions, demandes_commencees, part_suivie (0 to 1). Licence Ouverte 2.0.",
				"tags":        []string{"rights"},
				"responses": map[string]any{
					"200": map[string]any{"description": "The take-up as CSV.", "content": map[string]any{"text/csv": map[string]any{"schema": str}}},
					"413": errorAnswer("The request carried a body over 64 KB (a read takes none)."),
				},
			}},
		},
		schemas: map[string]any{
			"RightsTakeUp": map[string]any{"type": "object", "required": []string{"licence", "take_up"}, "properties": map[string]any{
				"licence": str,
				"take_up": map[string]any{"type": "array", "items": map[string]any{"type": "object",
					"required": []string{"month", "procedure", "suggested", "followed", "rate"}, "properties": map[string]any{
						"month":     map[string]any{"type": "string", "description": "The month the suggestions were made, 2026-11.", "example": "2026-11"},
						"procedure": map[string]any{"type": "string", "description": "The aid's procedure slug in the catalogue."},
						"suggested": intg,
						"followed":  intg,
						"rate":      map[string]any{"type": "number", "minimum": 0, "maximum": 1, "description": "followed ÷ suggested, 0 when none was suggested."},
					}}},
			}},
		},
	}
}
