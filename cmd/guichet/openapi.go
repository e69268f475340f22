package main

import (
	"context"
	"encoding/json"

	"guichet/internal/api"
)

// openapiCmd runs `guichet openapi`: the API's OpenAPI document, as
// /api/v1/openapi.json serves it, for client generators and the linter.
func openapiCmd(_ context.Context, args []string, e env) error {
	c := newCommand("openapi", "guichet openapi",
		"Affiche le document OpenAPI de l'API (celui de /api/v1/openapi.json), pour générer un client ou le vérifier.", 0, e)
	if err := c.parseNone(args, e); err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(api.Document())
}
