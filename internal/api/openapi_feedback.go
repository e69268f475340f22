package api

import (
	"maps"
	"slices"

	"guichet/internal/listening"
)

// feedbackOpenAPI describes POST /api/v1/feedback, the paper feedback.
func feedbackOpenAPI() openAPIPart {
	helps := []string{}
	for _, h := range listening.Helps() {
		helps = append(helps, string(h))
	}
	// The English aliases, in a stable order so that the document is the
	// same on every start.
	for _, alias := range slices.Sorted(maps.Keys(helpAliases)) {
		helps = append(helps, alias)
	}
	report := map[string]any{"description": "", "content": map[string]any{"application/json": map[string]any{
		"schema": map[string]any{"$ref": "#/components/schemas/FeedbackReport"}}}}
	kept, none := map[string]any{}, map[string]any{}
	for k, v := range report {
		kept[k], none[k] = v, v
	}
	kept["description"] = "The batch was read: `kept` answers were stored; every item not kept is in `rejected` with its index (from 0) and the reason in French. A client must read `rejected` even on 200: good items are kept when others are not."
	none["description"] = "No item could be kept (the batch was not empty): the report says why for each."
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/feedback": map[string]any{"post": map[string]any{
				"operationId": "postPaperFeedback",
				"summary":     "Add paper feedback collected at the counter (Je donne mon avis)",
				"description": "Each item is one filled questionnaire. Send an API token of the organisation in charge of each item's procedure, or of the observatory, as `Authorization: Bearer TOKEN` (an organisation's administrator creates tokens on its page « Jetons d'API »). " +
					"Each item is checked on its own: the valid ones are stored, counted in the indicators like online answers with their channel kept, and the others are reported. At most 500 items per batch.",
				"tags":     []string{"feedback"},
				"security": []any{map[string]any{"bearer": []string{}}},
				"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{
					"schema": map[string]any{"type": "array", "maxItems": maxFeedbackItems, "items": map[string]any{"$ref": "#/components/schemas/PaperFeedback"}},
					"example": []any{map[string]any{"procedure": "rsa", "overall": "good", "clarity": 4, "help_sought": []string{"telephone"},
						"help_reached": true, "help_quality": 4, "channel": "papier", "answered_at": "2026-03-02T10:15:00+01:00"}}}}},
				"responses": map[string]any{
					"200": kept,
					"400": errorAnswer("The body is not a JSON array, or holds more than 500 items."),
					"401": errorAnswer("No token, or a token unknown or revoked."),
					"413": errorAnswer("The body is over 64 KB: send smaller batches."),
					"422": none,
				},
			}},
		},
		schemas: map[string]any{
			"PaperFeedback": map[string]any{"type": "object", "additionalProperties": false,
				"required": []string{"procedure", "overall", "clarity", "channel", "answered_at"},
				"properties": map[string]any{
					"procedure":    map[string]any{"type": "string", "description": "The procedure's slug, as in /api/v1/procedures."},
					"overall":      map[string]any{"type": "string", "enum": []string{"bad", "medium", "good"}, "description": "The three faces, scored 0, 5 and 10."},
					"clarity":      map[string]any{"type": "integer", "minimum": 1, "maximum": 5, "description": "Clarity of the information, scored 0, 2.5, 5, 7.5, 10."},
					"help_sought":  map[string]any{"type": "array", "items": map[string]any{"type": "string", "enum": helps}, "description": "The helps sought; empty or [\"none\"] (or \"aucune\") when none."},
					"help_reached": map[string]any{"type": "boolean", "description": "Whether the help sought was reached (aide joignable); only with a help sought."},
					"help_quality": map[string]any{"type": "integer", "minimum": 1, "maximum": 5, "description": "Quality of the help, from very bad (1) to very good (5); only with a help sought."},
					"channel":      map[string]any{"type": "string", "enum": []string{"papier", "telephone", "guichet"}},
					"answered_at":  map[string]any{"type": "string", "format": "date-time", "description": "When the person answered, RFC 3339."},
					"comment":      map[string]any{"type": "string", "maxLength": listening.MaxComment, "description": "Optional; phone numbers, e-mail addresses and IBANs are masked before storage."},
				}},
			"FeedbackReport": map[string]any{"type": "object", "properties": map[string]any{
				"received": map[string]any{"type": "integer"},
				"kept":     map[string]any{"type": "integer"},
				"rejected": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
					"index":  map[string]any{"type": "integer", "description": "The item's place in the batch, from 0."},
					"reason": map[string]any{"type": "string", "description": "Why it was not kept, in French."}}}},
			}},
		},
	}
}
