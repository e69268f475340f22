package api

// routes lists every API route. The reads are public; a route that changes
// data or reads personal data checks its caller's token with auth.Check.
func (s *Server) routes() map[string]handlerFunc {
	return map[string]handlerFunc{
		"GET /api/v1/openapi.json": s.openAPI,
		// Catalogue.
		"GET /api/v1/procedures":        s.searchProcedures,
		"GET /api/v1/procedures/{slug}": s.getProcedure,
		"GET /api/v1/life-events":       s.lifeEvents,
		"GET /api/v1/procedures.csv":    s.exportProceduresCSV,
		"GET /api/v1/procedures.json":   s.exportProceduresJSON,
		// Places.
		"GET /api/v1/places":      s.searchPlaces,
		"GET /api/v1/places/{id}": s.getPlace,
		"GET /api/v1/places.csv":  s.exportPlacesCSV(),
		"GET /api/v1/places.json": s.exportPlacesJSON(),
		// Delivery receipts of the SMS provider: no session, the provider's
		// own secret or signature authenticates them (notify.Service.Receipts).
		"POST /api/v1/notifications/receipts/{provider}": s.smsReceipts,
		// Écoute: the published experiences and their replies, the boards of
		// actions (public, open data).
		"GET /api/v1/procedures/{slug}/experiences": s.procedureExperiences,
		"GET /api/v1/procedures/{slug}/actions":     s.procedureActions,
		"GET /api/v1/organisations/{slug}/actions":  s.organisationActions,
		// Écoute: paper feedback, with an organisation's token (auth.OrgToken).
		"POST /api/v1/feedback": s.postFeedback,
		// Dites-le-nous une fois: an administration acknowledges a change
		// declared once, with its token (auth.OrgToken).
		"POST /api/v1/changes/{id}/ack": s.ackChange,
		// Mes droits: a priori eligibility from the questionnaire's answers; public,
		// nothing stored or logged.
		"POST /api/v1/eligibility": s.postEligibility,
		// Dossiers of the token's organisation (auth.OrgToken to read,
		// auth.OrgTokenWrite to change).
		"GET /api/v1/dossiers":                          s.listDossiers,
		"GET /api/v1/dossiers/{reference}":              s.getDossier,
		"GET /api/v1/dossiers/{reference}/files/{id}":   s.getDossierFile,
		"POST /api/v1/dossiers/{reference}/state":       s.postDossierState,
		"POST /api/v1/dossiers/{reference}/corrections": s.postDossierCorrection,
		"POST /api/v1/dossiers/{reference}/messages":    s.postDossierMessage,
		// Observatoire: the indicators of every procedure, open data.
		"GET /api/v1/observatory/indicators":     s.observatoryIndicators,
		"GET /api/v1/observatory/indicators.csv": s.observatoryIndicatorsCSV,
		"GET /api/v1/observatory/editions":       s.observatoryEditions,
		// Accès aux droits: take-up of the aid suggested with consent, open data.
		"GET /api/v1/rights/take-up":     s.rightsTakeUp,
		"GET /api/v1/rights/take-up.csv": s.rightsTakeUpCSV,
	}
}
