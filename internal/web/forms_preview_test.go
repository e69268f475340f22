package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// TestPreviewHonoursConditions: the owner's preview carries the answers
// typed from page to page and shows a conditioned field, or skips its
// page, as a person's dossier does: the SIRET of prime-naissance only for
// someone who works on their own account. A required answer missing stops
// the page with its message; Back goes to the page shown before.
func TestPreviewHonoursConditions(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	owner := string(identity.RoleProcedureOwner)
	base := "/espace/caf/demarches/prime-naissance/formulaire/apercu"
	// send answers the page shown in body with values and action.
	send := func(body string, values url.Values, action string) string {
		t.Helper()
		q := url.Values{"envoi": {"1"}, "action": {action}}
		for _, name := range []string{"page", "reponses"} {
			m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no %s in the preview: %.2000s", name, body)
			}
			q.Set(name, html.UnescapeString(m[1]))
		}
		for k, vs := range values {
			q[k] = vs
		}
		rec := cs.get(base+"?"+q.Encode(), owner)
		if rec.Code != http.StatusOK {
			t.Fatalf("preview: %d", rec.Code)
		}
		return rec.Body.String()
	}
	heading := func(body string) string {
		return regexp.MustCompile(`<h1>([^<]*)</h1>`).FindStringSubmatch(body)[1]
	}
	body := cs.get(base, owner).Body.String()
	if heading(body) != "Aperçu : page 1 sur 7" {
		t.Fatalf("first page: %s", heading(body))
	}
	// A required answer missing: the message, and the same page.
	body = send(body, url.Values{}, "continuer")
	if heading(body) != "Aperçu : page 1 sur 7" || !strings.Contains(body, `href="#allocataire"`) {
		t.Fatalf("required answer missing: %s %.3000s", heading(body), body)
	}
	body = send(body, url.Values{"allocataire": {"1234567"}}, "continuer")
	body = send(body, url.Values{"naissance_prevue.day": {"12"}, "naissance_prevue.month": {"5"}, "naissance_prevue.year": {"2031"}}, "continuer")
	if heading(body) != "Aperçu : page 3 sur 7" || !strings.Contains(body, "étape 3 sur 6") {
		t.Fatalf("activity page: %s", heading(body))
	}
	// Salaried: the SIRET's page is skipped, as for a person.
	body = send(body, url.Values{"activite": {"salarie"}}, "continuer")
	if heading(body) != "Aperçu : page 5 sur 7" || strings.Contains(body, `name="siret"`) || !strings.Contains(body, "étape 4 sur 6") {
		t.Fatalf("salaried: %s %.2000s", heading(body), body)
	}
	// Back: the page shown before, with the answer kept.
	body = send(body, url.Values{}, "retour")
	if heading(body) != "Aperçu : page 3 sur 7" || !regexp.MustCompile(`value="salarie"[^>]*checked`).MatchString(body) {
		t.Fatalf("back: %s", heading(body))
	}
	// On one's own account: the SIRET shows, with the reason.
	body = send(body, url.Values{"activite": {"independant"}}, "continuer")
	if heading(body) != "Aperçu : page 4 sur 7" || !strings.Contains(body, `name="siret"`) || !strings.Contains(body, "Affiché parce que") {
		t.Fatalf("own account: %s %.2000s", heading(body), body)
	}
	// Opened straight on the SIRET's page, with no answer: the field is
	// hidden and listed as such.
	body = cs.get(base+"?page=3", owner).Body.String()
	if strings.Contains(body, `name="siret"`) || !strings.Contains(body, "Questions cachées sur cette page") {
		t.Fatalf("SIRET page without answers: %.2000s", body)
	}
}
