package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"guichet/internal/appointments"
	"guichet/internal/demo"
	"guichet/internal/identity"
	"guichet/internal/notify"
	"guichet/internal/webhooks"
)

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

// mandateCheckPage opens the check page of the demo's first mandate as its
// QR code does.
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
