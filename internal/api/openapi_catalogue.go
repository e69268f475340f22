package api

import "guichet/internal/catalogue"

// catalogueOpenAPI describes the catalogue routes: search, one procedure, life events and the
// open data exports.
func catalogueOpenAPI() openAPIPart {
	str := map[string]any{"type": "string"}
	strs := map[string]any{"type": "array", "items": str}
	text := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	ref := func(schema string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + schema} }
	query := func(name, typ, desc string) map[string]any {
		return map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": map[string]any{"type": typ}}
	}
	jsonAnswer := func(desc, schema string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": ref(schema)}}}
	}
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": ref("Error")}}}
	}
	kinds := make([]any, 0, 5)
	for _, k := range catalogue.ChannelKinds() {
		kinds = append(kinds, k)
	}
	categories := make([]any, 0, 10)
	for _, c := range catalogue.Categories() {
		categories = append(categories, c.Slug)
	}
	procedure := map[string]any{"type": "object", "properties": map[string]any{
		"slug": text("Short name in addresses."), "title": text("What the person wants to do."),
		"summary": text("A few plain sentences."), "falc": text("Easy-to-read version (FALC), one sentence a line."),
		"audience": text("Who the procedure is for."), "conditions": strs, "documents": strs,
		"cost": text("Price in words."), "delay": text("Usual delay in words."),
		"channels": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
			"kind": map[string]any{"type": "string", "enum": kinds}, "label": str,
			"url": text("For `external`."), "phone": text("For `phone`."), "address": text("For `post`.")}}},
		"administration":      text("Slug of the organisation in charge."),
		"administration_name": text("Name of the organisation in charge."),
		"category":            map[string]any{"type": "string", "enum": categories},
		"life_events":         strs, "synonyms": strs,
		"volume": map[string]any{"type": "integer", "description": "Requests a year, an estimate."},
		"help_contact": map[string]any{"type": "object", "properties": map[string]any{
			"label": str, "phone": str, "url": str}},
		"offline_way": text("How to do it without internet."),
		"eligibility": map[string]any{"type": "object", "description": "Rule of the « Mes droits » simulator, a CEL expression over its answers; empty when none.",
			"properties": map[string]any{"expr": str, "reason": str}},
		"url":          map[string]any{"type": "string", "format": "uri"},
		"revision":     map[string]any{"type": "integer", "description": "Number of the published revision."},
		"published_at": map[string]any{"type": "string", "format": "date-time"},
	}}
	lifeEvent := map[string]any{"type": "object", "properties": map[string]any{
		"slug": str, "title": str, "summary": str, "url": map[string]any{"type": "string", "format": "uri"},
		"procedures": map[string]any{"type": "array", "description": "In the order a person meets them.",
			"items": map[string]any{"type": "object", "properties": map[string]any{"slug": str, "title": str,
				"url": map[string]any{"type": "string", "format": "uri"}}}}}}
	file := func(id, summary, mime string) map[string]any {
		return map[string]any{"get": map[string]any{"operationId": id, "summary": summary, "tags": []string{"catalogue"},
			"security": []any{},
			"responses": map[string]any{"200": map[string]any{"description": "Every published procedure.",
				"content": map[string]any{mime: map[string]any{"schema": map[string]any{"type": "string"}}}},
				"413": errorAnswer("The request carried a body over 64 KB (a read takes none)."),
			}}}
	}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/procedures": map[string]any{"get": map[string]any{
				"operationId": "searchProcedures",
				"security":    []any{},
				"summary":     "Search the published procedures, or list them all",
				"description": "With q, a forgiving French search (accents, case, plurals, typos, missing apostrophes, acronyms and old names) " +
					"ranked by relevance then yearly volume; the first 20 results unless limit says otherwise. Without q, every published procedure, most requested first.",
				"tags": []string{"catalogue"},
				"parameters": []any{
					query("q", "string", "What the person typed, e.g. « jai perdu ma carte vital »."),
					query("limit", "integer", "Page size, 1 to 100 (default 20 with q, all without)."),
					query("offset", "integer", "Number of results skipped."),
				},
				"responses": map[string]any{
					"200": jsonAnswer("One page of procedures and the total.", "ProcedureSearch"),
					"400": errorAnswer("limit or offset cannot be read; the message says which, in French."),
				},
			}},
			"/api/v1/procedures/{slug}": map[string]any{"get": map[string]any{
				"operationId": "getProcedure",
				"security":    []any{},
				"summary":     "One published procedure, with every field",
				"tags":        []string{"catalogue"},
				"parameters":  []any{map[string]any{"name": "slug", "in": "path", "required": true, "schema": str}},
				"responses": map[string]any{
					"200": jsonAnswer("The procedure.", "Procedure"),
					"404": errorAnswer("No published procedure has this slug."),
				},
			}},
			"/api/v1/life-events": map[string]any{"get": map[string]any{
				"operationId": "listLifeEvents",
				"security":    []any{},
				"summary":     "The life events and their procedures, in order",
				"tags":        []string{"catalogue"},
				"responses": map[string]any{"200": map[string]any{"description": "Every life event with a published procedure.",
					"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object",
						"properties": map[string]any{"life_events": map[string]any{"type": "array", "items": ref("LifeEvent")}}}}}},
					"413": errorAnswer("The request carried a body over 64 KB (a read takes none)."),
				},
			}},
			"/api/v1/procedures.csv":  file("exportProceduresCSV", "The whole public catalogue as CSV (open data), lists joined by « | »", "text/csv"),
			"/api/v1/procedures.json": file("exportProceduresJSON", "The whole public catalogue as JSON (open data), with the life events", "application/json"),
		},
		schemas: map[string]any{
			"ProcedureSearch": map[string]any{"type": "object", "properties": map[string]any{
				"results": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
					"slug": str, "title": str, "summary": str, "url": map[string]any{"type": "string", "format": "uri"},
					"score": map[string]any{"type": "number", "nullable": true, "description": "Relevance, higher first; null without q."}}}},
				"total": map[string]any{"type": "integer", "description": "Every match, on all pages."}}},
			"Procedure": procedure,
			"LifeEvent": lifeEvent,
		},
	}
}
