package api

import (
	"net/http"
	"strings"
)

// document is an OpenAPI 3.0 document (3.0 rather than 3.1, which most
// client generators do not read yet); modules add their paths and schemas.
type document map[string]any

// openAPIDocument assembles the description of every route.
func openAPIDocument() document {
	paths := map[string]any{}
	schemas := map[string]any{
		"Error": map[string]any{"type": "object", "required": []string{"error"}, "properties": map[string]any{
			"error": map[string]any{"type": "object", "required": []string{"status", "code", "message"}, "properties": map[string]any{
				"status": map[string]any{"type": "integer", "description": "The HTTP status, again."},
				"code": map[string]any{"type": "string", "description": "For programs: not_found, forbidden, unauthorized, invalid, conflict, " +
					"changed (the dossier changed since the version given), read_only_token, too_large, too_many_requests, internal."},
				"message": map[string]any{"type": "string", "description": "For people, in French: what went wrong and what to do."},
				"fields": map[string]any{"type": "array", "description": "With invalid: each field of the body that is wrong, named as in the body.",
					"items": map[string]any{"type": "object", "required": []string{"field", "message"}, "properties": map[string]any{
						"field": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"}}}},
			}}}},
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
		"openapi": "3.0.3",
		"info": map[string]any{"title": "Guichet API", "version": "1",
			"description": "JSON API of Guichet: the catalogue of procedures and the help places (public reads, open data), " +
				"and, with an organisation's API token, its dossiers (read, take, decide, ask for a correction, write to the person) and paper feedback. " +
				"Errors answer a JSON body with a code for programs and a message in French for people.",
			"license": map[string]any{"name": "Licence Ouverte / Open Licence 2.0 (the open data of the public reads)", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}},
		// Relative to the document's address; the served document names
		// the instance's own address when it knows it.
		"servers": []any{map[string]any{"url": "/", "description": "This instance of Guichet."}},
		// Every route needs a token unless it says otherwise with an empty
		// security: the public reads do.
		"security": []any{map[string]any{"bearer": []string{}}},
		"tags": []any{
			map[string]any{"name": "catalogue", "description": "The procedures and life events (public, open data)."},
			map[string]any{"name": "places", "description": "The help places, national standard of digital mediation places (public, open data)."},
			map[string]any{"name": "dossiers", "description": "The dossiers of the token's organisation. Each read is written to the audit log and each change to the dossier's history, attributed to the token."},
			map[string]any{"name": "feedback", "description": "Paper feedback on procedures (Je donne mon avis), with a token."},
			map[string]any{"name": "listening", "description": "The experiences people told, as published with the administrations' replies, and the actions decided from what was heard (public, open data)."},
			map[string]any{"name": "observatory", "description": "The indicators of every procedure per quarter (public, open data, Licence Ouverte 2.0)."},
			map[string]any{"name": "notifications", "description": "Callbacks of the SMS provider."},
			map[string]any{"name": "rights", "description": "Take-up of the aid suggested to people with their consent (public, open data, Licence Ouverte 2.0)."},
			map[string]any{"name": "eligibility", "description": "A priori eligibility of « Mes droits » from the questionnaire's answers (public; nothing stored or logged)."},
		},
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
		listeningOpenAPI(),
		changesOpenAPI(),
		dossiersOpenAPI(),
		observatoryOpenAPI(),
		eligibilityOpenAPI(),
		rightsOpenAPI(),
	}
}

// Document returns the OpenAPI document, for `guichet openapi` and the
// linter of CI.
func Document() map[string]any { return openAPIDocument() }

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	doc := openAPIDocument()
	if s.BaseURL != "" {
		doc["servers"] = []any{map[string]any{"url": strings.TrimRight(s.BaseURL, "/"), "description": "This instance of Guichet."}}
	}
	return writeJSON(w, http.StatusOK, doc)
}
