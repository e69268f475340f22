package web

import (
	"context"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"guichet/internal/appointments"
	"guichet/internal/demo"
	"guichet/internal/dossiers"
	"guichet/internal/identity"
	"guichet/internal/notify"
	"guichet/internal/webhooks"
)

// pageCase asks the server for one page, as a person would, so that its
// template is rendered with the view model the handler really builds.
type pageCase struct {
	template string // the page's name: its file in templates/pages without ".html", or "module/file"
	name     string
	status   int
	request  func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder
}

// pagesServer is a server with every piece of demo data (accounts, catalogue,
// places) and a session for each demo role.
type pagesServer struct {
	*catalogueServer
	placeKey string // the place the demo mediator's structure manages
	// sentID is a dossier the demo citizen sent, sent back for a
	// correction; draftID a draft of theirs.
	sentID, draftID int64
	// slotID is a free demo slot, bookingToken the link's token of a
	// booking on another one.
	slotID, bookingToken string
}

// dossierPage returns a request for a part of one of the demo citizen's
// dossiers ("" for its page).
func dossierPage(which, part string, status int, form url.Values) func(*testing.T, *pagesServer) *httptest.ResponseRecorder {
	return func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
		id := ps.sentID
		if which == "draft" {
			id = ps.draftID
		}
		path := fmt.Sprintf("/mes-demarches/%d%s", id, part)
		if form != nil && !bodyRuleOf("POST /mes-demarches/{id}"+part).file && !strings.Contains(part, "/etape/") {
			return ps.post(path, citizen, form) // a page without file takes no multipart body
		}
		if form != nil {
			return ps.postPage(path, citizen, form, "", "", nil)
		}
		return ps.get(path, citizen)
	}
}

// agentDossierPage is the demo agent's request for the page of the sent
// dossier ("" for its page) or one of its actions, posting its version
// unless form carries one.
func agentDossierPage(part string, form url.Values) func(*testing.T, *pagesServer) *httptest.ResponseRecorder {
	return func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
		agent, path := string(identity.RoleAgent), fmt.Sprintf("/espace/caf/dossiers/%d%s", ps.sentID, part)
		if form == nil {
			return ps.get(path, agent)
		}
		if form.Get("version") == "" {
			ag := demoAgent(t, ps.testServer)
			v, err := ps.Backoffice.Version(context.Background(), ag.OrgID, ag.UserID, ps.sentID)
			if err != nil {
				t.Fatal(err)
			}
			form.Set("version", fmt.Sprint(v))
		}
		return ps.post(path, agent, form)
	}
}

// get returns a request for path as the demo account of role ("" for nobody).
func get(path, role string) func(*testing.T, *pagesServer) *httptest.ResponseRecorder {
	return func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder { return ps.get(path, role) }
}

// post returns a request sending form to path as the demo account of role.
func post(path, role string, form url.Values) func(*testing.T, *pagesServer) *httptest.ResponseRecorder {
	return func(_ *testing.T, ps *pagesServer) *httptest.ResponseRecorder { return ps.post(path, role, form) }
}

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

