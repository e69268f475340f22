package api

// dossiersOpenAPI describes the dossiers of a token's organisation: the
// list by cursor, one dossier, its files, and the changes.
func dossiersOpenAPI() openAPIPart {
	str := map[string]any{"type": "string"}
	text := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	when := func(desc string) map[string]any {
		return map[string]any{"type": "string", "format": "date-time", "description": desc}
	}
	ref := func(schema string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + schema} }
	jsonAnswer := func(desc, schema string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": ref(schema)}}}
	}
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": ref("Error")}}}
	}
	query := func(name, desc string, schema map[string]any) map[string]any {
		return map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	bearer := []any{map[string]any{"bearer": []string{}}}
	reference := map[string]any{"name": "reference", "in": "path", "required": true,
		"description": "The dossier's reference, as the person reads it (ABCD-2345) or without its dash.", "schema": str}
	states := []string{"en_construction", "en_instruction", "accepte", "refuse", "sans_suite"}
	readErrors := func(answers map[string]any) map[string]any {
		answers["401"] = errorAnswer("No token, or a token unknown or revoked.")
		answers["404"] = errorAnswer("No sent dossier of the token's organisation has this reference: another organisation's dossier is not found either.")
		return answers
	}
	// A write: the token must not be read-only; If-Match and
	// Idempotency-Key are optional.
	write := func(id, summary, desc, schema string, example any, ok string, okAnswer map[string]any) map[string]any {
		return map[string]any{"post": map[string]any{
			"operationId": id, "summary": summary, "description": desc + " " + writeRules, "tags": []string{"dossiers"},
			"security": bearer,
			"parameters": []any{reference,
				map[string]any{"name": "If-Match", "in": "header", "required": false, "schema": str,
					"description": "The version (ETag of GET) the change is decided from: 412 if the dossier changed since. Without it, the change applies to the dossier as it is."},
				map[string]any{"name": "Idempotency-Key", "in": "header", "required": false, "schema": map[string]any{"type": "string", "maxLength": 255},
					"description": "A key of your own (a UUID) for this write: sent again with the same body within 24 hours, the first answer comes back (with Idempotent-Replayed: true) and nothing is done twice."},
			},
			"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{
				"schema": ref(schema), "example": example}}},
			"responses": readErrors(map[string]any{
				ok:    okAnswer,
				"400": errorAnswer("The body is not the JSON expected, or a field is wrong: `fields` says which, in French."),
				"403": errorAnswer("The token is read-only (code read_only_token)."),
				"409": errorAnswer("The dossier's state does not allow it (a correction is awaited, already decided…), or another change was made at the same moment (code changed): read it again."),
				"412": errorAnswer("The dossier changed since the version of If-Match (code changed)."),
				"413": errorAnswer("The body is over 64 KB."),
			}),
		}}
	}
	file := map[string]any{"type": "object", "required": []string{"id", "name", "content_type", "size", "download_url"}, "properties": map[string]any{
		"id": map[string]any{"type": "integer", "format": "int64"}, "name": str,
		"field":        text("The form field the file answers; absent for a message's attachment."),
		"content_type": str, "size": map[string]any{"type": "integer", "format": "int64"}, "sha256": str,
		"uploaded_at":  when("When it was sent."),
		"download_url": map[string]any{"type": "string", "format": "uri", "description": "GET it with the same token."},
	}}
	summary := map[string]any{"type": "object", "required": []string{"reference", "procedure", "state", "correction_requested", "submitted_at", "updated_at", "url"},
		"properties": map[string]any{
			"reference":            text("ABCD-2345: what the person reads on their receipt."),
			"procedure":            text("The procedure's slug, as in /api/v1/procedures."),
			"state":                map[string]any{"type": "string", "enum": states},
			"correction_requested": map[string]any{"type": "boolean", "description": "A correction is asked and the person has not sent it yet."},
			"submitted_at":         when("When the person sent it: the list's order."),
			"updated_at":           when("Its last change."),
			"decided_at":           when("When it was decided; absent until then."),
			"url":                  map[string]any{"type": "string", "format": "uri"},
		}}
	return openAPIPart{
		paths: map[string]any{
			"/api/v1/dossiers": map[string]any{"get": map[string]any{
				"operationId": "listDossiers",
				"summary":     "List the sent dossiers of the token's organisation",
				"description": "Oldest sent first, by pages. Keep `next_cursor` and send it back as `cursor`: the next page starts after the last dossier read, " +
					"and dossiers sent in between come after it, so that pages never repeat nor skip one. An empty page still gives a `next_cursor`: " +
					"keep it to read later only the dossiers sent since. The list holds no personal data; reading a dossier does, and is logged.",
				"tags":     []string{"dossiers"},
				"security": bearer,
				"parameters": []any{
					query("procedure", "Only this procedure's dossiers (its slug).", str),
					query("state", "Only the dossiers in this state.", map[string]any{"type": "string", "enum": states}),
					query("since", "Only the dossiers sent at or after this time, RFC 3339.", map[string]any{"type": "string", "format": "date-time"}),
					query("cursor", "The `next_cursor` of the previous page, as it was given.", str),
					query("limit", "Page size, 1 to 200 (default 50).", map[string]any{"type": "integer", "minimum": 1, "maximum": 200}),
				},
				"responses": map[string]any{
					"200": jsonAnswer("A page of dossiers.", "DossierList"),
					"400": errorAnswer("A parameter cannot be read (state, since, cursor, limit); the message says which, in French."),
					"401": errorAnswer("No token, or a token unknown or revoked."),
				},
			}},
			"/api/v1/dossiers/{reference}": map[string]any{"get": map[string]any{
				"operationId": "getDossier",
				"summary":     "Read a dossier: answers, files, timeline, messages",
				"description": "The read is written to the audit log, attributed to the token. The answer's ETag (and `version`) is the dossier's version, for If-Match on a change.",
				"tags":        []string{"dossiers"},
				"security":    bearer,
				"parameters":  []any{reference},
				"responses": readErrors(map[string]any{
					"200": map[string]any{"description": "The dossier.",
						"headers": map[string]any{"ETag": map[string]any{"description": "The dossier's version.", "schema": str}},
						"content": map[string]any{"application/json": map[string]any{"schema": ref("Dossier")}}},
				}),
			}},
			"/api/v1/dossiers/{reference}/files/{id}": map[string]any{"get": map[string]any{
				"operationId": "getDossierFile",
				"summary":     "Download a file of a dossier",
				"description": "The file as the person sent it (PDF, JPEG, PNG or HEIC), as an attachment. The read is written to the audit log.",
				"tags":        []string{"dossiers"},
				"security":    bearer,
				"parameters": []any{reference, map[string]any{"name": "id", "in": "path", "required": true,
					"schema": map[string]any{"type": "integer", "format": "int64"}, "description": "The file's id, as in the dossier."}},
				"responses": readErrors(map[string]any{
					"200": map[string]any{"description": "The file.", "content": map[string]any{
						"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}},
				}),
			}},
			"/api/v1/dossiers/{reference}/state": write("changeDossierState", "Take, decide or reopen a dossier",
				"en_instruction takes a sent dossier (or reopens a decision); accepte, refuse and sans_suite decide it, with a motive the person reads "+
					"(required to refuse or close). The same rules as the agents' pages apply; the person is told.",
				"StateChange", map[string]any{"state": "accepte", "motive": "Votre demande remplit les conditions."},
				"200", jsonAnswer("The dossier as it now is.", "DossierSummary")),
			"/api/v1/dossiers/{reference}/corrections": write("requestDossierCorrection", "Ask the person to correct their dossier",
				"The dossier goes back to the person with the reason, the fields to fix and a message; they are told.",
				"CorrectionRequest", map[string]any{"reason": "incomplete", "message": "Il manque votre justificatif de domicile.", "fields": []string{"justificatif"}},
				"200", jsonAnswer("The dossier as it now is.", "DossierSummary")),
			"/api/v1/dossiers/{reference}/messages": write("postDossierMessage", "Write to the person about their dossier",
				"The message is shown on the dossier's page and the person is told.",
				"MessageInput", map[string]any{"message": "Nous avons bien reçu vos pièces."},
				"201", jsonAnswer("The message written.", "MessageCreated")),
		},
		schemas: map[string]any{
			"DossierSummary": summary,
			"DossierList": map[string]any{"type": "object", "required": []string{"dossiers", "next_cursor", "has_more"}, "properties": map[string]any{
				"dossiers":    map[string]any{"type": "array", "items": ref("DossierSummary")},
				"next_cursor": text("Where the next page starts: send it back as cursor. Empty only when the list is empty from its start."),
				"has_more":    map[string]any{"type": "boolean", "description": "Another page follows now."},
			}},
			"DossierFile": file,
			"Dossier": map[string]any{"allOf": []any{ref("DossierSummary"), map[string]any{"type": "object",
				"required": []string{"version", "answers", "files", "timeline", "messages"}, "properties": map[string]any{
					"version": text("The dossier's version, as its ETag: give it in If-Match to change it only if nobody did since."),
					"answers": map[string]any{"type": "object", "description": "The answers by form field, each as the form encodes it ({\"text\": …}, a file's id…).",
						"additionalProperties": true},
					"files": map[string]any{"type": "array", "items": ref("DossierFile"), "description": "The files answering form fields."},
					"timeline": map[string]any{"type": "array", "description": "Newest first.", "items": map[string]any{"type": "object",
						"required": []string{"at", "kind", "text", "actor"}, "properties": map[string]any{
							"at": when("When."), "kind": text("commence, etat, message, correction_demandee, correction_envoyee…"),
							"text": text("What happened, in French."), "from_state": str, "to_state": str,
							"detail": text("The motive of a decision, the reason of a correction…"),
							"actor":  map[string]any{"type": "string", "enum": []string{"person", "agent", "token", "system"}},
							"token":  text("The token's name, when a token acted."),
						}}},
					"messages": map[string]any{"type": "array", "description": "Newest first.", "items": map[string]any{"type": "object",
						"required": []string{"id", "at", "from", "body", "files"}, "properties": map[string]any{
							"id": map[string]any{"type": "integer", "format": "int64"}, "at": when("When."),
							"from": map[string]any{"type": "string", "enum": []string{"person", "administration"}},
							"body": str, "files": map[string]any{"type": "array", "items": ref("DossierFile")},
						}}},
					"correction": map[string]any{"type": "object", "description": "The open correction request; absent when none.",
						"properties": map[string]any{"requested_at": when("When."), "reason": str,
							"fields": map[string]any{"type": "array", "items": str}, "message": str}},
				}}}},
			"StateChange": map[string]any{"type": "object", "required": []string{"state"}, "additionalProperties": false, "properties": map[string]any{
				"state":  map[string]any{"type": "string", "enum": []string{"en_instruction", "accepte", "refuse", "sans_suite"}},
				"motive": text("What the person reads of the decision; required for refuse and sans_suite."),
			}},
			"CorrectionRequest": map[string]any{"type": "object", "required": []string{"reason", "message", "fields"}, "additionalProperties": false,
				"properties": map[string]any{
					"reason":  map[string]any{"type": "string", "enum": []string{"incorrect", "incomplete", "outdated"}},
					"message": text("What the person must do, in their words."),
					"fields":  map[string]any{"type": "array", "minItems": 1, "items": str, "description": "The form fields to correct (keys of answers)."},
				}},
			"MessageInput": map[string]any{"type": "object", "required": []string{"message"}, "additionalProperties": false, "properties": map[string]any{
				"message": map[string]any{"type": "string", "maxLength": 5000},
			}},
			"MessageCreated": map[string]any{"type": "object", "required": []string{"id", "at"}, "properties": map[string]any{
				"id": map[string]any{"type": "integer", "format": "int64"}, "at": when("When it was written."),
			}},
		},
	}
}

// writeRules are said of every change of a dossier.
const writeRules = "Needs a token that is not read-only. The change is attributed to the token in the dossier's history and the audit log."
