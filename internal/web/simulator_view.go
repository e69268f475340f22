package web

import (
	"maps"
	"net/url"
	"slices"
	"strings"

	"guichet/internal/eligibility"
)

// Parameters of the "Mes droits" pages besides the answers.
const (
	// paramStep names the question a page just asked, so that the next request knows which
	// answer must be there.
	paramStep = "etape"
	// paramChange names an answered question to ask again, its answer filled in.
	paramChange = "modifier"
)

// hiddenAnswers writes answers as hidden fields, in a steady order, leaving out skip.
func hiddenAnswers(form url.Values, skip string) []hiddenField {
	var out []hiddenField
	for _, name := range slices.Sorted(maps.Keys(form)) {
		if name == skip {
			continue
		}
		for _, v := range form[name] {
			out = append(out, hiddenField{name, v})
		}
	}
	return out
}

// questionsURL is the address of the questionnaire carrying answers.
func questionsURL(form url.Values) string {
	if len(form) == 0 {
		return "/mes-droits/questions"
	}
	return "/mes-droits/questions?" + form.Encode()
}

// changeURL is the address that asks question id again, with every answer carried.
func changeURL(a eligibility.Answers, id string) string {
	form := without(a, "")
	form.Set(paramChange, id)
	return questionsURL(form)
}

// resultURL is the address of the result of answers.
func resultURL(a eligibility.Answers) string {
	return "/mes-droits/resultat?" + a.Encode().Encode()
}

// answered lists the questions asked and answered so far, in the order they were asked.
func answered(a eligibility.Answers) []eligibility.Question {
	var out []eligibility.Question
	for _, q := range eligibility.Questions() {
		if q.Visible(a) && a.Has(q.ID) {
			out = append(out, q)
		}
	}
	return out
}

// without returns the form of a without the answer to id, hidden answers dropped too: they
// are recomputed from the visible ones.
func without(a eligibility.Answers, id string) url.Values {
	form := url.Values{}
	for _, q := range answered(a) {
		if q.ID != id {
			form[q.ID] = a.Encode()[q.ID]
		}
	}
	return form
}

// answerText is an answer as the person would say it.
func answerText(q eligibility.Question, a eligibility.Answers) string {
	switch q.Kind {
	case eligibility.YesNo:
		if yes, _ := a.Bool(q.ID); yes {
			return "Oui"
		}
		return "Non"
	case eligibility.Choice:
		v, _ := a.String(q.ID)
		for _, o := range q.Options {
			if o.Value == v {
				return o.Label
			}
		}
		return v
	}
	text := a.Encode().Get(q.ID)
	text = strings.Replace(text, ".", ",", 1)
	if q.Unit != "" {
		text += " " + q.Unit
	}
	return text
}