// mandateCheckPage opens the check page of the demo's first mandate as its
// QR code does.
// webhookEndpointPage registers an endpoint of the platform's
// organisation with one delivery waiting, and asks for its page.
func webhookEndpointPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	ctx := context.Background()
	org, err := ps.ids.OrganisationBySlug(ctx, "guichet")
	if err != nil {
		t.Fatal(err)
	}
	_, ep, err := ps.Webhooks.Create(ctx, 0, org.ID, "https://si.exemple.fr/guichet/webhooks", []string{webhooks.DossierSubmitted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ps.Webhooks.Publish(ctx, org.ID, webhooks.Event{Type: webhooks.DossierSubmitted,
		Data: map[string]string{"reference": "ABCD-EFGH"}}); err != nil {
		t.Fatal(err)
	}
	return ps.get(fmt.Sprintf("/espace/guichet/webhooks/%d", ep.ID), string(identity.RoleAdmin))
}

func mandateCheckPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	org, err := ps.ids.OrganisationBySlug(context.Background(), demo.MandateOrg)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ps.Mediation.OfStructure(context.Background(), org.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ps.Mediation.AttestationOf(m)
	if err != nil {
		t.Fatal(err)
	}
	return ps.get(strings.TrimPrefix(a.CheckURL, "http://127.0.0.1:8080"), "")
}

// holdToken asks for a code for the free demo slot, as a person alone
// does, and returns the token of its confirmation page.
func holdToken(t *testing.T, ps *pagesServer) string {
	n, _ := strconv.ParseInt(ps.slotID, 10, 64)
	_, token, err := ps.Appointments.Hold(context.Background(), appointments.Request{SlotID: n, PersonName: "Zoé",
		Contact: fmt.Sprintf("zoe%d@exemple.fr", time.Now().UnixNano())})
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// inboxPersonPage reads, as the demo mediator, the inbox of the demo's
// domiciled person (Awa Diallo, without an account).
func inboxPersonPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	ctx := context.Background()
	org, err := ps.ids.OrganisationBySlug(ctx, demo.MandateOrg)
	if err != nil {
		t.Fatal(err)
	}
	people, err := ps.Mediation.InboxPeople(ctx, org.ID)
	if err != nil || len(people) == 0 {
		t.Fatalf("the demo domiciles nobody: %v", err)
	}
	return ps.get(fmt.Sprintf("/espace/%s/domiciliations/%d", demo.MandateOrg, people[0].PersonUserID),
		string(identity.RoleMediator))
}

// collectivePage prepares a collective send of the demo CAF with a bad
// line, sends it when sent is true, and asks for its page as the agent.
func collectivePage(sent bool) func(*testing.T, *pagesServer) *httptest.ResponseRecorder {
	return func(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
		ctx := context.Background()
		org, err := ps.ids.OrganisationBySlug(ctx, "caf")
		if err != nil {
			t.Fatal(err)
		}
		c, err := ps.Notify.PrepareCollective(ctx, notify.CollectiveText{OrgID: org.ID, Channel: notify.SMS,
			Body: "Bonjour ((prenom)), votre attestation est prête."},
			strings.NewReader("telephone;prenom\n06 12 34 56 78;Zoé\n12;Léo\n"))
		if err != nil {
			t.Fatal(err)
		}
		if sent {
			if err := ps.Notify.SendCollective(ctx, org.ID, c.ID); err != nil {
				t.Fatal(err)
			}
		}
		return ps.get(fmt.Sprintf("/espace/caf/envois/%d", c.ID), string(identity.RoleAgent))
	}
}

// TestEveryPageTemplate renders every template of templates/pages through
// its handler and checks what every page owes its readers: French as the
// language, one h1 inside main, the landmarks of the layout, a label for
// every field and ids used once.
func TestEveryPageTemplate(t *testing.T) {
	t.Parallel()
	ps := newPagesServer(t)
	rendered := markTemplates(t, ps.Server)
	cases := pageCases()
	// Pages live in templates/pages, or in a module's folder (templates/rights/result.html,
	// named "rights/result"), as parseViews names them.
	names, err := fs.Glob(templateFS, "templates/*/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("page templates: %v, %v", names, err)
	}
	for _, n := range names {
		dir := path.Base(path.Dir(n))
		if dir == "partials" {
			continue
		}
		name := strings.TrimSuffix(path.Base(n), ".html")
		if dir != "pages" {
			name = dir + "/" + name
		}
		if !slices.ContainsFunc(cases, func(c pageCase) bool { return c.template == name }) {
			t.Errorf("template %s has no case in pageCases: add a representative view of it", name)
		}
	}
	for _, c := range cases {
		t.Run(c.template+"/"+c.name, func(t *testing.T) {
			rec := c.request(t, ps)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d; body: %.300s", rec.Code, c.status, rec.Body.String())
			}
			body, got := rendered(rec.Body.String())
			if got != c.template {
				t.Fatalf("rendered template %q, want %q", got, c.template)
			}
			checkPageStructure(t, parseHTML(t, body))
		})
	}
}

