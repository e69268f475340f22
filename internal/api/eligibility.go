package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

// maxEligibilityBody is the largest body POST /api/v1/eligibility takes:
// a dozen short answers fit in a few hundred bytes.
const maxEligibilityBody = 4 << 10

// dateField is the optional field of the body that names the day the
// answers are about, beside the questionnaire's answers.
const dateField = "date"

// EligibilityAnswer is the reply of POST /api/v1/eligibility.
type EligibilityAnswer struct {
	// Date is the day whose parameters were used.
	Date    string              `json:"date"`
	Notice  string              `json:"notice"`
	Results []EligibilityResult `json:"results"`
}

// EligibilityResult is the a priori answer of one procedure's rule.
type EligibilityResult struct {
	Slug string `json:"slug"`
	// Eligible is true, false, or null when the answers are not enough.
	Eligible       *bool    `json:"eligible"`
	Reasons        []string `json:"reasons"`
	Unchecked      []string `json:"unchecked"`
	ParametersDate *string  `json:"parameters_date"`
	Link           string   `json:"link,omitempty"`
	Online         string   `json:"online,omitempty"`
	Renewal        string   `json:"renewal,omitempty"`
}

// postEligibility answers, a priori, which published procedures the
// questionnaire's answers make the person eligible to. Anyone may call it
// without a token. The answers are neither stored nor logged: nothing of
// the body goes to the logs, the audit or the error messages except the
// names of the fields.
func (s *Server) postEligibility(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxEligibilityBody)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &codedError{status: http.StatusRequestEntityTooLarge, code: "too_large",
				err: errs.E(errs.Invalid, "La demande est trop lourde : envoyez au plus 4 ko de réponses.")}
		}
		return errs.E(errs.Invalid, "Le corps de la demande n'a pas pu être lu.")
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&raw); err != nil || raw == nil {
		return errs.E(errs.Invalid, `Le corps de la demande doit être un objet JSON de réponses, par exemple {"age": 34, "couple": false, "ressources_mensuelles": 900}.`)
	}
	form, day, err := eligibilityForm(raw)
	if err != nil {
		return err
	}
	a, problems := eligibility.ParseAnswers(form)
	if len(problems) > 0 {
		var fields []errs.FieldError
		for _, q := range eligibility.Questions() {
			if msg, ok := problems[q.ID]; ok {
				fields = append(fields, errs.FieldError{Field: q.ID, Message: msg})
			}
		}
		return errs.InvalidFields("Certaines réponses ne se lisent pas : corrigez-les.", fields)
	}
	outcomes, err := s.Catalogue.Assess(r.Context(), a, day)
	if err != nil {
		return err
	}
	if day.IsZero() {
		day = time.Now()
	}
	out := EligibilityAnswer{Date: day.Format(eligibility.DateLayout), Notice: eligibility.Notice,
		Results: make([]EligibilityResult, 0, len(outcomes))}
	for _, o := range outcomes {
		res := EligibilityResult{Slug: o.Slug, Eligible: o.Eligible, Reasons: o.Reasons, Unchecked: o.Unchecked,
			Link: o.Link, Online: o.Online, Renewal: o.Renewal}
		if o.ParametersDate != "" {
			res.ParametersDate = &o.ParametersDate
		}
		if res.Unchecked == nil {
			res.Unchecked = []string{}
		}
		out.Results = append(out.Results, res)
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, out)
}

// eligibilityForm turns the JSON answers into the form values the
// questionnaire reads, and the optional date. Numbers, booleans and
// strings are taken; any other field is refused by name.
func eligibilityForm(raw map[string]json.RawMessage) (url.Values, time.Time, error) {
	kinds := map[string]eligibility.Kind{}
	var order []string
	for _, q := range eligibility.Questions() {
		kinds[q.ID] = q.Kind
		order = append(order, q.ID)
	}
	form := url.Values{}
	var day time.Time
	var fields []errs.FieldError
	if v, ok := raw[dateField]; ok {
		var text string
		var err error
		if json.Unmarshal(v, &text) == nil {
			day, err = time.Parse(eligibility.DateLayout, text)
		}
		if text == "" || err != nil {
			fields = append(fields, errs.FieldError{Field: dateField, Message: "Écrivez la date au format AAAA-MM-JJ, par exemple 2026-05-01, ou ne l'envoyez pas pour aujourd'hui."})
		}
	}
	for name := range raw {
		if _, ok := kinds[name]; !ok && name != dateField {
			fields = append(fields, errs.FieldError{Field: name, Message: "Ce champ n'est pas une question du questionnaire « Mes droits » : retirez-le."})
		}
	}
	for _, id := range order {
		v, ok := raw[id]
		if !ok || string(v) == "null" {
			continue
		}
		text, msg := answerText(kinds[id], v)
		if msg != "" {
			fields = append(fields, errs.FieldError{Field: id, Message: msg})
			continue
		}
		form.Set(id, text)
	}
	if len(fields) > 0 {
		return nil, time.Time{}, errs.InvalidFields("Certaines réponses ne se lisent pas : corrigez-les.", fields)
	}
	return form, day, nil
}

// answerText reads one JSON answer as the form would send it.
func answerText(kind eligibility.Kind, v json.RawMessage) (string, string) {
	switch kind {
	case eligibility.Number:
		var n json.Number
		if json.Unmarshal(v, &n) != nil {
			return "", "Écrivez un nombre, sans guillemets, par exemple 900."
		}
		if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
			return "", "Écrivez un nombre, sans guillemets, par exemple 900."
		}
		return n.String(), ""
	case eligibility.YesNo:
		var b bool
		if json.Unmarshal(v, &b) != nil {
			return "", "Répondez par true ou false."
		}
		if b {
			return "oui", ""
		}
		return "non", ""
	}
	var text string
	if json.Unmarshal(v, &text) != nil || text == "" {
		return "", "Écrivez une des valeurs proposées, entre guillemets."
	}
	return text, ""
}
