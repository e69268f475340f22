package api

// changesOpenAPI describes POST /api/v1/changes/{id}/ack.
func changesOpenAPI() openAPIPart {
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/changes/{id}/ack": map[string]any{"post": map[string]any{
				"operationId": "ackChange",
				"summary":     "Acknowledge a change a person declared once (Dites-le-nous une fois)",
				"description": "A person declared a new address once and chose to tell your organisation: the change reached you as the webhook event `profile.changed` (its `change_id`) or in your agents' queue. " +
					"Once your records hold it, acknowledge it with an API token of your organisation (`Authorization: Bearer TOKEN`): the person sees « Reçu et pris en compte » under the change's reference. Acknowledging again changes nothing.",
				"tags":     []string{"changes"},
				"security": []any{map[string]any{"bearer": []string{}}},
				"parameters": []any{map[string]any{"name": "id", "in": "path", "required": true,
					"schema": map[string]any{"type": "integer"}, "description": "The change_id of the event."}},
				"responses": map[string]any{
					"200": map[string]any{"description": "Acknowledged.", "content": map[string]any{"application/json": map[string]any{
						"schema": map[string]any{"$ref": "#/components/schemas/ChangeAck"}}}},
					"401": errorAnswer("No token, or a token unknown or revoked."),
					"404": errorAnswer("No such change was sent to your organisation."),
					"409": errorAnswer("The change is not yet in your queue: try again in a moment."),
				},
			}},
		},
		schemas: map[string]any{
			"ChangeAck": map[string]any{"type": "object", "required": []string{"change_id", "status", "received_at"},
				"properties": map[string]any{
					"change_id":   map[string]any{"type": "integer"},
					"status":      map[string]any{"type": "string", "enum": []string{"received"}},
					"received_at": map[string]any{"type": "string", "format": "date-time"},
				}},
		},
	}
}