// checkPageStructure checks a parsed page with CSS selectors.
func checkPageStructure(t *testing.T, doc *html.Node) {
	t.Helper()
	for sel, want := range map[string]int{"html[lang=fr]": 1, "head title": 1, "h1": 1, "main h1": 1,
		"header": 1, "main": 1, "footer": 1} {
		if got := len(queryAll(doc, sel)); got != want {
			t.Errorf("%s: %d elements, want %d", sel, got, want)
		}
	}
	if titles := queryAll(doc, "title"); len(titles) == 1 && text(titles[0]) == "" {
		t.Error("empty title")
	}
	navs := queryAll(doc, "nav")
	if len(navs) == 0 || len(navs) != len(queryAll(doc, "nav[aria-label]")) {
		t.Errorf("%d nav, %d of them with aria-label: want every nav named", len(navs), len(queryAll(doc, "nav[aria-label]")))
	}
	seen := map[string]bool{}
	for _, n := range queryAll(doc, "*[id]") {
		id, _ := attr(n, "id")
		if seen[id] {
			t.Errorf("id %q used twice", id)
		}
		seen[id] = true
	}
	for _, sel := range []string{"input", "select", "textarea"} {
		for _, n := range queryAll(doc, sel) {
			if typ, _ := attr(n, "type"); slices.Contains([]string{"hidden", "submit", "button", "reset", "image"}, typ) {
				continue
			}
			if !labelled(doc, n) {
				name, _ := attr(n, "name")
				t.Errorf("%s name=%q has no label (label[for], aria-label or aria-labelledby)", sel, name)
			}
		}
	}
}

// labelled tells whether a field has an accessible name: a label pointing at
// its id, aria-label, or aria-labelledby naming elements of the page.
func labelled(doc, n *html.Node) bool {
	if v, ok := attr(n, "aria-label"); ok && strings.TrimSpace(v) != "" {
		return true
	}
	if v, ok := attr(n, "aria-labelledby"); ok {
		for _, id := range strings.Fields(v) {
			if len(queryAll(doc, "*[id="+id+"]")) == 0 {
				return false
			}
		}
		return strings.TrimSpace(v) != ""
	}
	id, ok := attr(n, "id")
	if !ok || id == "" {
		return false
	}
	for _, l := range queryAll(doc, "label[for="+id+"]") {
		if text(l) != "" {
			return true
		}
	}
	return false
}

func newPagesServer(t *testing.T) *pagesServer {
	t.Helper()
	cs := newCatalogueServer(t)
	p, err := cs.Places.GetByID(context.Background(), demo.ClaimedPlaceSource, demo.ClaimedPlaceID)
	if err != nil {
		t.Fatal(err)
	}
	ps := &pagesServer{catalogueServer: cs, placeKey: fmt.Sprint(p.Key)}
	publishTestForm(t, cs.testServer)
	ps.sentID = sentDossier(t, cs.testServer)
	ctx := context.Background()
	// The demo agent works on the test procedure: its queue shows the dossier.
	ag := demoAgent(t, cs.testServer)
	if err := cs.Backoffice.AddAgent(ctx, ag.OrgID, testSlug, ag.UserID, 0); err != nil {
		t.Fatal(err)
	}
	if err := cs.Dossiers.RequestCorrection(ctx, ps.sentID, demoAgent(t, cs.testServer), dossiers.Incomplete,
		[]string{"iban", "justificatif"}, "Le justificatif est illisible."); err != nil {
		t.Fatal(err)
	}
	if rec := cs.get("/demarches/"+testSlug+"/commencer", citizen); rec.Code != 303 {
		t.Fatalf("start a draft: %d", rec.Code)
	}
	list, err := cs.Dossiers.List(ctx, demoUserID(t, cs.testServer), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.State == dossiers.Draft {
			ps.draftID = d.ID
		}
	}
	if err := demo.LoadMediation(ctx, cs.Mediation, cs.ids); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadAppointments(ctx, cs.Appointments, cs.Places, cs.ids); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadActivity(ctx, cs.Activity, cs.Places, cs.ids); err != nil {
		t.Fatal(err)
	}
	free, err := cs.Appointments.FreeSlotsOfPlace(ctx, p.Key, 2)
	if err != nil || len(free) < 2 {
		t.Fatalf("demo slots: %v, %v", free, err)
	}
	ps.slotID = fmt.Sprint(free[0].ID)
	if _, ps.bookingToken, err = cs.Appointments.Book(ctx, appointments.Request{SlotID: free[1].ID, PersonName: "Awa",
		Contact: "awa@exemple.fr"}); err != nil {
		t.Fatal(err)
	}
	return ps
}

