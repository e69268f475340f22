package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guichet/internal/identity"
	"guichet/internal/webhooks"
)

// TestWebhookPages walks an administrator through registering an endpoint,
// reading its secret once, sending a delivery again, stopping and deleting
// it; and checks another organisation's endpoint stays out of reach.
func TestWebhookPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ctx := context.Background()
	tokens := map[string]string{}
	for _, v := range ts.visitors(t) {
		tokens[v.name] = v.token
	}
	admin := tokens[string(identity.RoleAdmin)]
	post := func(path string, form url.Values) *httptest.ResponseRecorder {
		req := postForm(path, form.Encode())
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: admin})
		return serve(ts, req)
	}

	rec := post("/espace/guichet/webhooks", url.Values{"url": {"ftp://x"}, "events": {webhooks.DossierMessage}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="ftp://x"`) ||
		!strings.Contains(rec.Body.String(), `id="events-dossier.message" name="events" value="dossier.message" checked`) {
		t.Fatalf("bad address: status %d, want 422 with what was typed kept", rec.Code)
	}
	rec = post("/espace/guichet/webhooks", url.Values{"url": {"https://si.exemple.fr/hooks"},
		"events": {webhooks.DossierSubmitted, webhooks.DossierStateChanged}})
	// html/template writes "+" as "&#43;": read the page as a browser shows it.
	secret := regexp.MustCompile(`whsec_[A-Za-z0-9+/=]+`).FindString(html.UnescapeString(rec.Body.String()))
	if rec.Code != http.StatusOK || secret == "" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("register: status %d, secret %q, Cache-Control %q", rec.Code, secret, rec.Header().Get("Cache-Control"))
	}
	rec = ts.do("GET", "/espace/guichet/webhooks", admin)
	if strings.Contains(html.UnescapeString(rec.Body.String()), secret) || !strings.Contains(rec.Body.String(), "https://si.exemple.fr/hooks") {
		t.Fatal("the list shows the secret again, or not the endpoint")
	}
	guichet, err := ts.ids.OrganisationBySlug(ctx, "guichet")
	if err != nil {
		t.Fatal(err)
	}
	list, err := ts.Webhooks.Endpoints(ctx, guichet.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("endpoints %v, %v", list, err)
	}
	ep := list[0]
	ids, err := ts.Webhooks.Publish(ctx, guichet.ID, webhooks.Event{Type: webhooks.DossierSubmitted, Data: map[string]string{}})
	if err != nil || len(ids) != 1 {
		t.Fatalf("publish: %v, %v", ids, err)
	}
	base := fmt.Sprintf("/espace/guichet/webhooks/%d", ep.ID)
	rec = ts.do("GET", base, admin)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "En attente") {
		t.Fatalf("endpoint page: status %d", rec.Code)
	}
	for _, step := range []struct{ path, location string }{
		{fmt.Sprintf("%s/envois/%d/renvoyer", base, ids[0]), base + "?fait=renvoye"},
		{base + "/desactiver", base + "?fait=desactive"},
		{base + "/activer", base + "?fait=active"},
		{base + "/supprimer", "/espace/guichet/webhooks?supprime=ok"},
	} {
		if rec := post(step.path, nil); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != step.location {
			t.Fatalf("POST %s: status %d, Location %q; want %s", step.path, rec.Code, rec.Header().Get("Location"), step.location)
		}
	}
	if rec := ts.do("GET", base, admin); rec.Code != http.StatusNotFound {
		t.Errorf("deleted endpoint: status %d", rec.Code)
	}

	// Another organisation's endpoint, asked for through the administrator's own.
	caf, err := ts.ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	_, other, err := ts.Webhooks.Create(ctx, 0, caf.ID, "https://si.caf.exemple/hooks", []string{webhooks.DossierSubmitted})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fmt.Sprintf("/espace/guichet/webhooks/%d", other.ID)} {
		if rec := ts.do("GET", path, admin); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, rec.Code)
		}
		if rec := post(path+"/supprimer", nil); rec.Code != http.StatusNotFound {
			t.Errorf("POST %s/supprimer: status %d, want 404", path, rec.Code)
		}
	}
	if list, _ := ts.Webhooks.Endpoints(ctx, caf.ID); len(list) != 1 {
		t.Error("the CAF's endpoint was deleted through another organisation")
	}
}
