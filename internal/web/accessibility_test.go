package web

import (
	"html"
	"net/http"
	"strings"
	"testing"
)

// TestAccessibilityStatementHoldsTheModel renders /accessibilite and fails when a required
// part of the RGAA model is missing from the page, and checks that the footer states the same
// compliance state as the statement.
func TestAccessibilityStatementHoldsTheModel(t *testing.T) {
	ts := newTestServer(t)
	st := *ts.Statement
	body := html.UnescapeString(checkPage(t, ts.do("GET", "/accessibilite", ""), http.StatusOK))
	parts := map[string]string{
		"heading":            "<h1>Déclaration d'accessibilité</h1>",
		"title":              "<title>Déclaration d'accessibilité – Guichet</title>",
		"entity":             st.Entity + " s'engage",
		"article 47":         "article 47 de la loi n° 2005-102 du 11 février 2005",
		"multi-year plan":    `href="` + st.MultiYearPlan.URL + `">` + st.MultiYearPlan.Label,
		"action plan":        `href="` + st.ActionPlan.URL + `">` + st.ActionPlan.Label,
		"scope":              st.Scope,
		"status":             "est <strong>" + st.Status + "</strong>",
		"rate":               "<strong>" + st.Rate + "</strong> des critères",
		"method":             st.RateMethod,
		"failures":           st.NonCompliant[0],
		"derogations":        "Dérogations pour charge disproportionnée",
		"exempt":             "Contenus non soumis à l'obligation d'accessibilité",
		"date":               "établie le " + st.Published,
		"audit date":         "L'audit date de " + st.Audit.Date,
		"technologies":       st.Audit.Technologies[0],
		"assistive tech":     st.Audit.AssistiveTechnologies[0],
		"tools":              st.Audit.Tools[0],
		"pages":              st.Audit.Pages[0].Label,
		"e-mail":             `href="mailto:` + st.Contact.Email + `"`,
		"form":               `href="` + st.Contact.FormURL + `"`,
		"postal address":     st.Contact.PostalAddress,
		"rights online form": `href="https://formulaire.defenseurdesdroits.fr/"`,
		"local delegates":    `href="https://www.defenseurdesdroits.fr/carte-des-delegues"`,
		"rights phone":       "09 69 39 00 00",
		"rights free post":   "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07",
		"footer status":      "Accessibilité : " + st.Status + "</a>",
	}
	for part, want := range parts {
		if !strings.Contains(body, want) {
			t.Errorf("the statement misses its %s: %q", part, want)
		}
	}
	if st.Status != "non conforme" {
		t.Errorf("the default statement says %q without a complete audit", st.Status)
	}
	// Every page's footer says the same status.
	if home := ts.do("GET", "/connexion", "").Body.String(); !strings.Contains(home, "Accessibilité : "+st.Status) {
		t.Error("the footer does not state the statement's status")
	}
}
