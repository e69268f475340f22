package web

import (
	"net/http"
	"slices"
	"strings"

	"guichet/internal/identity"
	"guichet/internal/webhooks"
)

// webhooksView is the page where an organisation's administrator sees its
// webhook endpoints and registers one.
type webhooksView struct {
	Page
	Org       *identity.Organisation
	Endpoints []webhooks.Endpoint
	Form      *Form
	Events    []eventChoice
	// Secret is the secret of the endpoint just registered, shown this once.
	Secret, SecretURL string
	Deleted           bool
	AllowsPrivate     bool
}

// eventChoice is one checkbox of the form.
type eventChoice struct {
	webhooks.EventType
	Checked bool
}

// eventChoices ticks the events the form sent, or every dossier event on
// a form not sent yet.
func eventChoices(f *Form, sent bool) []eventChoice {
	var out []eventChoice
	for _, e := range webhooks.EventTypes() {
		checked := slices.Contains(f.Values["events"], e.Name)
		if !sent {
			checked = strings.HasPrefix(e.Name, "dossier.")
		}
		out = append(out, eventChoice{EventType: e, Checked: checked})
	}
	return out
}

func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderWebhooks(w, r, http.StatusOK, emptyForm(), false, "", "")
}

func (s *Server) renderWebhooks(w http.ResponseWriter, r *http.Request, status int, f *Form, sent bool, secret, url string) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	list, err := s.Webhooks.Endpoints(r.Context(), org.ID)
	if err != nil {
		return err
	}
	title := "Webhooks " + orgWords(org.Name).Of
	if !f.Valid() {
		title = "Erreur : " + title
	}
	if secret != "" {
		// The secret is on this page only: never kept by a cache.
		w.Header().Set("Cache-Control", "no-store")
		title = "Point de réception enregistré : " + title
	}
	return s.render(w, status, "webhooks-list", webhooksView{Page: s.page(r, title), Org: org, Endpoints: list,
		Form: f, Events: eventChoices(f, sent), Secret: secret, SecretURL: url,
		Deleted: r.URL.Query().Get("supprime") == "ok", AllowsPrivate: s.Webhooks.AllowsPrivate()})
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	f := newForm(r)
	secret, ep, err := s.Webhooks.Create(r.Context(), currentUser(r).ID, org.ID, f.Get("url"), f.Values["events"])
	if f.FailWith(err) {
		return s.renderWebhooks(w, r, http.StatusUnprocessableEntity, f, true, "", "")
	}
	if err != nil {
		return err
	}
	return s.renderWebhooks(w, r, http.StatusOK, emptyForm(), false, secret, ep.URL)
}
