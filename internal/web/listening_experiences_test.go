package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tellRSA posts an experience of the CAF's RSA as an anonymous person.
func tellRSA(cs *catalogueServer, title, body, email string) *httptest.ResponseRecorder {
	return cs.post("/demarches/rsa/experiences", "", url.Values{"title": {title}, "body": {body}, "email": {email}})
}

// firstExperienceID is the id of the newest experience the CAF moderates.
func firstExperienceID(t *testing.T, cs *catalogueServer) string {
	t.Helper()
	org, err := cs.ids.OrganisationBySlug(context.Background(), "caf")
	if err != nil {
		t.Fatal(err)
	}
	list, err := cs.Listening.OrgExperiences(context.Background(), org.ID)
	if err != nil || len(list) == 0 {
		t.Fatalf("experiences = %v, %v", list, err)
	}
	return strconv.FormatInt(list[0].ID, 10)
}

func TestExperienceIsModeratedThenAnsweredPublicly(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	// The story was told three hours ago; staff sessions live on today's clock.
	cs.Now = func() time.Time { return time.Now().Add(-3 * time.Hour) }
	rec := tellRSA(cs, "Dossier retrouvé", "Mon dossier était perdu, rappelez-moi au 06 12 34 56 78.", "camille@exemple.fr")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/demarches/rsa/experiences?envoye=1") {
		t.Fatalf("tell: %d %s", rec.Code, rec.Body)
	}
	cs.Now = time.Now
	if page := cs.get("/demarches/rsa/experiences", "").Body.String(); strings.Contains(page, "Dossier retrouvé") {
		t.Fatal("published before moderation")
	}
	queue := cs.get("/espace/caf/experiences", "agent").Body.String()
	if !strings.Contains(queue, "Dossier retrouvé") || strings.Contains(queue, "06 12") || !strings.Contains(queue, "[téléphone masqué]") {
		t.Fatalf("the moderation page does not show the masked story:\n%s", queue)
	}
	id := firstExperienceID(t, cs)
	// An agent of the CAF cannot moderate from another organisation's space.
	if rec := cs.post("/espace/cpam/experiences/"+id+"/publier", "agent", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("other space: %d", rec.Code)
	}
	if rec := cs.post("/espace/caf/experiences/"+id+"/publier", "agent", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	if rec := cs.post("/espace/caf/experiences/"+id+"/repondre", "procedure_owner", url.Values{"reply": {" "}}); rec.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(rec.Body.String(), `href="#reply"`) {
		t.Fatalf("empty reply: %d", rec.Code)
	}
	if rec := cs.post("/espace/caf/experiences/"+id+"/repondre", "procedure_owner", url.Values{"reply": {"Nous avons retrouvé votre dossier."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("reply: %d %s", rec.Code, rec.Body)
	}
	page := cs.get("/demarches/rsa/experiences", "").Body.String()
	for _, want := range []string{"Dossier retrouvé", "Nous avons retrouvé votre dossier.", "Première réponse de l'administration en 3 heures"} {
		if !strings.Contains(page, want) {
			t.Errorf("the public page lacks %q", want)
		}
	}
	if strings.Contains(page, "camille@exemple.fr") {
		t.Error("the author's e-mail is published")
	}
	org := cs.get("/organismes/caf", "").Body.String()
	if !strings.Contains(org, "100 % (1 sur 1)") || !strings.Contains(org, "3 heures") {
		t.Errorf("the administration's page lacks its share answered and median:\n%s", org)
	}
}

func TestRefusedExperienceTellsItsAuthorWhy(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	if rec := tellRSA(cs, "Honteux", "Bande d'incapables, trois mois sans réponse.", "paul@exemple.fr"); rec.Code != http.StatusSeeOther {
		t.Fatalf("tell: %d", rec.Code)
	}
	if queue := cs.get("/espace/caf/experiences", "agent").Body.String(); !strings.Contains(queue, "incapables") ||
		!strings.Contains(queue, "Mots qui ressemblent à des injures") {
		t.Fatal("the moderator is not warned of the insult")
	}
	id := firstExperienceID(t, cs)
	if rec := cs.post("/espace/caf/experiences/"+id+"/refuser", "agent", url.Values{"reason": {""}}); rec.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(rec.Body.String(), `id="reason"`) {
		t.Fatalf("refusal without reason: %d", rec.Code)
	}
	if rec := cs.post("/espace/caf/experiences/"+id+"/refuser", "agent", url.Values{"reason": {"Le récit contient des injures."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("refuse: %d", rec.Code)
	}
	var n int
	if err := cs.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("mails queued = %d, %v", n, err)
	}
	if page := cs.get("/demarches/rsa/experiences", "").Body.String(); strings.Contains(page, "Honteux") {
		t.Fatal("a refused experience is published")
	}
}
