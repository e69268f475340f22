package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// pageCases lists at least one representative view of every page template;
// TestEveryPageTemplate fails when a template has none.
func pageCases() []pageCase {
	owner, admin, mediator := string(identity.RoleProcedureOwner), string(identity.RoleAdmin), string(identity.RoleMediator)
	formURL := "/espace/caf/demarches/prime-naissance/formulaire"
	agent := string(identity.RoleAgent)
	return []pageCase{
		{"home", "home", 200, get("/", "")},
		{"home", "home signed in", 200, get("/", string(identity.RoleCitizen))},
		{"accessibilite", "accessibility statement", 200, get("/accessibilite", "")},
		{"mentions-legales", "legal notice", 200, get("/mentions-legales", "")},
		{"donnees-personnelles", "personal data", 200, get("/donnees-personnelles", "")},
		{"aide", "help", 200, get("/aide", "")},
		{"observatory-board", "observatory", 200, get("/observatoire", "")},
		{"observatory-board", "observatory filtered", 200, get("/observatoire?administration=caf&categorie=famille", "")},
		{"observatory-procedure", "procedure indicators", 200, get("/observatoire/prime-naissance", "")},
		{"observatory-alerts", "alerts", 200, get("/observatoire/alertes", "")},
		{"observatory-priorities", "priorities", 200, get("/observatoire/priorites", "")},
		{"error", "not found", 404, get("/demarches/n-existe-pas", "")},
		{"signin", "sign-in", 200, get("/connexion", "")},
		{"signin", "wrong password", 422, post("/connexion", "", url.Values{"email": {"usager@demo.guichet.test"}, "password": {"mauvais-mot-de-passe"}})},
		{"signup", "sign-up", 200, get("/inscription", "")},
		{"signup", "sign-up with errors", 422, post("/inscription", "", url.Values{"email": {"pas-une-adresse"}})},
		{"signup-sent", "sign-up done", 200, post("/inscription", "", url.Values{"name": {"Zoé Martin"},
			"email": {"zoe@exemple.fr"}, "password": {"une phrase assez longue"}})},
		{"signup-sent", "resend with errors", 422, post("/inscription/renvoyer", "", url.Values{"email": {""}})},
		{"signup-confirm", "confirm an address", 200, get("/inscription/confirmer?jeton=un-jeton", "")},
		{"password-forgot", "forgotten password", 200, get("/mot-de-passe/oublie", "")},
		{"password-new", "new password", 200, get("/mot-de-passe/nouveau?jeton=un-jeton", "")},
		{"password-new", "new password with errors", 422, post("/mot-de-passe/nouveau", "", url.Values{"jeton": {"un-jeton"}})},
		{"second-factor", "second factor", 200, secondFactorPage},
		{"second-factor-enrol", "enrolment, before the key", 200, enrolStartPage},
		{"second-factor-enrol", "enrolment", 200, enrolPage},
		{"oidc-link", "link a provider's identity", 200, linkPageView},
		{"recovery-codes", "recovery codes", 200, recoveryCodesPage},
		{"account", "account", 200, get("/compte", string(identity.RoleCitizen))},
		{"staff-home", "staff home", 200, get("/espace", string(identity.RoleAgent))},
		{"org-home", "organisation home", 200, get("/espace/caf", owner)},
		{"admin-home", "administration", 200, get("/admin", admin)},
		{"catalogue-search", "catalogue", 200, get("/demarches", "")},
		{"catalogue-search", "search results", 200, get("/demarches?q=carte+vitale", "")},
		{"catalogue-search", "no result", 200, get("/demarches?q=zzkqwx", "")},
		{"catalogue-category", "category", 200, get("/demarches/categorie/social", "")},
		{"catalogue-procedure", "procedure", 200, get("/demarches/carte-vitale", "")},
		{"catalogue-procedure", "procedure done online", 200, get("/demarches/prime-naissance", "")},
		{"catalogue-procedure", "revision preview", 200, get("/espace/caf/demarches/rsa/versions/1", owner)},
		{"catalogue-easy", "easy to read", 200, get("/demarches/carte-vitale/facile-a-lire", "")},
		{"catalogue-events", "life events", 200, get("/evenements", "")},
		{"catalogue-event", "life event", 200, get("/evenements/je-demenage", "")},
		{"catalogue-staff-list", "owner's procedures", 200, get("/espace/caf/demarches", owner)},
		{"catalogue-staff-edit", "new procedure", 200, get("/espace/caf/demarches/nouvelle", owner)},
		{"catalogue-staff-edit", "edit procedure", 200, get("/espace/caf/demarches/rsa", owner)},
		{"catalogue-staff-edit", "procedure with errors", 422, post("/espace/caf/demarches", owner, url.Values{"slug": {"x"}})},
		{"catalogue-staff-history", "history", 200, get("/espace/caf/demarches/rsa/historique", owner)},
		{"catalogue-synonyms", "synonyms", 200, get("/espace/catalogue/synonymes", admin)},
		{"rights/start", "rights start", 200, get("/mes-droits", "")},
		{"rights/question", "first question", 200, get("/mes-droits/questions", "")},
		{"rights/question", "missing answer", 422, post("/mes-droits/questions", "", url.Values{"etape": {"age"}})},
		{"rights/result", "result", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			b := &rightsBrowser{cs: ps.catalogueServer, role: string(identity.RoleCitizen), t: t}
			b.walk(youngJobseeker)
			return b.send("GET", "/mes-droits/resultat", nil)
		}},
		{"rights/kept", "kept results", 200, get("/mes-droits/gardes", string(identity.RoleCitizen))},
		{"places-search", "places search", 200, get("/lieux", "")},
		{"places-search", "places of a town", 200, get("/lieux?q=Villeurbanne", "")},
		{"places-show", "place", 200, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get("/lieux/"+ps.placeKey, mediator)
		}},
		{"places-staff-list", "structure's places", 200, get("/espace/france-services-villeurbanne/lieux", mediator)},
		{"places-staff-edit", "edit place", 200, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get("/espace/france-services-villeurbanne/lieux/"+ps.placeKey, mediator)
		}},
		{"places-import", "places import", 200, get("/admin/lieux/import", admin)},
		{"forms-staff-edit", "form editor", 200, get(formURL, owner)},
		{"forms-staff-edit", "form editor of a procedure without form", 200, get("/espace/caf/demarches/rsa/formulaire", owner)},
		{"forms-staff-field", "edit a field with a condition", 200, get(formURL+"/champ?page=3&champ=siret", owner)},
		{"forms-staff-field", "new field on a new page", 200, get(formURL+"/champ?page=7", owner)},
		{"forms-staff-field", "field with errors", 422, post(formURL+"/champ", owner, url.Values{"page": {"0"}, "type": {"choice"}, "min": {"douze"}})},
		{"forms-staff-preview", "preview", 200, get(formURL+"/apercu?page=6", owner)},
		{"notify-account", "notification preferences", 200, get("/compte/notifications", string(identity.RoleCitizen))},
		{"notify-account", "bad phone", 422, post("/compte/notifications/telephone", string(identity.RoleCitizen), url.Values{"phone": {"12"}})},
		{"changes-tasks", "changes received", 200, get("/espace/caf/changements", agent)},
		{"backoffice-team", "procedure team", 200, get("/espace/caf/demarches/prime-naissance/equipe", owner)},
		{"dossiers-lifetime", "draft lifetime", 200, get("/espace/caf/demarches/prime-naissance/brouillons", owner)},
		{"dossiers-lifetime", "draft lifetime with an error", 422, post("/espace/caf/demarches/prime-naissance/brouillons", owner, url.Values{"mois": {"36"}})},
		{"dossiers-retention", "retention", 200, get("/espace/caf/demarches/prime-naissance/conservation", owner)},
		{"dossiers-retention", "retention with an error", 422, post("/espace/caf/demarches/prime-naissance/conservation", owner, url.Values{"conservation": {"200"}})},
		{"backoffice-queue", "agent's queue", 200, get("/espace/caf/dossiers", agent)},
		{"backoffice-dossier", "agent's dossier", 200, agentDossierPage("", nil)},
		{"backoffice-dossier", "refused without motive", 422, agentDossierPage("/etat", url.Values{"etat": {"refuse"}})},
		{"backoffice-dossier", "acted from an old version", 409, agentDossierPage("/message", url.Values{"version": {"1"}, "message": {"Bonjour"}})},
		{"backoffice-dossier", "empty note", 422, agentDossierPage("/note", url.Values{"note": {""}, "version": {"0"}})},
		{"backoffice-queue", "queue with wrong dates", 422, get("/espace/caf/dossiers?du=bof&au=hier", agent)},
		{"backoffice-queue", "queue filtered on holder and lateness", 200, get("/espace/caf/dossiers?attribue=personne&retard=oui&q=martin", agent)},
		{"backoffice-queue", "bulk action without action nor dossier", 422, post("/espace/caf/dossiers/lot", agent, url.Values{"f-etat": {"en_construction"}})},
		{"backoffice-bulk", "bulk result", 200, post("/espace/caf/dossiers/lot", agent, url.Values{"tous": {"oui"}, "lot-action": {"prendre"}})},
		{"backoffice-figures", "procedure figures", 200, get("/espace/caf/demarches/"+testSlug+"/chiffres", owner)},
		{"observatory-declare", "owner's declaration", 200, get("/espace/caf/demarches/"+testSlug+"/observatoire", owner)},
		{"observatory-owner", "owner's procedures in the observatory", 200, get("/espace/caf/observatoire", owner)},
		{"observatory-declare", "declaration with errors", 422, post("/espace/caf/demarches/"+testSlug+"/observatoire", owner,
			url.Values{"rgaa_rate": {"120"}, "other_channels": {"beaucoup"}})},
		{"notify-templates", "automatic messages", 200, get("/espace/caf/notifications", owner)},
		{"notify-template-edit", "SMS template", 200, get("/espace/caf/notifications/dossier_received/sms", owner)},
		{"notify-template-edit", "e-mail template", 200, get("/espace/caf/notifications/state_changed/email", owner)},
		{"notify-template-edit", "template with errors", 422, post("/espace/caf/notifications/dossier_received/sms", owner,
			url.Values{"body": {"Bonjour ((nom))"}, "action": {"enregistrer"}})},
		{"notify-template-edit", "template checked", 200, post("/espace/caf/notifications/dossier_received/sms", owner,
			url.Values{"body": {"Votre demande ((reference)) est reçue, à bientôt « merci »"}, "transliterate": {"non"}, "action": {"verifier"}})},
		{"notify-collective-new", "collective send", 200, get("/espace/caf/envois", agent)},
		{"notify-collective", "collective review", 200, collectivePage(false)},
		{"notify-collective", "collective progress", 200, collectivePage(true)},
		{"notify-rate", "pace of collective sends", 200, get("/espace/guichet/envois/rythme", admin)},
		{"notify-rate", "pace out of bounds", 422, post("/espace/guichet/envois/rythme", admin, url.Values{"per_minute": {"0"}})},
		{"dossiers-list", "Mes démarches", 200, get("/mes-demarches", citizen)},
		{"dossiers-list", "Mes démarches, empty", 200, get("/mes-demarches", string(identity.RoleAgent))},
		{"dossiers-step", "first page", 200, dossierPage("draft", "/etape/1", 200, nil)},
		{"dossiers-step", "page with errors", 422, dossierPage("draft", "/etape/1", 422, url.Values{"action": {"continuer"}, "courriel": {"x"}})},
		{"dossiers-step", "repeatable block", 200, dossierPage("draft", "/etape/4", 200, url.Values{"enfants.count": {"1"}, "_ajouter": {"enfants"}})},
		{"dossiers-step", "file", 200, dossierPage("draft", "/etape/6", 200, nil)},
		{"dossiers-review", "review", 200, dossierPage("draft", "/verifier", 200, nil)},
		{"dossiers-review", "review with problems", 422, dossierPage("draft", "/envoyer", 422, url.Values{})},
		{"dossiers-show", "draft", 200, dossierPage("draft", "", 200, nil)},
		{"dossiers-show", "dossier to correct", 200, dossierPage("sent", "", 200, nil)},
		{"dossiers-show", "empty message", 422, dossierPage("sent", "/messages", 422, url.Values{"message": {" "}})},
		{"dossiers-receipt", "receipt", 200, dossierPage("sent", "/recu", 200, nil)},
		{"dossiers-correct", "correction", 200, dossierPage("sent", "/corriger", 200, nil)},
		{"dossiers-correct", "correction with errors", 422, dossierPage("sent", "/corriger", 422, url.Values{"iban": {"FR00"}})},
		{"forms-staff-edit", "form editor", 200, get(formURL, owner)},
		{"forms-staff-edit", "form editor of a procedure without form", 200, get("/espace/caf/demarches/rsa/formulaire", owner)},
		{"forms-staff-field", "edit a field with a condition", 200, get(formURL+"/champ?page=3&champ=siret", owner)},
		{"forms-staff-field", "new field on a new page", 200, get(formURL+"/champ?page=7", owner)},
		{"forms-staff-field", "field with errors", 422, post(formURL+"/champ", owner, url.Values{"page": {"0"}, "type": {"choice"}, "min": {"douze"}})},
		{"forms-staff-preview", "preview", 200, get(formURL+"/apercu?page=6", owner)},
		{"mediation-staff-list", "mandates of a structure", 200, get("/espace/france-services-villeurbanne/mandats", mediator)},
		{"mediation-staff-new", "new mandate", 200, get("/espace/france-services-villeurbanne/mandats/nouveau", mediator)},
		{"mediation-staff-new", "new mandate with every error", 422, post("/espace/france-services-villeurbanne/mandats", mediator,
			url.Values{"identify_by": {"document"}, "document_last4": {"123456789"}})},
		{"mediation-staff-mandate", "mandate attestation", 200, get("/espace/france-services-villeurbanne/mandats/1", mediator)},
		{"profile-show", "my profile", 200, get("/compte/profil", string(identity.RoleCitizen))},
		{"profile-edit", "change my address", 200, get("/compte/profil/adresse", string(identity.RoleCitizen))},
		{"profile-edit", "family situation", 200, get("/compte/profil/famille", string(identity.RoleCitizen))},
		{"profile-edit", "address with errors", 422, post("/compte/profil/adresse", string(identity.RoleCitizen), url.Values{"postcode": {"691"}})},
		{"consent-account", "my consents", 200, get("/compte/consentements", string(identity.RoleCitizen))},
		{"rights-suggestions", "before consent", 200, get("/compte/droits", citizen)},
		{"rights-suggestions", "suggestions", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			keepLowIncome(t, ps.testServer)
			if rec := ps.post("/compte/droits", citizen, url.Values{}); rec.Code != 303 {
				t.Fatalf("consent: status %d", rec.Code)
			}
			return ps.get("/compte/droits", citizen)
		}},
		{"rights-unexpected", "comment too long", 422, post("/compte/droits/rsa/inattendu", citizen,
			url.Values{"comment": {strings.Repeat("a", 1001)}})},
		{"rights-mediator", "under a mandate for social", 200, get("/espace/france-services-villeurbanne/mandats/1/droits", mediator)},
		{"rights-takeup", "take-up table", 200, get("/observatoire/recours-aux-droits", "")},
		{"accesslog-show", "who used my data", 200, get("/compte/acces", string(identity.RoleCitizen))},
		{"mediation-staff-mandate", "renewal with every error", 422, post("/espace/france-services-villeurbanne/mandats/1/renouveler", mediator, url.Values{})},
		{"mediation-staff-mandate", "domiciliation without an address", 422, post("/espace/france-services-villeurbanne/mandats/1/domicilier", mediator, url.Values{"address": {" "}})},
		{"mediation-acting-pick", "people to act for", 200, get("/espace/france-services-villeurbanne/agir", mediator)},
		{"mediation-inbox-list", "people the structure domiciles", 200, get("/espace/france-services-villeurbanne/domiciliations", mediator)},
		{"mediation-inbox-person", "messages for a domiciled person", 200, inboxPersonPage},
		{"appointments-place", "free slots of a place", 200, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get("/lieux/"+ps.placeKey+"/rendez-vous", "")
		}},
		{"appointments-book", "booking form", 200, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get("/rendez-vous/creneaux/"+ps.slotID, "")
		}},
		{"appointments-book", "booking form with every error", 422, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.post("/rendez-vous/creneaux/"+ps.slotID, mediator, url.Values{"contact": {"01 23 45 67 89"}})
		}},
		{"appointments-confirm", "the code sent to the contact", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get("/rendez-vous/confirmer/"+holdToken(t, ps), "")
		}},
		{"appointments-confirm", "a wrong code", 422, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.post("/rendez-vous/confirmer/"+holdToken(t, ps), "", url.Values{"code": {"12"}})
		}},
		{"appointments-manage", "a booking by its link", 200, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get("/rendez-vous/gerer/"+ps.bookingToken+"?fait=reserve", "")
		}},
		{"appointments-move", "move a booking", 200, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get("/rendez-vous/gerer/"+ps.bookingToken+"/deplacer", "")
		}},
		{"appointments-move", "move without a choice", 422, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.post("/rendez-vous/gerer/"+ps.bookingToken+"/deplacer", "", url.Values{})
		}},
		{"appointments-staff-list", "slots of a structure", 200, get("/espace/france-services-villeurbanne/rendez-vous", mediator)},
		{"appointments-staff-series", "publish slots", 200, get("/espace/france-services-villeurbanne/rendez-vous/creneaux", mediator)},
		{"appointments-staff-series", "publish slots with every error", 422, post("/espace/france-services-villeurbanne/rendez-vous/creneaux",
			mediator, url.Values{"mode": {"video"}, "minutes": {"7"}})},
		{"appointments-staff-slot", "bookings of a slot", 200, func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			b, _ := ps.Appointments.ByToken(context.Background(), ps.bookingToken)
			return ps.get(fmt.Sprintf("/espace/france-services-villeurbanne/rendez-vous/creneaux/%d", b.SlotID), mediator)
		}},
		{"activity-report", "activity report form", 200, get("/espace/france-services-villeurbanne/activite?fait=enregistre", mediator)},
		{"activity-report", "activity report with every error", 422, post("/espace/france-services-villeurbanne/activite", mediator,
			url.Values{"kind": {"collectif"}, "held_on": {"31/02/2026"}})},
		{"activity-stats", "statistics of a structure", 200, get("/espace/france-services-villeurbanne/activite/statistiques", mediator)},
		{"activity-stats", "statistics of every structure", 200, get("/espace/observatoire/activite/toutes-structures?mois=3", string(identity.RoleObservatory))},
		{"mediation-account", "my mandates", 200, get("/compte/mandats", string(identity.RoleCitizen))},
		{"mediation-check", "attestation check, nothing asked", 200, get("/mandats/verifier", "")},
		{"mediation-check", "attestation check, unknown", 404, get("/mandats/verifier?m=1&h=00", "")},
		{"mediation-check", "attestation check, valid", 200, mandateCheckPage},
		{"identity-tokens", "API tokens", 200, get("/espace/guichet/jetons", admin)},
		{"identity-tokens", "API token made", 200, post("/espace/guichet/jetons", admin, url.Values{"name": {"Avis papier"}})},
		{"identity-tokens", "API token without a name", 422, post("/espace/guichet/jetons", admin, url.Values{"name": {""}})},
		{"webhooks-list", "webhooks", 200, get("/espace/guichet/webhooks", admin)},
		{"webhooks-list", "webhook registered", 200, post("/espace/guichet/webhooks", admin,
			url.Values{"url": {"https://si.exemple.fr/guichet/webhooks"}, "events": {"dossier.submitted", "dossier.state_changed"}})},
		{"webhooks-list", "webhook with errors", 422, post("/espace/guichet/webhooks", admin, url.Values{"url": {"http://127.0.0.1/x"}})},
		{"webhooks-endpoint", "webhook endpoint and its deliveries", 200, webhookEndpointPage},
		{"listening-feedback", "feedback form", 200, get("/demarches/carte-vitale/avis", "")},
		{"listening-feedback", "feedback with errors", 422, post("/demarches/carte-vitale/avis", "", url.Values{"comment": {"Bien"}})},
		{"listening-staff", "procedure's feedback", 200, get("/espace/caf/demarches/rsa/avis", owner)},
		{"listening-staff", "paper form with errors", 422, post("/espace/caf/demarches/rsa/avis", owner, url.Values{"channel": {"papier"}})},
		{"listening-experiences", "experiences of a procedure", 200, get("/demarches/rsa/experiences", "")},
		{"listening-experiences", "experience with errors", 422, post("/demarches/rsa/experiences", "", url.Values{"email": {"paul"}})},
		{"listening-administration", "an administration's replies", 200, get("/organismes/caf", "")},
		{"listening-moderation", "experiences to moderate", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			tellRSA(ps.catalogueServer, "Attente", "Trois semaines pour une réponse, puis tout est allé vite.", "")
			return ps.get("/espace/caf/experiences", owner)
		}},
		{"listening-suggestions", "the suggestion box", 200, get("/espace/caf/idees", string(identity.RoleAgent))},
		{"listening-suggestions", "idea with errors", 422, post("/espace/caf/idees", string(identity.RoleAgent), url.Values{"procedure": {"inconnue"}})},
		{"listening-suggestion", "an idea, as its owner", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get(suggestRSA(t, ps.catalogueServer), owner)
		}},
		{"listening-suggestion", "answer with errors", 422, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.post(suggestRSA(t, ps.catalogueServer)+"/repondre", owner, url.Values{})
		}},
		{"listening-actions", "a procedure's board", 200, get("/demarches/rsa/actions", "")},
		{"listening-actions", "an administration's board", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			ps.post("/espace/caf/actions", owner, url.Values{"title": {"Simplifier"}, "procedure": {"rsa"}, "indicator": {"clarte"}})
			return ps.get("/organismes/caf/actions", "")
		}},
		{"listening-staff-actions", "actions of an organisation", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			ps.post("/espace/caf/actions", owner, url.Values{"title": {"Simplifier"}, "procedure": {"rsa"}})
			return ps.get("/espace/caf/actions", owner)
		}},
		{"listening-staff-actions", "action with errors", 422, post("/espace/caf/actions", owner, url.Values{"indicator": {"x"}})},
		{"listening-workshops", "workshops", 200, get("/espace/caf/ateliers", owner)},
		{"listening-workshops", "workshop with errors", 422, post("/espace/caf/ateliers", owner, url.Values{"participants": {"deux"}})},
		{"listening-staff-tutorials", "a procedure's tutorials", 200, get("/espace/caf/demarches/rsa/tutoriels", owner)},
		{"listening-staff-tutorials", "tutorial without a title", 422, post("/espace/caf/demarches/rsa/tutoriels", owner, url.Values{})},
		{"listening-staff-tutorial", "a tutorial with a step", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			base := rsaTutorial(t, ps.catalogueServer)
			ps.postPage(base+"/etapes", owner, url.Values{"body": {"Cliquez sur Se connecter."}, "alt": {"Le bouton"}}, "picture", "a.png", tinyPNG(t))
			ps.postPage(base+"/etapes", owner, url.Values{"body": {"Écrivez vos ressources."}}, "", "", nil)
			return ps.get(base, owner)
		}},
		{"listening-staff-tutorial", "step with errors", 422, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.postPage(rsaTutorial(t, ps.catalogueServer)+"/etapes", owner, url.Values{"video_url": {"http://x"}}, "", "", nil)
		}},
		{"listening-tutorial", "a published tutorial", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			base := rsaTutorial(t, ps.catalogueServer)
			ps.postPage(base+"/etapes", owner, url.Values{"body": {"Cliquez sur Se connecter."}, "alt": {"Le bouton"}}, "picture", "a.png", tinyPNG(t))
			ps.postPage(base+"/etapes", owner, url.Values{"body": {"Regardez la vidéo."}, "video_url": {"https://video.exemple.fr/a"},
				"transcript": {"On voit la page d'accueil."}}, "", "", nil)
			ps.post(base+"/publier", owner, nil)
			return ps.get(strings.Replace(base, "/espace/caf/demarches/", "/demarches/", 1), "")
		}},
		{"listening-toolbox", "the toolbox", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			ps.post("/espace/france-services-villeurbanne/boite-a-outils", mediator, url.Values{"title": {"Préparer le rendez-vous RSA"},
				"body": {"Demander les bulletins de salaire."}, "tags": {"RSA, rendez-vous"}, "procedure": {"rsa"}})
			return ps.get("/espace/caf/boite-a-outils?q=bulletin", string(identity.RoleAgent))
		}},
		{"listening-toolbox", "practice with errors", 422, post("/espace/caf/boite-a-outils", string(identity.RoleAgent), url.Values{"procedure": {"inconnue"}})},
		{"listening-practice", "a good practice", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			rec := ps.post("/espace/france-services-villeurbanne/boite-a-outils", mediator, url.Values{"title": {"Créer une adresse e-mail"},
				"body": {"Noter le mot de passe sur papier."}, "tags": {"numérique"}, "procedure": {"rsa"}})
			return ps.get(strings.Replace(rec.Header().Get("Location"), "france-services-villeurbanne", "observatoire", 1), string(identity.RoleObservatory))
		}},
		{"listening-following", "a follower confirms", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.get(followRSAAction(t, ps.catalogueServer, "confirmer"), "")
		}},
		{"listening-following", "a follower stops", 200, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return ps.post(followRSAAction(t, ps.catalogueServer, "arreter"), "", nil)
		}},
		{"listening-thanks", "feedback thanks", 200, get("/demarches/carte-vitale/avis/merci", "")},
		{"listening-limit", "sixth feedback in the hour", 429, func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
			return sixFeedbacks(t, ps.catalogueServer, "198.51.100.60")
		}},
	}
}