// markTemplates makes every page template write its name on a first line of
// its own, and returns a function that removes that line from a body and
// tells the name, so that a case proves which template it rendered.
func markTemplates(t *testing.T, s *Server) func(body string) (string, string) {
	t.Helper()
	for name, tpl := range allPages(t, s.views) {
		c, err := tpl.Clone()
		if err == nil {
			_, err = c.AddParseTree("page-layout", c.Lookup("layout").Tree)
		}
		if err == nil {
			_, err = c.New("layout").Parse("template:" + name + "\n{{template \"page-layout\" .}}")
		}
		if err != nil {
			t.Fatalf("mark %s: %v", name, err)
		}
		s.views.pages[name] = c
	}
	return func(body string) (string, string) {
		first, rest, _ := strings.Cut(body, "\n")
		name, ok := strings.CutPrefix(first, "template:")
		if !ok {
			return body, ""
		}
		return rest, name
	}
}

// secondFactorPage opens the second-factor page for a staff account that has
// given its password but not yet its code.
func secondFactorPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	ctx := context.Background()
	u, err := ps.ids.UserByEmail(ctx, "agent@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	token, err := ps.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	return ps.do("GET", "/connexion/second-facteur", token)
}

// newStaffSession signs in a new agent that has no second factor yet.
func newStaffSession(t *testing.T, ps *pagesServer, email string) string {
	ctx := context.Background()
	u, err := ps.ids.CreateUser(ctx, identity.NewUser{Email: email, Name: "Nouvel Agent",
		Password: "un-mot-de-passe-solide", Role: identity.RoleAgent, OrgSlug: "cpam"})
	if err != nil {
		t.Fatal(err)
	}
	token, err := ps.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// linkPageView renders the page asking for the password of the account that
// has a provider's address. Reaching it through the pages needs a provider's
// sign-in (auth_oidc_test.go does it); here the handler's own view is rendered.
func linkPageView(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/connexion/rattacher", nil)
	if err := ps.render(rec, 200, "oidc-link", ps.linkView(r, emptyForm(), "usager@demo.guichet.test", "FranceConnect")); err != nil {
		t.Fatal(err)
	}
	return rec
}

func enrolStartPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	return ps.do("GET", "/connexion/second-facteur/activer", newStaffSession(t, ps, "debut.enrolement@exemple.fr"))
}

// enrolPage shows the key made by the page's button.
func enrolPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	token := newStaffSession(t, ps, "enrolement@exemple.fr")
	serveWith(ps.testServer, postForm("/connexion/second-facteur/activer/cle", ""), token)
	return ps.do("GET", "/connexion/second-facteur/activer", token)
}

// recoveryCodesPage enrols a new agent with a right code: the page shows its
// recovery codes.
func recoveryCodesPage(t *testing.T, ps *pagesServer) *httptest.ResponseRecorder {
	token := newStaffSession(t, ps, "codes@exemple.fr")
	serveWith(ps.testServer, postForm("/connexion/second-facteur/activer/cle", ""), token)
	page := ps.do("GET", "/connexion/second-facteur/activer", token)
	_, body, _ := strings.Cut(page.Body.String(), "\n")
	secrets := queryAll(parseHTML(t, body), "code[class=secret]")
	if len(secrets) != 1 {
		t.Fatalf("enrolment page shows %d secrets, want 1", len(secrets))
	}
	code, err := identity.TOTPCode(text(secrets[0]), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return serveWith(ps.testServer, postForm("/connexion/second-facteur/activer", "code="+code), token)
}
