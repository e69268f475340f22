package web

import (
	"net/http"
	"net/url"
	"strconv"

	"guichet/internal/eligibility"
)

// rightsQuestionView is the model of one page of "Mes droits": one question.
type rightsQuestionView struct {
	Page
	Form     *Form
	Question eligibility.Question
	// Number is the question's place among the questions asked, from 1.
	Number   int
	Progress string
	BackURL  string
	BackText string
	// Value is the answer as typed or chosen, kept when it was wrong.
	Value string
}

func (s *Server) rightsStart(w http.ResponseWriter, r *http.Request) error {
	v := struct {
		Page
		Count int
	}{s.page(r, "Mes droits : à quelles aides avez-vous peut-être droit ?"), eligibility.Progress(eligibility.Answers{}).Total}
	if r.URL.Query().Get("efface") == "1" {
		v.Notice = "Vos réponses sont effacées de cet appareil."
	}
	return s.render(w, http.StatusOK, "rights/start", v)
}

// rightsBegin starts the questionnaire afresh, forgetting the answers of an earlier one.
func (s *Server) rightsBegin(w http.ResponseWriter, r *http.Request) error {
	s.clearRightsDraft(w)
	http.Redirect(w, r, rightsQuestionsPath, http.StatusSeeOther)
	return nil
}

// rightsClear forgets the answers kept on this device, for a shared computer.
func (s *Server) rightsClear(w http.ResponseWriter, r *http.Request) error {
	s.clearRightsDraft(w)
	http.Redirect(w, r, "/mes-droits?efface=1", http.StatusSeeOther)
	return nil
}

// rightsQuestion asks a question: the one named in the address (to go back or change an
// answer), else the next one not answered. The answers themselves never appear in the
// address: they travel in the posted form and are kept, sealed, in the draft cookie.
func (s *Server) rightsQuestion(w http.ResponseWriter, r *http.Request) error {
	a := s.rightsDraft(r)
	if q, ok := questionByID(r.URL.Query().Get(paramQuestion)); ok && q.Visible(a) {
		form := emptyForm()
		if a.Has(q.ID) {
			form.Values = url.Values{q.ID: a.Encode()[q.ID]}
		}
		return s.renderQuestion(w, r, q, a, form, http.StatusOK)
	}
	q, more := eligibility.Next(a)
	if !more {
		http.Redirect(w, r, rightsResultPath, http.StatusSeeOther)
		return nil
	}
	return s.renderQuestion(w, r, q, a, emptyForm(), http.StatusOK)
}

// rightsAnswer records the answer to one question, then leads to the next question (or the
// result) by a redirect, so that the back button walks the questions, not resent forms.
func (s *Server) rightsAnswer(w http.ResponseWriter, r *http.Request) error {
	form := newForm(r)
	a := s.rightsDraft(r)
	asked, ok := questionByID(form.Get(paramStep))
	if !ok || !asked.Visible(a) {
		http.Redirect(w, r, rightsQuestionsPath, http.StatusSeeOther)
		return nil
	}
	merged := without(a, asked.ID)
	merged[asked.ID] = form.Values[asked.ID]
	next, problems := eligibility.ParseAnswers(merged)
	if !next.Has(asked.ID) {
		msg := problems[asked.ID]
		if msg == "" {
			msg = asked.MissingMessage()
		}
		form.Fail(asked.ID, msg)
		return s.renderQuestion(w, r, asked, a, form, http.StatusUnprocessableEntity)
	}
	if err := s.setRightsDraft(w, next); err != nil {
		return err
	}
	if q, more := eligibility.Next(next); more {
		http.Redirect(w, r, questionURL(q.ID), http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, rightsResultPath, http.StatusSeeOther)
	return nil
}

// renderQuestion shows question q, the answers of a around it.
func (s *Server) renderQuestion(w http.ResponseWriter, r *http.Request, q eligibility.Question, a eligibility.Answers, form *Form, status int) error {
	n := questionNumber(q, a)
	v := rightsQuestionView{Page: s.page(r, "Question "+strconv.Itoa(n)+" : "+q.Label), Form: form,
		Question: q, Number: n, Value: form.Get(q.ID)}
	v.Progress = eligibility.Step{Current: n, Total: eligibility.Progress(a).Total}.String()
	v.HasErrors = !form.Valid()
	// Back goes to the answered question just before this one, in the questionnaire's order.
	v.BackURL, v.BackText = "/mes-droits", "Retour à la présentation de « Mes droits »"
	for _, x := range eligibility.Questions() {
		if x.ID == q.ID {
			break
		}
		if x.Visible(a) && a.Has(x.ID) {
			v.BackURL, v.BackText = questionURL(x.ID), "Retour à la question "+strconv.Itoa(questionNumber(x, a))
		}
	}
	return s.render(w, status, "rights/question", v)
}

// questionNumber is the place of q among the questions asked given a, from 1.
func questionNumber(q eligibility.Question, a eligibility.Answers) int {
	n := 0
	for _, x := range eligibility.Questions() {
		if x.Visible(a) {
			n++
		}
		if x.ID == q.ID {
			break
		}
	}
	return n
}

// questionByID returns the question with that ID.
func questionByID(id string) (eligibility.Question, bool) {
	for _, q := range eligibility.Questions() {
		if q.ID == id {
			return q, true
		}
	}
	return eligibility.Question{}, false
}
