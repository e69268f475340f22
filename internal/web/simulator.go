package web

import (
	"net/http"
	"net/url"

	"guichet/internal/eligibility"
)

// questionView is the model of one page of "Mes droits": one question.
type questionView struct {
	Page
	Form     *Form
	Question eligibility.Question
	Progress string
	Hidden   []hiddenField
	BackURL  string
	// Value is the answer as typed or chosen, kept when it was wrong.
	Value string
}

func (s *Server) simulatorStart(w http.ResponseWriter, r *http.Request) error {
	v := struct {
		Page
		Count int
	}{s.page(r, "Mes droits : à quelles aides avez-vous droit ?"), eligibility.Progress(eligibility.Answers{}).Total}
	return s.render(w, http.StatusOK, "simulator-start", v)
}

// simulatorQuestion asks the next question. Answers travel in the address, so nothing is
// stored and the browser's back and forward buttons work.
func (s *Server) simulatorQuestion(w http.ResponseWriter, r *http.Request) error {
	query := r.URL.Query()
	a, problems := eligibility.ParseAnswers(query)
	step := query.Get(paramStep)
	form := &Form{Values: query}
	if asked, ok := questionByID(step); ok && asked.Visible(a) && !a.Has(step) {
		msg := problems[step]
		if msg == "" {
			msg = asked.MissingMessage()
		}
		form.Fail(step, msg)
		return s.renderQuestion(w, r, asked, a, form, http.StatusUnprocessableEntity)
	}
	// "modifier" goes back to an answered question, its answer ready to change.
	if change, ok := questionByID(query.Get(paramChange)); ok && change.Visible(a) && a.Has(change.ID) {
		form.Values = url.Values{change.ID: a.Encode()[change.ID]}
		return s.renderQuestion(w, r, change, a, form, http.StatusOK)
	}
	q, more := eligibility.Next(a)
	if !more {
		http.Redirect(w, r, resultURL(a), http.StatusSeeOther)
		return nil
	}
	return s.renderQuestion(w, r, q, a, emptyForm(), http.StatusOK)
}

// renderQuestion shows question q, carrying the other answers of a.
func (s *Server) renderQuestion(w http.ResponseWriter, r *http.Request, q eligibility.Question, a eligibility.Answers, form *Form, status int) error {
	v := questionView{Page: s.page(r, q.Label), Form: form, Question: q,
		Progress: eligibility.Progress(a).String(), Value: form.Get(q.ID)}
	v.HasErrors = !form.Valid()
	v.Hidden = hiddenAnswers(without(a, q.ID), "")
	// Back goes to the answered question just before this one, in the questionnaire's order.
	v.BackURL = "/mes-droits"
	for _, x := range eligibility.Questions() {
		if x.ID == q.ID {
			break
		}
		if x.Visible(a) && a.Has(x.ID) {
			v.BackURL = changeURL(a, x.ID)
		}
	}
	return s.render(w, status, "simulator-question", v)
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

// answerLine is one answer on the result page, with a link to change it.
type answerLine struct {
	Question, Answer, ChangeURL string
}

// resultView is the model of the result of "Mes droits".
type resultView struct {
	Page
	Notice  string // Notice is eligibility.Notice.
	Results []entitlementItem
	Answers []answerLine
	Hidden  []hiddenField
	// SignInURL leads a person who is not signed in to sign in and come back.
	SignInURL string
}

// entitlementItem is a procedure the person may be entitled to.
type entitlementItem struct {
	URL, Title, Reason, OrgName string
}

func (s *Server) simulatorResult(w http.ResponseWriter, r *http.Request) error {
	a, _ := eligibility.ParseAnswers(r.URL.Query())
	if _, more := eligibility.Next(a); more {
		http.Redirect(w, r, questionsURL(a.Encode()), http.StatusSeeOther)
		return nil
	}
	found, err := s.Catalogue.Simulate(r.Context(), a)
	if err != nil {
		return err
	}
	v := resultView{Page: s.page(r, "Mes droits : le résultat"), Notice: eligibility.Notice,
		Hidden: hiddenAnswers(a.Encode(), "")}
	for _, e := range found {
		v.Results = append(v.Results, entitlementItem{URL: "/demarches/" + e.Slug, Title: e.Title,
			Reason: e.Reason, OrgName: e.Org.Name})
	}
	for _, q := range answered(a) {
		v.Answers = append(v.Answers, answerLine{Question: q.Label, Answer: answerText(q, a),
			ChangeURL: changeURL(a, q.ID)})
	}
	if !v.SignedIn {
		v.SignInURL = "/connexion?" + url.Values{"suite": {r.URL.RequestURI()}}.Encode()
	}
	return s.render(w, http.StatusOK, "simulator-result", v)
}
