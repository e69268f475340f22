package web

import (
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// reviewView is "Vérifiez vos réponses".
type reviewView struct {
	Page
	*dossierCtx
	Lines []forms.SummaryLine
	// Form lists the answers still missing or wrong, each linked to its
	// line, whose "Modifier" leads to its page; Problems gives them by key.
	Form     *Form
	Problems map[string]string
	BackURL  string
}

// dossierReview shows every answer with a "Modifier" link, then "Envoyer".
func (s *Server) dossierReview(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if dc.D.State != dossiers.Draft {
		http.Redirect(w, r, dossierURL(dc.D.ID), http.StatusSeeOther)
		return nil
	}
	return s.renderReview(w, r, http.StatusOK, dc, nil)
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, dc *dossierCtx, problems []errs.FieldError) error {
	v := reviewView{Page: s.page(r, "Vérifiez vos réponses — "+dc.ProcTitle), dossierCtx: dc,
		Lines: dc.Form.Summary(dc.Answers), BackURL: stepURL(dc.D.ID, dc.Form.Prev(len(dc.Form.Pages), dc.Answers)),
		Form: emptyForm(), Problems: map[string]string{}}
	for _, p := range problems {
		key := forms.TopKey(p.Field)
		if _, seen := v.Problems[key]; !seen {
			v.Problems[key] = p.Message
			v.Form.Fail(key, p.Message)
		}
	}
	v.HasErrors = len(problems) > 0
	return s.render(w, status, "dossiers-review", v)
}

// dossierSubmit sends the draft: a last check of every answer, then the
// submission, its timeline entry and the receipt job at once.
func (s *Server) dossierSubmit(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if dc.D.State != dossiers.Draft {
		// Sent already (a second click): the receipt is what they want.
		http.Redirect(w, r, dossierURL(dc.D.ID, "recu"), http.StatusSeeOther)
		return nil
	}
	if _, problems := dc.Form.ValidateAll(dc.Answers); len(problems) > 0 {
		return s.renderReview(w, r, http.StatusUnprocessableEntity, dc, problems)
	}
	rc := dossiers.Receipt{ProcedureTitle: dc.ProcTitle, NextSteps: s.nextSteps(r, dc)}
	// Sent as read and checked here: if a page was saved meanwhile, the
	// sending reads the draft again.
	_, err = s.Dossiers.SubmitAsRead(r.Context(), dossiers.Submitter{UserID: ownerID(r)}, dc.D, rc)
	if problems := errs.FieldsOf(err); len(problems) > 0 {
		return s.renderReview(w, r, http.StatusUnprocessableEntity, dc, problems)
	}
	if errs.Is(err, errs.Conflict) {
		// Sent meanwhile by another click: its receipt. Still a draft,
		// whose answers kept changing in another tab while it was sent:
		// the error says to check them and send again.
		if d, gerr := s.Dossiers.Get(r.Context(), ownerID(r), dc.D.ID); gerr == nil && d.State == dossiers.Draft {
			return err
		}
		http.Redirect(w, r, dossierURL(dc.D.ID, "recu"), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, dossierURL(dc.D.ID, "recu"), http.StatusSeeOther)
	return nil
}

// nextSteps says what happens after sending, with the expected delay.
func (s *Server) nextSteps(r *http.Request, dc *dossierCtx) string {
	text := "L'administration va examiner votre dossier."
	if dc.Proc != nil && dc.Proc.Org.Name != "" {
		// "Qui traite…:" needs no article before the organisation's name.
		text = "Qui traite votre dossier : " + dc.Proc.Org.Name + "."
	}
	text += " Vous recevrez un e-mail à chaque étape, et vous pouvez suivre votre dossier dans « Mes démarches »."
	if delay := s.delayText(r, dc); delay != "" {
		text += " " + delay
	}
	return text
}

// delayText is the expected delay: from the dossiers decided lately when
// there are enough of them, else what the procedure's page says.
func (s *Server) delayText(r *http.Request, dc *dossierCtx) string {
	days, ok, err := s.Dossiers.ExpectedDelay(r.Context(), dc.D.Procedure)
	if err == nil && ok {
		return delaySentence(days)
	}
	if dc.Proc != nil && dc.Proc.Delay != "" {
		return "Délai habituel : " + strings.TrimRight(dc.Proc.Delay, ". ") + "."
	}
	return ""
}

// delaySentence says the measured delay.
func delaySentence(days int) string {
	unit := " jours."
	if days == 1 {
		unit = " jour."
	}
	return "9 sur 10 reçoivent une réponse en moins de " + strconv.Itoa(days) + unit
}
