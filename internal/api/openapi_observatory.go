package api

import "guichet/internal/observatory"

// observatoryOpenAPI describes the observatory's open data.
func observatoryOpenAPI() openAPIPart {
	str := map[string]any{"type": "string"}
	query := func(name, desc string) map[string]any {
		return map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": str}
	}
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	edition := query("edition", "The edition, a calendar quarter written 2026-T4; the current one when not given.")
	indicators := map[string]any{}
	for _, k := range observatory.Keys() {
		indicators[string(k)] = map[string]any{"type": "object", "allOf": []any{ref("ObservatoryIndicator")}, "nullable": true,
			"description": k.Label() + ". " + k.Rule() + " Null when Guichet does not know it."}
	}
	figures := map[string]any{}
	for _, k := range observatory.FigureKeys() {
		figures[string(k)] = map[string]any{"type": "object", "allOf": []any{ref("ObservatoryIndicator")}, "nullable": true, "description": k.Label() + "."}
	}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/observatory/indicators": map[string]any{"get": map[string]any{
				"operationId": "observatoryIndicators",
				"security":    []any{},
				"summary":     "The indicators of every procedure in an edition",
				"description": "Marks are out of 10, shares in percent (0 to 100). Each indicator says its colour against the national thresholds, how many answers it rests on and how it was obtained. The current edition is at most a minute behind; past editions are frozen. Licence Ouverte 2.0.",
				"tags":        []string{"observatory"},
				"parameters":  []any{edition, query("procedure", "Only this procedure, by its slug.")},
				"responses": map[string]any{
					"200": map[string]any{"description": "The edition.", "content": map[string]any{"application/json": map[string]any{"schema": ref("ObservatoryEdition")}}},
					"400": errorAnswer("The edition cannot be read."),
					"404": errorAnswer("The observatory has no such edition, or the edition no such procedure."),
				},
			}},
			"/api/v1/observatory/indicators.csv": map[string]any{"get": map[string]any{
				"operationId": "observatoryIndicatorsCSV",
				"security":    []any{},
				"summary":     "The indicators of every procedure in an edition, as CSV",
				"description": "One row per procedure; for each indicator its value, colour and number of answers (empty when unknown). Licence Ouverte 2.0.",
				"tags":        []string{"observatory"},
				"parameters":  []any{edition},
				"responses": map[string]any{
					"200": map[string]any{"description": "The edition as CSV.", "content": map[string]any{"text/csv": map[string]any{"schema": str}}},
					"400": errorAnswer("The edition cannot be read."),
					"404": errorAnswer("The observatory has no such edition."),
				},
			}},
			"/api/v1/observatory/editions": map[string]any{"get": map[string]any{
				"operationId": "observatoryEditions",
				"security":    []any{},
				"summary":     "Every edition of the observatory, newest first, with the addresses of its files",
				"tags":        []string{"observatory"},
				"responses": map[string]any{
					"200": map[string]any{"description": "The editions.", "content": map[string]any{"application/json": map[string]any{"schema": ref("ObservatoryEditions")}}},
					"413": errorAnswer("The request carried a body over 64 KB (a read takes none)."),
				},
			}},
		},
		schemas: map[string]any{
			"ObservatoryIndicator": map[string]any{"type": "object", "required": []string{"value", "colour", "answers", "source"}, "properties": map[string]any{
				"value": map[string]any{"description": "A number (mark /10, percent, count, days) or oui/non; null when unknown (accessibility without a declaration).",
					"oneOf": []any{map[string]any{"type": "number", "nullable": true}, map[string]any{"type": "string", "enum": []string{"oui", "non"}}}},
				"colour":  map[string]any{"type": "string", "nullable": true, "enum": []any{"vert", "jaune", "rouge", "gris", nil}, "description": "Null for the indicators shown without a colour."},
				"answers": map[string]any{"type": "integer", "description": "How many answers or dossiers the value rests on."},
				"source":  map[string]any{"type": "string", "description": "How the value was obtained, in French."},
			}},
			"ObservatoryProcedure": map[string]any{"type": "object", "properties": map[string]any{
				"slug": str, "title": str, "administration": str, "category": str,
				"indicators":       map[string]any{"type": "object", "properties": indicators},
				"chiffres_guichet": map[string]any{"type": "object", "description": "Guichet's own figures of the procedure's online dossiers.", "properties": figures},
			}},
			"ObservatoryEdition": map[string]any{"type": "object", "properties": map[string]any{
				"edition":     str,
				"frozen":      map[string]any{"type": "boolean", "description": "The quarter has ended: the values no longer change."},
				"computed_at": map[string]any{"type": "string", "format": "date-time"},
				"licence":     str,
				"procedures":  map[string]any{"type": "array", "items": ref("ObservatoryProcedure")},
			}},
			"ObservatoryEditions": map[string]any{"type": "object", "properties": map[string]any{
				"licence": str,
				"editions": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
					"edition": str, "frozen": map[string]any{"type": "boolean"}, "computed_at": map[string]any{"type": "string", "format": "date-time"},
					"json": str, "csv": str}}},
			}},
		},
	}
}
