package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/listening"
)

// channelView is one way of doing a procedure, ready for the page.
type channelView struct {
	KindLabel, Label, URL, Phone, Address string
	PhoneHref                             template.URL
}

// procedureView is the model of a procedure's page, public or previewed by its owners.
type procedureView struct {
	Page
	P             catalogue.Procedure
	URL           string
	OrgName       string
	CategoryURL   string
	CategoryLabel string
	// StartURL starts the procedure online on Guichet, "" when it has no published form:
	// "Faire la démarche en ligne" comes first among the ways.
	StartURL      string
	Online        []channelView // on Guichet or another site
	Offline       []channelView // in person, by phone, by post
	HelpPhoneHref template.URL
	// FALC is the easy-to-read text in parts, shown inline in previews.
	FALC []easySection
	// EasyLabel names the easy-to-read text (see easyLabel).
	EasyLabel string
	Events    []eventCard
	UpdatedAt time.Time
	Nearby    placesNearby
	// Preview is set when an owner looks at a revision before the public does.
	Preview *previewInfo
	// MeasuredDelay is the delay measured on the dossiers decided lately,
	// shown instead of the owner's text when there are enough of them.
	MeasuredDelay string
	// Tutorials are the published tutorials ("Comment faire, pas à pas").
	Tutorials []listening.Tutorial
}

// previewInfo tells an owner which revision a preview shows.
type previewInfo struct {
	Revision  int
	Status    string
	EditURL   string
	IsLatest  bool
	Published bool
}

// newProcedureView builds the model shared by the public page and the owners' preview.
func newProcedureView(page Page, p catalogue.Procedure, orgName string) procedureView {
	v := procedureView{Page: page, P: p, URL: "/demarches/" + p.Slug, OrgName: orgName,
		CategoryURL: "/demarches/categorie/" + p.Category, CategoryLabel: categoryLabel(p.Category),
		HelpPhoneHref: telHref(p.HelpContact.Phone), FALC: easySections(p.FALC), EasyLabel: easyLabel(p)}
	for _, c := range p.Channels {
		cv := channelView{KindLabel: catalogue.ChannelLabel(c.Kind), Label: c.Label, URL: c.URL,
			Phone: c.Phone, Address: c.Address, PhoneHref: telHref(c.Phone)}
		if c.Offline() {
			v.Offline = append(v.Offline, cv)
		} else {
			v.Online = append(v.Online, cv)
		}
	}
	return v
}

func (s *Server) procedurePage(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	p, ok := sn.Procedure(r.PathValue("slug"))
	if !ok {
		return errs.E(errs.NotFound, "Cette démarche n'existe pas ou n'est plus en ligne. Cherchez-la par son nom.")
	}
	v := newProcedureView(s.page(r, p.Title), p.Procedure, p.Org.Name)
	online, err := s.Forms.HasOnlineForm(r.Context(), p.Slug)
	if err != nil {
		return err
	}
	if online {
		v.StartURL = "/demarches/" + p.Slug + "/commencer"
	}
	v.Events = eventCards(sn.EventsOf(p.Slug))
	if v.Tutorials, err = s.Listening.ProcedureTutorials(r.Context(), p.Slug, 0); err != nil {
		return err
	}
	v.UpdatedAt = p.PublishedAt
	if v.Nearby, err = s.placesNearbyFor(r, 3); err != nil {
		return err
	}
	if days, ok, err := s.Dossiers.ExpectedDelay(r.Context(), p.Slug); err != nil {
		return err
	} else if ok {
		v.MeasuredDelay = delaySentence(days)
	}
	return s.render(w, http.StatusOK, "catalogue-procedure", v)
}

// easyView is the model of the easy-to-read (FALC) page of a procedure.
type easyView struct {
	Page
	ProcedureTitle, URL string
	// Label names the text: "Facile à lire et à comprendre (FALC)" only after a review by
	// people with intellectual disabilities, "Version facile à lire" otherwise.
	Label         string
	Sections      []easySection
	HelpLabel     string
	HelpPhone     string
	HelpPhoneHref template.URL
}

// procedureEasyPage serves /demarches/{slug}/facile-a-lire. The route takes any last part
// because a literal one would clash with /demarches/categorie/{cat}.
func (s *Server) procedureEasyPage(w http.ResponseWriter, r *http.Request) error {
	// The pages under a procedure share this route: a pattern of their own
	// ("/demarches/{slug}/avis") would clash with "/demarches/categorie/{cat}".
	switch r.PathValue("part") {
	case "avis":
		return s.feedbackPage(w, r)
	case "experiences":
		return s.experiencesPage(w, r)
	case "actions":
		return s.procedureActionsPage(w, r)
	}
	if r.PathValue("part") != "facile-a-lire" {
		return errs.E(errs.NotFound, "")
	}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	p, ok := sn.Procedure(r.PathValue("slug"))
	if !ok || p.FALC == "" {
		return errs.E(errs.NotFound, "Cette démarche n'existe pas ou n'a pas de version facile à lire.")
	}
	label := easyLabel(p.Procedure)
	v := easyView{Page: s.page(r, p.Title+" : "+strings.ToLower(label[:1])+label[1:]), ProcedureTitle: p.Title,
		Label: label, URL: "/demarches/" + p.Slug,
		Sections: easySections(p.FALC), HelpLabel: p.HelpContact.Label, HelpPhone: p.HelpContact.Phone,
		HelpPhoneHref: telHref(p.HelpContact.Phone)}
	return s.render(w, http.StatusOK, "catalogue-easy", v)
}

// easyLabel names the easy-to-read text of p. "Facile à lire et à comprendre" is a label that
// needs a review by people with intellectual disabilities; without it, the text is only a
// "Version facile à lire".
func easyLabel(p catalogue.Procedure) string {
	if p.FALCReviewed {
		return "Facile à lire et à comprendre (FALC)"
	}
	return "Version facile à lire"
}
