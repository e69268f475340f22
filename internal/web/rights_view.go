package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"guichet/internal/eligibility"
)

// Addresses and parameters of the "Mes droits" pages. No answer is ever part of an address:
// addresses end up in browser history, server logs and Referer headers, and these answers
// tell about income and disability.
const (
	rightsQuestionsPath = "/mes-droits/questions"
	rightsResultPath    = "/mes-droits/resultat"
	// paramStep names the question a form answers.
	paramStep = "etape"
	// paramQuestion names a question to ask again, its answer filled in.
	paramQuestion = "question"
	// rightsCookie keeps the answers given so far, sealed with the instance key, on the
	// person's device only while they answer.
	rightsCookie = "guichet_mes_droits"
	// rightsDraftLife is how long answers are kept after the last one: long enough to finish,
	// short enough that a shared computer forgets them.
	rightsDraftLife = 2 * time.Hour
)

// rightsDraft returns the answers kept on this device; none when there are none or they
// cannot be opened.
func (s *Server) rightsDraft(r *http.Request) eligibility.Answers {
	c, err := r.Cookie(rightsCookie)
	if err != nil || c.Value == "" {
		return eligibility.Answers{}
	}
	a, err := s.Catalogue.OpenAnswers(c.Value)
	if err != nil {
		return eligibility.Answers{}
	}
	return a
}

// setRightsDraft keeps answers a on this device, sealed.
func (s *Server) setRightsDraft(w http.ResponseWriter, a eligibility.Answers) error {
	sealed, err := s.Catalogue.SealAnswers(a)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: rightsCookie, Value: sealed, Path: "/mes-droits",
		MaxAge: int(rightsDraftLife / time.Second), HttpOnly: true, Secure: s.Settings.TLS(),
		SameSite: http.SameSiteLaxMode})
	return nil
}

// clearRightsDraft forgets the answers kept on this device.
func (s *Server) clearRightsDraft(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: rightsCookie, Path: "/mes-droits", MaxAge: -1,
		HttpOnly: true, Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode})
}

// questionURL is the address that asks question id, its answer filled in when there is one.
func questionURL(id string) string {
	return rightsQuestionsPath + "?" + url.Values{paramQuestion: {id}}.Encode()
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
