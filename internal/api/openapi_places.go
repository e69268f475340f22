package api

import "guichet/internal/places"

// placesOpenAPI describes the help places routes.
func placesOpenAPI() openAPIPart {
	str := map[string]any{"type": "string"}
	num := func(desc string) map[string]any { return map[string]any{"type": "number", "description": desc} }
	nullable := func(typ, desc string) map[string]any {
		return map[string]any{"type": typ, "nullable": true, "description": desc}
	}
	query := func(name, typ, desc string) map[string]any {
		return map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": map[string]any{"type": typ}}
	}
	list := func(name, desc string) map[string]any {
		return map[string]any{"name": name, "in": "query", "required": false, "description": desc,
			"style": "form", "explode": true, "schema": map[string]any{"type": "array", "items": str}}
	}
	openAt := query("open_at", "string", "Instant at which `open` is evaluated, RFC 3339 (default: now), e.g. 2024-05-07T10:00:00+02:00.")
	openAt["schema"] = map[string]any{"type": "string", "format": "date-time"}
	errorAnswer := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	jsonAnswer := func(desc, schema string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/" + schema}}}}
	}
	file := func(id, summary, mime string) map[string]any {
		return map[string]any{"get": map[string]any{"operationId": id, "summary": summary, "tags": []string{"places"},
			"security": []any{},
			"responses": map[string]any{"200": map[string]any{"description": "Every place, standard " + places.StandardVersion + ".",
				"content": map[string]any{mime: map[string]any{"schema": map[string]any{"type": "string"}}}},
				"413": map[string]any{"description": "The request carried a body over 64 KB (a read takes none).",
					"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
			}}}
	}

	placeFields := map[string]any{}
	for _, f := range places.Fields() {
		placeFields[f] = map[string]any{"type": "string", "description": "Field `" + f + "` of the standard; several values are joined by `|`; empty when not given."}
	}
	placeFields[places.FieldLatitude] = nullable("number", "Latitude, WGS84.")
	placeFields[places.FieldLongitude] = nullable("number", "Longitude, WGS84.")
	placeFields["open"] = nullable("boolean", "Whether the place is open at `open_at`; null when its hours are missing or cannot be read.")
	placeFields["status"] = map[string]any{"type": "string", "description": "The same in a French sentence, e.g. « Ouvert maintenant · ferme à 18 h 30 »; empty without readable hours."}
	placeFields["url"] = map[string]any{"type": "string", "format": "uri", "description": "The place's page on this instance."}

	return openAPIPart{
		paths: map[string]any{
			"/api/v1/places": map[string]any{"get": map[string]any{
				"operationId": "searchPlaces",
				"security":    []any{},
				"summary":     "Find help places near a town, a postcode or a position",
				"description": "Nearest first when a town, postcode, department or position is given (the search widens from 10 km until it fills the page unless radius_km is set); by town and name otherwise. List filters keep a place having any of the values given; different filters must all hold.",
				"tags":        []string{"places"},
				"parameters": []any{
					query("q", "string", "Town name, postcode or department number, e.g. Villeurbanne or 69100."),
					query("lat", "number", "Latitude in degrees; with lon, wins over q."),
					query("lon", "number", "Longitude in degrees."),
					query("radius_km", "number", "Keep only the places within this distance."),
					list("service", "Value of the standard's `services`, repeatable."),
					list("support", "Value of `prise_en_charge_specifique` (Surdité, Illettrisme…), repeatable."),
					list("public", "Value of `publics_specifiquement_adresses`, repeatable."),
					list("access", "Value of `modalites_acces`, or walk-in, phone, email, appointment; repeatable."),
					query("free", "boolean", "Only the places free of charge."),
					query("france_services", "boolean", "Only the places labelled France Services."),
					query("open_now", "boolean", "Only the places open at open_at."),
					openAt,
					query("limit", "integer", "Page size, 1 to 100 (default 20)."),
					query("offset", "integer", "Number of results skipped."),
				},
				"responses": map[string]any{
					"200": jsonAnswer("The page of places found and the total.", "PlaceSearch"),
					"400": errorAnswer("A parameter cannot be read; the message says which, in French."),
					"404": errorAnswer("No known place tells where the town or postcode is."),
				},
			}},
			"/api/v1/places/{id}": map[string]any{"get": map[string]any{
				"operationId": "getPlace",
				"security":    []any{},
				"summary":     "One help place with every field of the standard",
				"tags":        []string{"places"},
				"parameters": []any{
					map[string]any{"name": "id", "in": "path", "required": true, "description": "The place's `id` as its producer published it.", "schema": str},
					query("source", "string", "The producer (`source`), needed only when several producers use the same id."),
					openAt,
				},
				"responses": map[string]any{
					"200": jsonAnswer("The place.", "Place"),
					"400": errorAnswer("open_at cannot be read."),
					"404": errorAnswer("No place has this id."),
					"409": errorAnswer("Several producers use this id: give source."),
				},
			}},
			"/api/v1/places.csv":  file("exportPlacesCSV", "Every help place as a CSV file of the standard "+places.StandardVersion, "text/csv"),
			"/api/v1/places.json": file("exportPlacesJSON", "Every help place as a JSON file of the standard "+places.StandardVersion, "application/json"),
		},
		schemas: map[string]any{
			"PlaceResult": map[string]any{"type": "object", "properties": map[string]any{
				"id": str, "source": str, "nom": str, "adresse": str, "code_postal": str, "commune": str,
				"latitude":    nullable("number", "Latitude, WGS84."),
				"longitude":   nullable("number", "Longitude, WGS84."),
				"telephone":   str,
				"horaires":    map[string]any{"type": "string", "description": "OpenStreetMap opening_hours."},
				"distance_km": nullable("number", "Distance from the origin; null without an origin or coordinates."),
				"open":        placeFields["open"],
				"status":      placeFields["status"],
				"url":         placeFields["url"],
			}},
			"PlaceSearch": map[string]any{"type": "object", "properties": map[string]any{
				"results": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/PlaceResult"}},
				"total":   map[string]any{"type": "integer", "description": "Every place found, over all pages."},
				"origin": map[string]any{"type": "object", "nullable": true, "description": "Where distances are measured from.",
					"properties": map[string]any{"name": str, "postcode": str, "latitude": num("Degrees."), "longitude": num("Degrees."),
						"radius_km": num("Distance searched; 0 means the whole country."), "approximate": map[string]any{"type": "boolean"}}},
			}},
			"Place": map[string]any{"type": "object", "properties": placeFields},
		},
	}
}
