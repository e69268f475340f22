package api

import "net/http"

// document is an OpenAPI 3.1 document; modules add their paths and schemas.
type document map[string]any

// openAPIDocument assembles the description of every route.
func openAPIDocument() document {
	paths := map[string]any{}
	schemas := map[string]any{
		"Error": map[string]any{"type": "object", "properties": map[string]any{
			"error": map[string]any{"type": "object", "properties": map[string]any{
				"status": map[string]any{"type": "integer"}, "message": map[string]any{"type": "string"}}}}},
	}
	for _, part := range openAPIParts() {
		for k, v := range part.paths {
			paths[k] = v
		}
		for k, v := range part.schemas {
			schemas[k] = v
		}
	}
	return document{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Guichet API", "version": "1",
			"description": "Open JSON API of Guichet: catalogue of procedures and help places (public reads), paper feedback (with an API token)."},
		"paths": paths,
		"components": map[string]any{"schemas": schemas, "securitySchemes": map[string]any{
			"bearer": map[string]any{"type": "http", "scheme": "bearer",
				"description": "An organisation's API token (guichet_…), created by its administrator; the routes that write need one."}}},
	}
}

// openAPIPart is one module's share of the document.
type openAPIPart struct {
	paths, schemas map[string]any
}

// openAPIParts lists the modules' parts.
func openAPIParts() []openAPIPart {
	return []openAPIPart{
		catalogueOpenAPI(),
		placesOpenAPI(),
		notifyOpenAPI(),
		feedbackOpenAPI(),
		changesOpenAPI(),
	}
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, openAPIDocument())
}
