package web

import "guichet/internal/identity"

// route is one entry of the HTML surface: a method pattern, who may use it
// and its handler. The authorisation test walks this list.
type route struct {
	pattern string
	access  access
	handle  handlerFunc
}

// bodyRules are the routes that take another body than an ordinary form
// (at most maxFormBody, no file); wrap applies them to every route.
var bodyRules = map[string]bodyRule{
	"POST /admin/lieux/import": {limit: maxImportBytes + 64<<10, file: true},
	// The live score of a text answers as the person types: a short body.
	"POST /espace/{org}/demarches/lisibilite": {limit: maxReadabilityText},
	// The live SMS count of the template editor: a short text.
	"POST /espace/{org}/notifications/{kind}/compter": {limit: maxReadabilityText},
	// The CSV of the recipients of a collective message.
	"POST /espace/{org}/envois": {limit: maxCollectiveUpload, file: true},
	// A dossier's pages take files: up to a dossier's worth, so that a file
	// over its field's limit reaches the page, which says so and keeps the rest.
	"POST /mes-demarches/{id}/etape/{n}": {limit: maxDossierUpload, file: true},
	"POST /mes-demarches/{id}/corriger":  {limit: maxDossierUpload, file: true},
	"POST /mes-demarches/{id}/messages":  {limit: maxDossierUpload, file: true},
	// A tutorial's step: its texts and one picture.
	"POST /espace/{org}/demarches/{slug}/tutoriels/{id}/etapes": {limit: maxTutorialStepBody, file: true},
}

