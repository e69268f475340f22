package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/identity"
	"guichet/internal/profile"
)

// TestAChangeOfAddressDeclaredOnce walks changement-adresse without
// JavaScript: the known address and the CAF come pre-filled, the change
// goes to three administrations under one reference, the CAF's agent
// takes it into account, the person follows each one and their profile
// holds the new address.
func TestAChangeOfAddressDeclaredOnce(t *testing.T) {
	cs := prefilledServer(t)
	citizen, agent := string(identity.RoleCitizen), string(identity.RoleAgent)
	ctx := context.Background()
	draft := startDraft(t, cs, "changement-adresse")
	first := cs.get(draft+"/etape/1", citizen).Body.String()
	if !strings.Contains(first, `value="8 rue Francis de Pressensé"`) || !strings.Contains(first, "Déjà connu, vérifiez") {
		t.Fatalf("known address not pre-filled:\n%s", first)
	}
	steps := []url.Values{
		{"ancienne_adresse.street": {"8 rue Francis de Pressensé"}, "ancienne_adresse.postcode": {"69100"}, "ancienne_adresse.town": {"Villeurbanne"}},
		{"nouvelle_adresse.street": {"1 place Lazare Goujon"}, "nouvelle_adresse.postcode": {"69100"}, "nouvelle_adresse.town": {"Villeurbanne"}},
		{"date.day": {"1"}, "date.month": {"4"}, "date.year": {"2026"}},
	}
	for i, v := range steps {
		if rec := cs.post(draft+"/etape/"+strconv.Itoa(i+1), citizen, v); rec.Code != http.StatusSeeOther {
			t.Fatalf("step %d: %d\n%s", i+1, rec.Code, rec.Body.String())
		}
	}
	who := cs.get(draft+"/etape/4", citizen).Body.String()
	if !strings.Contains(who, `value="caf" checked`) || strings.Contains(who, `value="cpam" checked`) {
		t.Errorf("the CAF is not ticked alone:\n%s", who)
	}
	if rec := cs.post(draft+"/etape/4", citizen, url.Values{"destinataires": {"caf", "cpam", "dgfip"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("recipients: %d\n%s", rec.Code, rec.Body.String())
	}
	if rec := cs.post(draft+"/envoyer", citizen, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("send: %d\n%s", rec.Code, rec.Body.String())
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(draft, "/mes-demarches/"), 10, 64)
	c, err := cs.Changes.OfDossier(ctx, demoUserID(t, cs.testServer), id)
	if err != nil || len(c.Deliveries) != 3 {
		t.Fatalf("change %+v, %v", c, err)
	}
	p, _ := cs.Profile.Get(ctx, demoUserID(t, cs.testServer))
	if p[profile.Address].Value.Address.Street != "1 place Lazare Goujon" {
		t.Errorf("profile after sending: %+v", p[profile.Address])
	}
	for _, d := range c.Deliveries {
		if err := cs.Changes.Deliver(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	tasks := cs.get("/espace/caf/changements", agent).Body.String()
	if !strings.Contains(tasks, "1 place Lazare Goujon, 69100 Villeurbanne") || !strings.Contains(tasks, c.Reference) {
		t.Fatalf("CAF queue:\n%s", tasks)
	}
	if rec := cs.post("/espace/caf/changements/"+strconv.FormatInt(c.ID, 10)+"/recu", agent, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("agent ack: %d\n%s", rec.Code, rec.Body.String())
	}
	page := cs.get(draft, citizen).Body.String()
	for _, want := range []string{"Organismes prévenus de votre changement", "Reçu et pris en compte (par Sophie Durand)",
		"Envoyé, en attente de prise en compte", c.Reference} {
		if !strings.Contains(page, want) {
			t.Errorf("the person's follow-up lacks %q", want)
		}
	}
	log := cs.get("/compte/acces", citizen).Body.String()
	if !strings.Contains(log, "Changement reçu") || !strings.Contains(log, "nouvelle adresse") {
		t.Errorf("access log:\n%s", log)
	}
}
