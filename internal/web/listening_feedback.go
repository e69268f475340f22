package web

import (
	"net/http"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/listening"
)

// feedbackView is the model of the public questionnaire of a procedure.
type feedbackView struct {
	Page
	Questions                            feedbackForm
	ProcedureTitle, ProcedureURL, Action string
}

// publishedProcedure finds the procedure of the {slug} path value.
func (s *Server) publishedProcedure(r *http.Request) (*catalogue.PublishedProcedure, error) {
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return nil, err
	}
	p, ok := sn.Procedure(r.PathValue("slug"))
	if !ok {
		return nil, errs.E(errs.NotFound, "Cette démarche n'existe pas ou n'est plus en ligne. Cherchez-la par son nom.")
	}
	return p, nil
}

func (s *Server) feedbackPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return err
	}
	return s.renderFeedback(w, r, http.StatusOK, p, emptyForm())
}

func (s *Server) renderFeedback(w http.ResponseWriter, r *http.Request, status int, p *catalogue.PublishedProcedure, f *Form) error {
	title := "Donnez votre avis sur la démarche « " + p.Title + " »"
	if !f.Valid() {
		title = "Erreur : " + title
	}
	url := "/demarches/" + p.Slug
	v := feedbackView{Page: s.page(r, title), Questions: newFeedbackForm(f), ProcedureTitle: p.Title,
		ProcedureURL: url, Action: url + "/avis"}
	return s.render(w, status, "listening-feedback", v)
}

func (s *Server) giveFeedback(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	_, err = s.Listening.Give(r.Context(), feedbackAnswer(f, p.Slug), p.Org.ID, s.clientIP(r))
	if errs.Is(err, errs.TooMany) {
		v := struct {
			Page
			Message, ProcedureURL string
		}{s.page(r, "Merci, vos avis sont déjà enregistrés"), errs.MessageOf(listening.ErrTooMany), "/demarches/" + p.Slug}
		return s.render(w, http.StatusTooManyRequests, "listening-limit", v)
	}
	if f.FailWith(err) {
		return s.renderFeedback(w, r, http.StatusUnprocessableEntity, p, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/demarches/"+p.Slug+"/avis/merci", http.StatusSeeOther)
	return nil
}

func (s *Server) feedbackThanks(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return err
	}
	v := struct {
		Page
		ProcedureTitle, ProcedureURL string
	}{s.page(r, "Merci pour votre avis"), p.Title, "/demarches/" + p.Slug}
	return s.render(w, http.StatusOK, "listening-thanks", v)
}
