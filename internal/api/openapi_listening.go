package api

import "guichet/internal/listening"

// listeningOpenAPI describes the public reads of Écoute: experiences and
// boards of actions.
func listeningOpenAPI() openAPIPart {
	str := map[string]any{"type": "string"}
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": ref("Error")}}}
	}
	slug := func(desc string) map[string]any {
		return map[string]any{"name": "slug", "in": "path", "required": true, "description": desc, "schema": str}
	}
	ok := func(desc, schema string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": ref(schema)}}}
	}
	statuses, indicators := []string{}, []string{}
	for _, st := range listening.ActionStatuses() {
		statuses = append(statuses, string(st))
	}
	for _, i := range listening.Indicators {
		indicators = append(indicators, i.Code)
	}
	get := func(id, summary, desc, slugDesc, okDesc, schema, notFound string) map[string]any {
		return map[string]any{"get": map[string]any{
			"operationId": id, "security": []any{}, "summary": summary, "description": desc, "tags": []string{"listening"},
			"parameters": []any{slug(slugDesc)},
			"responses": map[string]any{
				"200": ok(okDesc, schema),
				"404": errorAnswer(notFound),
			},
		}}
	}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/procedures/{slug}/experiences": get("procedureExperiences",
				"The published experiences of a procedure, with the administration's replies",
				"Newest first, at most 200. Only experiences published after moderation: their text is masked (no phone number, e-mail or IBAN); an author's e-mail is never given.",
				"The procedure's slug, as in /api/v1/procedures.", "The experiences.", "ProcedureExperiences", "No published procedure has this slug."),
			"/api/v1/procedures/{slug}/actions": get("procedureActions",
				"The actions an administration decided to improve a procedure",
				"The board of the procedure: its administration's top actions about it, each with its children; a parent's progress is the mean of its children's, weighted.",
				"The procedure's slug, as in /api/v1/procedures.", "The board.", "ActionBoard", "No published procedure has this slug."),
			"/api/v1/organisations/{slug}/actions": get("organisationActions",
				"Every action of an organisation",
				"The board of an administration (or of the observatory): its top actions, each with its children.",
				"The organisation's slug (caf, cpam…).", "The board.", "ActionBoard", "No organisation has this slug."),
		},
		schemas: map[string]any{
			"ProcedureExperiences": map[string]any{"type": "object", "properties": map[string]any{
				"procedure": str,
				"experiences": map[string]any{"type": "array", "items": map[string]any{"type": "object",
					"required": []string{"id", "title", "body", "told_at", "first_reply_at", "replies"}, "properties": map[string]any{
						"id": map[string]any{"type": "integer"}, "title": str, "body": str,
						"name":           map[string]any{"type": "string", "description": "How the author signed (a first name), when they did."},
						"told_at":        map[string]any{"type": "string", "format": "date-time"},
						"first_reply_at": map[string]any{"type": "string", "format": "date-time", "nullable": true, "description": "When the administration first replied; null before."},
						"replies": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
							"body": str, "at": map[string]any{"type": "string", "format": "date-time"}}}},
					}}},
			}},
			"ActionBoard": map[string]any{"type": "object", "properties": map[string]any{
				"administration": map[string]any{"type": "string", "description": "The organisation's slug."},
				"procedure":      map[string]any{"type": "string", "description": "The procedure's slug, for a procedure's board."},
				"actions":        map[string]any{"type": "array", "items": ref("Action")},
			}},
			"Action": map[string]any{"type": "object", "required": []string{"id", "title", "status", "progress", "milestones", "children"}, "properties": map[string]any{
				"id": map[string]any{"type": "integer"}, "procedure": str, "title": str, "description": str,
				"status":         map[string]any{"type": "string", "enum": statuses},
				"status_label":   map[string]any{"type": "string", "description": "The status in French."},
				"abandon_reason": map[string]any{"type": "string", "description": "Why it was abandoned, when it was."},
				"progress":       map[string]any{"type": "integer", "minimum": 0, "maximum": 100, "description": "Percent; a parent's rolls up its children's by weight."},
				"weight":         map[string]any{"type": "integer", "minimum": 1, "maximum": 100},
				"indicator":      map[string]any{"type": "string", "enum": indicators, "description": "The observatory's indicator the action aims to move."},
				"proposals":      map[string]any{"type": "integer", "description": "How many proposals (experiences, feedback, agents' ideas, workshop verbatims) it answers."},
				"updated_at":     map[string]any{"type": "string", "format": "date-time"},
				"milestones": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
					"title": str, "due": map[string]any{"type": "string", "format": "date"}}}},
				"children": map[string]any{"type": "array", "items": ref("Action")},
			}},
		},
	}
}
