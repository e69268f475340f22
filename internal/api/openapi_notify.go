package api

// notifyOpenAPI describes the delivery-receipt callback of SMS providers.
func notifyOpenAPI() openAPIPart {
	answer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	return openAPIPart{paths: map[string]any{
		"/api/v1/notifications/receipts/{provider}": map[string]any{"post": map[string]any{
			"operationId": "postSMSReceipts",
			"summary":     "Delivery receipts of the configured SMS provider",
			// The provider's own secret or signature, in its format, not an
			// organisation's token: nothing for a generic client to send.
			"security": []any{},
			"description": "Called by the provider, in its own format, with the secret or signature its configuration sets " +
				"(GUICHET_SMS_CALLBACK_SECRET). Updates the status of the messages named.",
			"tags": []string{"notifications"},
			"parameters": []any{map[string]any{"name": "provider", "in": "path", "required": true,
				"schema": map[string]any{"type": "string"}, "description": "The configured provider: smsfactor or brevo."}},
			"responses": map[string]any{
				"200": map[string]any{"description": "Receipts recorded", "content": map[string]any{"application/json": map[string]any{
					"schema": map[string]any{"type": "object", "properties": map[string]any{"updated": map[string]any{"type": "integer"}}}}}},
				"401": answer("The callback does not carry the provider's secret or signature."),
				"404": answer("No such provider is configured, or it sends no receipts."),
			},
		}},
	}}
}
