package web

import (
	"net/http"
	"net/url"

	"guichet/internal/eligibility"
)

// rightsAnswerLine is one answer on the result page, with a link to change it.
type rightsAnswerLine struct {
	Question, Answer, ChangeURL string
}

// rightsResultView is the model of the result of "Mes droits".
type rightsResultView struct {
	Page
	// Warning is eligibility.Notice, shown once as a warning.
	Warning string
	Results []rightsItem
	Answers []rightsAnswerLine
	// Kept is the date of a kept result, empty for the questionnaire under way.
	Kept string
	// SignInURL leads a person who is not signed in to sign in and come back.
	SignInURL string
}

// rightsItem is a procedure the person may be entitled to.
type rightsItem struct {
	URL, Title, Reason, Payer string
	// Unchecked lists what the rule could not check.
	Unchecked []string
}

func (s *Server) rightsResult(w http.ResponseWriter, r *http.Request) error {
	a := s.rightsDraft(r)
	if _, more := eligibility.Next(a); more {
		http.Redirect(w, r, rightsQuestionsPath, http.StatusSeeOther)
		return nil
	}
	v, err := s.rightsResultView(r, a, "Mes droits : le résultat")
	if err != nil {
		return err
	}
	for _, q := range answered(a) {
		v.Answers = append(v.Answers, rightsAnswerLine{Question: q.Label, Answer: answerText(q, a),
			ChangeURL: questionURL(q.ID)})
	}
	if !v.SignedIn {
		v.SignInURL = "/connexion?" + url.Values{"suite": {rightsResultPath}}.Encode()
	}
	return s.render(w, http.StatusOK, "rights/result", v)
}

// rightsResultView builds the part of a result page shared by the questionnaire's result and
// a kept result: what the person may ask for, and who pays it.
func (s *Server) rightsResultView(r *http.Request, a eligibility.Answers, title string) (rightsResultView, error) {
	found, err := s.Catalogue.Simulate(r.Context(), a)
	if err != nil {
		return rightsResultView{}, err
	}
	v := rightsResultView{Page: s.page(r, title), Warning: eligibility.Notice}
	for _, e := range found {
		v.Results = append(v.Results, rightsItem{URL: "/demarches/" + e.Slug, Title: e.Title,
			Reason: e.Reason, Payer: orgWords(e.Org.Name).By, Unchecked: e.Unchecked})
	}
	return v, nil
}
