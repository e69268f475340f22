package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
	"guichet/internal/rights"
)

// suggestionItem is an aid suggested to the person, as the pages show it.
type suggestionItem struct {
	Slug, Title, URL, Reason, Payer string
	Unchecked                       []string
	// ParametersDate is the date of the amounts used, "1er avril 2026".
	ParametersDate string
	// Online is true when the procedure can be started here, pre-filled.
	Online   bool
	Followed bool
}

// suggestionItems adds to the suggestions what the catalogue says of their
// procedures; a procedure no longer published is left out.
func (s *Server) suggestionItems(ctx context.Context, list []rights.Suggestion) ([]suggestionItem, error) {
	sn, err := s.Catalogue.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var out []suggestionItem
	for _, sg := range list {
		p, ok := sn.Procedure(sg.Slug)
		if !ok {
			continue
		}
		it := suggestionItem{Slug: sg.Slug, Title: p.Title, URL: "/demarches/" + sg.Slug, Reason: sg.Reason,
			Payer: orgWords(p.Org.Name).By, Unchecked: sg.Unchecked, Followed: !sg.FollowedAt.IsZero(),
			ParametersDate: frenchParamDate(sg.ParametersDate)}
		if _, err := s.Forms.Published(ctx, sg.Slug); err == nil {
			it.Online = true
		} else if !errs.Is(err, errs.NotFound) {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// frenchParamDate writes "2026-04-01" as a date in words, "" stays "".
func frenchParamDate(d string) string {
	t, err := time.Parse(eligibility.DateLayout, d)
	if err != nil {
		return d
	}
	return frenchDate(t)
}

// rightsSuggestionsView is the model of /compte/droits.
type rightsSuggestionsView struct {
	Page
	Allowed     bool
	Suggestions []suggestionItem
	Warning     string
	// HasAnswers is false when the person kept no "Mes droits" result: the
	// page says that the search needs one.
	HasAnswers bool
}

// rightsSuggestions is /compte/droits: the consent to look for aid, and
// while it lasts, the aid the person may be missing.
func (s *Server) rightsSuggestions(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), currentUser(r)
	ok, err := s.Rights.Allowed(ctx, u.ID)
	if err != nil {
		return err
	}
	v := rightsSuggestionsView{Page: s.page(r, "Des aides auxquelles vous avez peut-être droit"), Allowed: ok,
		Warning: eligibility.Notice}
	if ok {
		list, err := s.Rights.List(ctx, u.ID)
		if err != nil {
			return err
		}
		if v.Suggestions, err = s.suggestionItems(ctx, list); err != nil {
			return err
		}
		kept, err := s.Catalogue.KeptResults(ctx, u.ID)
		if err != nil {
			return err
		}
		v.HasAnswers = len(kept) > 0
	}
	v.Notice = map[string]string{
		"accorde": "C'est noté : nous cherchons les aides auxquelles vous avez peut-être droit, et nous vous prévenons des nouvelles.",
		"retire":  "Votre accord est retiré : vos suggestions sont supprimées et nous ne cherchons plus.",
		"ecarte":  "C'est noté : cette aide ne vous sera plus suggérée.",
		"merci":   "Merci : votre remarque est transmise, sans votre nom, à l'équipe qui écrit la règle de cette aide.",
	}[r.URL.Query().Get("fait")]
	return s.render(w, http.StatusOK, "rights-suggestions", v)
}

func (s *Server) rightsAllow(w http.ResponseWriter, r *http.Request) error {
	if err := s.Rights.Allow(r.Context(), currentUser(r).ID); err != nil {
		return err
	}
	http.Redirect(w, r, rights.AccountPath+"?fait=accorde", http.StatusSeeOther)
	return nil
}

func (s *Server) rightsWithdraw(w http.ResponseWriter, r *http.Request) error {
	if err := s.Rights.WithdrawAll(r.Context(), currentUser(r).ID); err != nil {
		return err
	}
	http.Redirect(w, r, rights.AccountPath+"?fait=retire", http.StatusSeeOther)
	return nil
}

// rightsDismiss is "Ce n'est pas pour moi".
func (s *Server) rightsDismiss(w http.ResponseWriter, r *http.Request) error {
	if err := s.Rights.Dismiss(r.Context(), currentUser(r).ID, r.PathValue("slug")); err != nil {
		return err
	}
	http.Redirect(w, r, rights.AccountPath+"?fait=ecarte", http.StatusSeeOther)
	return nil
}

// rightsFollow starts the procedure of a suggestion: take-up counts it, and
// the procedure's start opens the draft pre-filled where its fields are
// bound to the profile or an administration.
func (s *Server) rightsFollow(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if err := s.Rights.Follow(r.Context(), currentUser(r).ID, slug); err != nil {
		return err
	}
	http.Redirect(w, r, "/demarches/"+url.PathEscape(slug)+"/commencer", http.StatusSeeOther)
	return nil
}

// rightsUnexpectedView is the model of "Résultat inattendu ?".
type rightsUnexpectedView struct {
	Page
	Item suggestionItem
	Form *Form
}

func (s *Server) rightsUnexpectedPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderUnexpected(w, r, http.StatusOK, emptyForm())
}

func (s *Server) renderUnexpected(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	ctx, slug := r.Context(), r.PathValue("slug")
	list, err := s.Rights.List(ctx, currentUser(r).ID)
	if err != nil {
		return err
	}
	items, err := s.suggestionItems(ctx, list)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Slug == slug {
			v := rightsUnexpectedView{Page: s.page(r, "Résultat inattendu : "+it.Title), Item: it, Form: f}
			v.HasErrors = !f.Valid()
			return s.render(w, status, "rights-unexpected", v)
		}
	}
	return errs.E(errs.NotFound, "Cette aide ne fait pas partie de vos suggestions.")
}

func (s *Server) rightsUnexpected(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	err := s.Rights.Unexpected(r.Context(), currentUser(r).ID, r.PathValue("slug"), f.Get("comment"))
	if f.FailWith(err) {
		return s.renderUnexpected(w, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, rights.AccountPath+"?fait=merci", http.StatusSeeOther)
	return nil
}