// routes lists every page of Guichet, with who may open it.
func (s *Server) routes() []route {
	owner := staff(identity.RoleProcedureOwner)
	anyStaff := staff(identity.RoleMediator, identity.RoleAgent, identity.RoleProcedureOwner,
		identity.RoleObservatory, identity.RoleAdmin)
	// The JSON API, /healthz, /readyz, /metrics and /static/ are mounted
	// beside these pages by the root router of internal/app.
	return []route{
		// Public pages.
		{"GET /{$}", anyone, s.home},
		{"GET /accessibilite", anyone, s.accessibilityPage},
		{"GET /mentions-legales", anyone, s.staticPage("mentions-legales", "Mentions légales")},
		{"GET /donnees-personnelles", anyone, s.staticPage("donnees-personnelles", "Données personnelles")},
		{"GET /aide", anyone, s.staticPage("aide", "Aide et contact")},
		// Observatoire: the indicators of every procedure, public.
		{"GET /observatoire", anyone, s.observatoryPage},
		{"GET /observatoire/alertes", anyone, s.observatoryAlertsPage},
		{"GET /observatoire/priorites", anyone, s.observatoryPrioritiesPage},
		{"GET /observatoire/recours-aux-droits", anyone, s.rightsTakeUp},
		{"GET /observatoire/{slug}", anyone, s.observatoryProcedurePage},

		// Sign-in, sign-up, second factor, password reset.
		{"GET /connexion", anyone, s.signInPage},
		{"POST /connexion", anyone, s.signIn},
		{"GET /connexion/oidc", anyone, s.oidcStart},
		{"GET /connexion/oidc/retour", anyone, s.oidcCallback},
		{"GET /connexion/proconnect", anyone, s.oidcStart},
		{"GET /connexion/proconnect/retour", anyone, s.oidcCallback},
		{"GET /connexion/rattacher", anyone, s.linkPage},
		{"POST /connexion/rattacher", anyone, s.link},
		{"GET /deconnexion/retour", anyone, s.signOutReturn},
		{"GET /oidc/jwks", anyone, s.oidcKeys},
		{"GET /inscription", anyone, s.signUpPage},
		{"POST /inscription", anyone, s.signUp},
		{"POST /inscription/renvoyer", anyone, s.resendVerification},
		{"GET /inscription/confirmer", anyone, s.verifyEmailPage},
		{"POST /inscription/confirmer", anyone, s.verifyEmail},
		{"GET /connexion/second-facteur", secondFac, s.secondFactorPage},
		{"POST /connexion/second-facteur", secondFac, s.secondFactor},
		{"POST /connexion/code-de-secours", secondFac, s.recoveryCode},
		{"GET /connexion/second-facteur/activer", secondFac, s.enrolPage},
		{"POST /connexion/second-facteur/activer", secondFac, s.enrol},
		{"POST /connexion/second-facteur/activer/cle", secondFac, s.enrolKey},
		{"POST /deconnexion", secondFac, s.signOut},
		{"GET /mot-de-passe/oublie", anyone, s.forgotPage},
		{"POST /mot-de-passe/oublie", anyone, s.forgot},
		{"GET /mot-de-passe/nouveau", anyone, s.newPasswordPage},
		{"POST /mot-de-passe/nouveau", anyone, s.newPassword},

		// A person's own account.
		{"GET /compte", signedIn, s.accountPage},
		{"POST /compte/connexions/{id}/fermer", signedIn, s.closeSession},
		{"GET /compte/notifications", signedIn, s.notifyAccountPage},
		{"POST /compte/notifications", signedIn, s.notifyChannels},
		{"POST /compte/notifications/telephone", signedIn, s.notifyPhone},
		{"POST /compte/notifications/code", signedIn, s.notifyCode},
		{"GET /compte/mandats", signedIn, s.accountMandates},
		{"POST /compte/mandats/{id}/arreter", signedIn, s.accountMandateRevoke},
		// Dites-le-nous une fois: the profile that pre-fills forms.
		{"GET /compte/profil", signedIn, s.profileShow},
		{"GET /compte/profil/{item}", signedIn, s.profileEditPage},
		{"POST /compte/profil/{item}", signedIn, s.profileSave},
		{"GET /compte/acces", signedIn, s.accessLogPage},
		{"GET /compte/consentements", signedIn, s.consentAccount},
		{"POST /compte/consentements", signedIn, s.consentGive},
		{"POST /compte/consentements/{id}/retirer", signedIn, s.consentWithdraw},
		// Accès aux droits: with the person's consent, the aid they may be missing.
		{"GET /compte/droits", signedIn, s.rightsSuggestions},
		{"POST /compte/droits", signedIn, s.rightsAllow},
		{"POST /compte/droits/retirer", signedIn, s.rightsWithdraw},
		{"POST /compte/droits/{slug}/commencer", signedIn, s.rightsFollow},
		{"POST /compte/droits/{slug}/ecarter", signedIn, s.rightsDismiss},
		{"GET /compte/droits/{slug}/inattendu", signedIn, s.rightsUnexpectedPage},
		{"POST /compte/droits/{slug}/inattendu", signedIn, s.rightsUnexpected},

		// Staff spaces: each organisation's pages only for its members.
		{"GET /espace", anyStaff, s.staffHome},
		{"GET /espace/{org}", anyStaff, s.orgHome},
		// The organisation's API tokens, for its administrators only.
		{"GET /espace/{org}/jetons", staff(identity.RoleAdmin), s.tokensPage},
		{"POST /espace/{org}/jetons", staff(identity.RoleAdmin), s.createToken},
		{"POST /espace/{org}/jetons/{id}/retirer", staff(identity.RoleAdmin), s.revokeToken},
		// Its webhooks: endpoints, their deliveries, replays.
		{"GET /espace/{org}/webhooks", staff(identity.RoleAdmin), s.webhooksPage},
		{"POST /espace/{org}/webhooks", staff(identity.RoleAdmin), s.createWebhook},
		{"GET /espace/{org}/webhooks/{id}", staff(identity.RoleAdmin), s.webhookPage},
		// {action} is desactiver, activer or supprimer.
		{"POST /espace/{org}/webhooks/{id}/{action}", staff(identity.RoleAdmin), s.webhookAction},
		{"POST /espace/{org}/webhooks/{id}/envois/{delivery}/renvoyer", staff(identity.RoleAdmin), s.webhookReplay},

		// Catalogue.
		{"GET /demarches", anyone, s.catalogueSearchPage},
		{"GET /demarches/categorie/{cat}", anyone, s.catalogueCategoryPage},
		{"GET /demarches/{slug}", anyone, s.procedurePage},
		// {part} is "facile-a-lire", "avis" (the feedback questionnaire), or
		// "commencer" for signed-in people
		// (see procedurePart: a pattern of its own would clash with
		// /demarches/categorie/{cat}).
		{"GET /demarches/{slug}/{part}", anyone, s.procedurePart},
		// Écoute: the feedback questionnaire of every procedure, anonymous.
		{"POST /demarches/{slug}/avis", anyone, s.giveFeedback},
		{"GET /demarches/{slug}/avis/merci", anyone, s.feedbackThanks},
		// Écoute: the experiences people tell (GET through {part}), moderated
		// before publication, and how each administration answers them.
		{"POST /demarches/{slug}/experiences", anyone, s.tellExperience},
		{"GET /organismes/{name}", anyone, s.administrationPage},
		// Tutorials ("Comment faire, pas à pas"), once their owners published them.
		{"GET /demarches/{slug}/tutoriels/{id}", anyone, s.tutorialPage},
		{"GET /demarches/{slug}/tutoriels/{id}/etapes/{step}/image", anyone, s.tutorialPicture(false)},
		// The public boards of actions (a procedure's through {part}), following one by e-mail.
		{"GET /organismes/{name}/actions", anyone, s.orgActionsPage},
		{"GET /actions/{id}", anyone, s.actionPage},
		{"POST /actions/{id}/suivre", anyone, s.followAction},
		// The links of the e-mails to followers ({token} is their secret):
		// {what} is confirmer (double opt-in) or arreter; a page, then a button.
		{"GET /actions/suivi/{token}/{what}", anyone, s.followingPage},
		{"POST /actions/suivi/{token}/{what}", anyone, s.followingChange},
		{"GET /evenements", anyone, s.lifeEventsPage},
		{"GET /evenements/{slug}", anyone, s.lifeEventPage},
		// Mes droits: the answers travel in posted forms and a sealed cookie, never in addresses.
		{"GET /mes-droits", anyone, s.rightsStart},
		{"POST /mes-droits/commencer", anyone, s.rightsBegin},
		{"POST /mes-droits/effacer", anyone, s.rightsClear},
		{"GET /mes-droits/questions", anyone, s.rightsQuestion},
		{"POST /mes-droits/questions", anyone, s.rightsAnswer},
		{"GET /mes-droits/resultat", anyone, s.rightsResult},
		{"POST /mes-droits/garder", signedIn, s.rightsKeep},
		{"GET /mes-droits/gardes", signedIn, s.rightsKeptList},
		{"GET /mes-droits/gardes/{id}", signedIn, s.rightsKeptResult},
		{"POST /mes-droits/gardes/{id}/supprimer", signedIn, s.rightsForget},
		{"GET /espace/{org}/demarches", owner, s.staffProcedures},
		{"GET /espace/{org}/demarches/nouvelle", owner, s.staffProcedureNew},
		{"POST /espace/{org}/demarches/lisibilite", owner, s.staffReadability},
		{"POST /espace/{org}/demarches", owner, s.staffProcedureCreate},
		{"GET /espace/{org}/demarches/{slug}", owner, s.staffProcedureEdit},
		{"POST /espace/{org}/demarches/{slug}", owner, s.staffProcedureSave},
		{"POST /espace/{org}/demarches/{slug}/publier", owner, s.staffProcedurePublish},
		{"POST /espace/{org}/demarches/{slug}/retirer", owner, s.staffProcedureUnpublish},
		{"GET /espace/{org}/demarches/{slug}/historique", owner, s.staffProcedureHistory},
		{"GET /espace/{org}/demarches/{slug}/equipe", owner, s.teamPage},
		{"GET /espace/{org}/demarches/{slug}/chiffres", owner, s.figuresPage},
		{"GET /espace/{org}/observatoire", owner, s.observatoryOwnerPage},
		{"GET /espace/{org}/demarches/{slug}/observatoire", owner, s.observatoryDeclarePage},
		{"POST /espace/{org}/demarches/{slug}/observatoire", owner, s.observatoryDeclare},
		{"POST /espace/{org}/demarches/{slug}/equipe", owner, s.teamSave},
		{"GET /espace/{org}/demarches/{slug}/brouillons", owner, s.monthsPage(s.draftLifetime())},
		{"POST /espace/{org}/demarches/{slug}/brouillons", owner, s.monthsSave(s.draftLifetime())},
		{"GET /espace/{org}/demarches/{slug}/conservation", owner, s.monthsPage(s.closedRetention())},
		{"POST /espace/{org}/demarches/{slug}/conservation", owner, s.monthsSave(s.closedRetention())},
		{"GET /espace/{org}/demarches/{slug}/versions/{n}", owner, s.staffProcedureRevision},
		{"GET /espace/{org}/demarches/{slug}/formulaire", owner, s.formEditorPage},
		{"POST /espace/{org}/demarches/{slug}/formulaire", owner, s.formEditorAction},
		{"GET /espace/{org}/demarches/{slug}/formulaire/champ", owner, s.formFieldPage},
		{"POST /espace/{org}/demarches/{slug}/formulaire/champ", owner, s.formFieldSave},
		{"GET /espace/{org}/demarches/{slug}/formulaire/apercu", owner, s.formPreview},
		{"POST /espace/{org}/demarches/{slug}/formulaire/publier", owner, s.formPublish},
		// Écoute: a procedure's feedback, its link and QR code, the paper forms typed by agents.
		{"GET /espace/{org}/demarches/{slug}/avis", staff(feedbackStaffRoles...), s.staffFeedbackPage},
		{"POST /espace/{org}/demarches/{slug}/avis", staff(feedbackStaffRoles...), s.enterFeedback},
		// Écoute: the tutorials of a procedure, written step by step by its owners.
		{"GET /espace/{org}/demarches/{slug}/tutoriels", owner, s.staffTutorialsPage},
		{"POST /espace/{org}/demarches/{slug}/tutoriels", owner, s.createTutorial},
		{"GET /espace/{org}/demarches/{slug}/tutoriels/{id}", owner, s.staffTutorialPage},
		{"POST /espace/{org}/demarches/{slug}/tutoriels/{id}/etapes", owner, s.addTutorialStep},
		{"GET /espace/{org}/demarches/{slug}/tutoriels/{id}/etapes/{step}/image", owner, s.tutorialPicture(true)},
		// {change} is monter, descendre or supprimer a step; publier or retirer the tutorial.
		{"POST /espace/{org}/demarches/{slug}/tutoriels/{id}/etapes/{step}/{change}", owner, s.changeTutorial},
		{"POST /espace/{org}/demarches/{slug}/tutoriels/{id}/{change}", owner, s.changeTutorial},
		// Écoute: the experiences told about the organisation's procedures, moderated and answered by its staff.
		{"GET /espace/{org}/experiences", staff(feedbackStaffRoles...), s.moderationPage},
		{"POST /espace/{org}/experiences/{id}/publier", staff(feedbackStaffRoles...), s.moderate("publiee")},
		{"POST /espace/{org}/experiences/{id}/refuser", staff(feedbackStaffRoles...), s.moderate("refusee")},
		{"POST /espace/{org}/experiences/{id}/repondre", staff(feedbackStaffRoles...), s.moderate("repondue")},
		// Écoute: the actions an organisation decides from what it heard (the
		// observatory's too, from the ideas about the service).
		{"GET /espace/{org}/actions", staff(actionRoles...), s.staffActionsPage},
		{"POST /espace/{org}/actions", staff(actionRoles...), s.createAction},
		{"POST /espace/{org}/actions/{id}/etat", staff(actionRoles...), s.actionChange("etat")},
		{"POST /espace/{org}/actions/{id}/jalons", staff(actionRoles...), s.actionChange("jalon")},
		// Écoute: listening workshops and what participants said.
		{"GET /espace/{org}/ateliers", staff(workshopRoles...), s.workshopsPage},
		{"POST /espace/{org}/ateliers", staff(workshopRoles...), s.recordWorkshop},
		{"POST /espace/{org}/ateliers/{id}/verbatims", staff(workshopRoles...), s.addVerbatim},
		// Écoute: the agents' suggestion box, shared by the staff of every
		// organisation and never public; the owner answers (checked by the service).
		{"GET /espace/{org}/idees", anyStaff, s.suggestionsPage},
		{"POST /espace/{org}/idees", anyStaff, s.suggest},
		{"GET /espace/{org}/idees/{id}", anyStaff, s.suggestionPage},
		{"POST /espace/{org}/idees/{id}/voter", anyStaff, s.suggestionAction("voter")},
		{"POST /espace/{org}/idees/{id}/commenter", anyStaff, s.suggestionAction("commenter")},
		{"POST /espace/{org}/idees/{id}/repondre", anyStaff, s.suggestionAction("repondre")},
		// Écoute: the good practices staff of every organisation share ("boîte
		// à outils"), each crediting its organisation; never public.
		{"GET /espace/{org}/boite-a-outils", anyStaff, s.toolboxPage},
		{"POST /espace/{org}/boite-a-outils", anyStaff, s.addPractice},
		{"GET /espace/{org}/boite-a-outils/{id}", anyStaff, s.practicePage},
		// The synonyms serve every organisation's procedures: platform staff
		// only (the admin role until a platform administrator exists).
		{"GET /espace/catalogue/synonymes", platformAdmin, s.synonymsPage},
		{"POST /espace/catalogue/synonymes", platformAdmin, s.synonymsSave},

		// Online procedures: the person's drafts and dossiers.
		{"POST /demarches/{slug}/commencer-un-autre", signedIn, s.forPerson(s.dossierStartAnother)},
		{"GET /mes-demarches", signedIn, s.forPerson(s.dossiersList)},
		{"GET /mes-demarches/{id}", signedIn, s.forPerson(s.dossierShow)},
		{"GET /mes-demarches/{id}/etape/{n}", signedIn, s.forPerson(s.dossierStep)},
		{"POST /mes-demarches/{id}/etape/{n}", signedIn, s.forPerson(s.dossierStepSave)},
		{"GET /mes-demarches/{id}/verifier", signedIn, s.forPerson(s.dossierReview)},
		{"POST /mes-demarches/{id}/envoyer", signedIn, s.forPerson(s.dossierSubmit)},
		{"GET /mes-demarches/{id}/recu", signedIn, s.forPerson(s.dossierReceipt)},
		{"GET /mes-demarches/{id}/recu.pdf", signedIn, s.forPerson(s.dossierReceiptPDF)},
		{"GET /mes-demarches/{id}/fichiers/{file}", signedIn, s.forPerson(s.dossierFile)},
		{"POST /mes-demarches/{id}/messages", signedIn, s.forPerson(s.dossierMessage)},
		{"GET /mes-demarches/{id}/corriger", signedIn, s.forPerson(s.dossierCorrectPage)},
		{"POST /mes-demarches/{id}/corriger", signedIn, s.forPerson(s.dossierCorrect)},
		{"POST /mes-demarches/{id}/supprimer", signedIn, s.forPerson(s.dossierDelete)},

		// Places.
		{"GET /lieux", anyone, s.placesSearchPage},
		{"GET /lieux/{id}", anyone, s.placePage},
		{"GET /espace/{org}/lieux", staff(identity.RoleMediator), s.staffPlaces},
		{"GET /espace/{org}/lieux/{id}", staff(identity.RoleMediator), s.staffPlaceEdit},
		{"POST /espace/{org}/lieux/{id}", staff(identity.RoleMediator), s.staffPlaceSave},
		{"GET /admin/lieux/import", platformAdmin, s.placesImportPage},
		{"POST /admin/lieux/import", platformAdmin, s.placesImport},

		// Mediation: the mandates a help structure's mediators record with the
		// person present, and the public check of their attestations.
		{"GET /espace/{org}/mandats", staff(identity.RoleMediator), s.staffMandates},
		{"GET /espace/{org}/mandats/nouveau", staff(identity.RoleMediator), s.staffMandateNew},
		{"POST /espace/{org}/mandats", staff(identity.RoleMediator), s.staffMandateCreate},
		{"GET /espace/{org}/mandats/{id}", staff(identity.RoleMediator), s.staffMandate},
		{"POST /espace/{org}/mandats/{id}/arreter", staff(identity.RoleMediator), s.staffMandateRevoke},
		// The aid suggested to the person, under a mandate for social or argent (checked by rights).
		{"GET /espace/{org}/mandats/{id}/droits", staff(identity.RoleMediator), s.rightsMediator},
		{"GET /mandats/verifier", anyone, s.mandateCheck},
		// Acting for a person under a mandate: pick them, stop (from the
		// banner of every page). The dossiers pages above then serve that
		// person's dossiers, checking the mandate on every request.
		{"GET /espace/{org}/agir", staff(identity.RoleMediator), s.actingPick},
		{"POST /espace/{org}/agir/{id}", staff(identity.RoleMediator), s.actingStart},
		{"POST /agir/arreter", signedIn, s.actingStop},
		{"POST /espace/{org}/mandats/{id}/renouveler", staff(identity.RoleMediator), s.staffMandateRenew},
		{"POST /espace/{org}/mandats/{id}/domicilier", staff(identity.RoleMediator), s.staffMandateDomicile},
		// The structure's inbox for the people it domiciles: each read of a
		// person's messages goes in their access log.
		{"GET /espace/{org}/domiciliations", staff(identity.RoleMediator), s.staffInbox},
		{"GET /espace/{org}/domiciliations/{person}", staff(identity.RoleMediator), s.staffInboxPerson},
		{"POST /compte/domiciliation/arreter", signedIn, s.accountUndomicile},

		// Appointments: the free slots of a place, booked without an account;
		// the link of the confirmation (an unguessable token) shows, moves,
		// cancels the appointment and gives its calendar file.
		{"GET /lieux/{id}/rendez-vous", anyone, s.placeAppointments},
		{"GET /rendez-vous/creneaux/{id}", anyone, s.bookingPage},
		{"POST /rendez-vous/creneaux/{id}", anyone, s.book},
		// The code sent to the contact, typed before a booking counts.
		{"GET /rendez-vous/confirmer/{token}", anyone, s.confirmPage},
		{"POST /rendez-vous/confirmer/{token}", anyone, s.confirmBooking},
		{"GET /rendez-vous/gerer/{token}", anyone, s.managePage},
		{"POST /rendez-vous/gerer/{token}/annuler", anyone, s.cancelBooking},
		{"GET /rendez-vous/gerer/{token}/deplacer", anyone, s.movePage},
		{"POST /rendez-vous/gerer/{token}/deplacer", anyone, s.moveBooking},
		{"GET /rendez-vous/gerer/{token}/rendez-vous.ics", anyone, s.bookingICS},
		// The structure's mediators publish slots, see bookings, note no-shows.
		{"GET /espace/{org}/rendez-vous", staff(identity.RoleMediator), s.staffAppointments},
		{"GET /espace/{org}/rendez-vous/creneaux", staff(identity.RoleMediator), s.staffSeriesNew},
		{"POST /espace/{org}/rendez-vous/creneaux", staff(identity.RoleMediator), s.staffSeriesCreate},
		{"GET /espace/{org}/rendez-vous/creneaux/{id}", staff(identity.RoleMediator), s.staffSlot},
		{"POST /espace/{org}/rendez-vous/reservations/{id}/absent", staff(identity.RoleMediator), s.staffNoShow()},
		{"POST /espace/{org}/rendez-vous/reservations/{id}/annuler", staff(identity.RoleMediator), s.staffCancelBooking()},
		{"POST /espace/{org}/rendez-vous/creneaux/{id}/supprimer", staff(identity.RoleMediator), s.staffDeleteSlot},
		// Activity reports (CRA): one short page per accompaniment, statistics
		// per structure, and every structure's for the observatory.
		{"GET /espace/{org}/activite", staff(identity.RoleMediator), s.activityPage},
		{"POST /espace/{org}/activite", staff(identity.RoleMediator), s.activitySave},
		{"GET /espace/{org}/activite/statistiques", staff(identity.RoleMediator), s.activityStats},
		{"GET /espace/{org}/activite/statistiques.csv", staff(identity.RoleMediator), s.activityCSV(false)},
		{"GET /espace/{org}/activite/toutes-structures", staff(identity.RoleObservatory), s.activityAll},
		{"GET /espace/{org}/activite/toutes-structures.csv", staff(identity.RoleObservatory), s.activityCSV(true)},

		// Notifications: the wording of automatic messages (procedure owners
		// and administrators), collective sends (agents and administrators).
		{"GET /espace/{org}/notifications", staff(identity.RoleProcedureOwner, identity.RoleAdmin), s.notifyTemplatesPage},
		{"GET /espace/{org}/notifications/{kind}/{channel}", staff(identity.RoleProcedureOwner, identity.RoleAdmin), s.notifyTemplatePage},
		{"POST /espace/{org}/notifications/{kind}/{channel}", staff(identity.RoleProcedureOwner, identity.RoleAdmin), s.notifyTemplateSave},
		{"POST /espace/{org}/notifications/{kind}/compter", staff(identity.RoleProcedureOwner, identity.RoleAdmin), s.notifySMSCount},
		// The agents' back office: the dossiers of the procedures of their team.
		{"GET /espace/{org}/dossiers", staff(identity.RoleAgent), s.queuePage},
		{"GET /espace/{org}/dossiers/{id}", staff(identity.RoleAgent), s.agentDossierPage},
		// The filtered list, streamed as a file.
		{"GET /espace/{org}/dossiers/export.csv", staff(identity.RoleAgent), s.exportDossiers("csv")},
		{"GET /espace/{org}/dossiers/export.json", staff(identity.RoleAgent), s.exportDossiers("json")},
		// One action on the dossiers ticked in the list, or on all of its filter.
		{"POST /espace/{org}/dossiers/lot", staff(identity.RoleAgent), s.bulkAction},
		{"GET /espace/{org}/dossiers/{id}/fichiers/{file}", staff(identity.RoleAgent), s.agentFile},
		// {action} is prendre, attribuer, etat, correction or message, each
		// posting the version it was shown, or note (private to the team).
		{"POST /espace/{org}/dossiers/{id}/{action}", staff(identity.RoleAgent), s.agentAction},
		// Changes people declared once, in the agents' queue as tasks.
		{"GET /espace/{org}/changements", staff(identity.RoleAgent), s.changesTasks},
		{"POST /espace/{org}/changements/{id}/recu", staff(identity.RoleAgent), s.changesTaskDone},
		{"GET /espace/{org}/envois", staff(identity.RoleAgent, identity.RoleAdmin), s.collectiveFormPage},
		{"POST /espace/{org}/envois", staff(identity.RoleAgent, identity.RoleAdmin), s.collectivePrepare},
		// The pace of collective sends: the organisation's administrator.
		{"GET /espace/{org}/envois/rythme", staff(identity.RoleAdmin), s.notifyRatePage},
		{"POST /espace/{org}/envois/rythme", staff(identity.RoleAdmin), s.notifyRateSave},
		{"GET /espace/{org}/envois/{id}", staff(identity.RoleAgent, identity.RoleAdmin), s.collectivePage},
		{"POST /espace/{org}/envois/{id}/envoyer", staff(identity.RoleAgent, identity.RoleAdmin), s.collectiveSend},

		// Platform administration.
		{"GET /admin", platformAdmin, s.adminHome},
		{"POST /admin/comptes", platformAdmin, s.adminCreateAccount},
	}
}
