// Package statement holds the accessibility statement of a Guichet installation (déclaration
// d'accessibilité), to the model the RGAA sets out: who commits, to what, how far the site
// complies, what is not accessible, how the audit was made, how to report a problem and where
// to turn without an answer. The text is data: each deployment fills in a JSON file
// (--accessibility-statement); Guichet's own default is embedded.
package statement

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// The compliance states the law allows (RGAA, « état de conformité »).
const (
	NonCompliant       = "non conforme"
	PartiallyCompliant = "partiellement conforme"
	FullyCompliant     = "totalement conforme"
)

// Link is a document the statement points to.
type Link struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Audit says when and how compliance was measured.
type Audit struct {
	// Date is when the audit was made, as people write it ("novembre 2026").
	Date string `json:"date"`
	// By is who made it: an internal team or an independent auditor.
	By                    string   `json:"by"`
	Technologies          []string `json:"technologies"`
	AssistiveTechnologies []string `json:"assistive_technologies"` // with the browsers they ran in
	Tools                 []string `json:"tools"`
	Pages                 []Link   `json:"pages"`
}

// Contact is how a person reports a problem of accessibility.
type Contact struct {
	Email         string `json:"email"`
	FormURL       string `json:"form_url"`
	PostalAddress string `json:"postal_address"`
}

// Statement is the accessibility statement of one installation.
type Statement struct {
	// Entity is the administration responsible for the site.
	Entity string `json:"entity"`
	// Site names the site the statement covers, and Scope which of its pages.
	Site  string `json:"site"`
	Scope string `json:"scope"`
	// Published is the date the statement was written or last updated.
	Published string `json:"published"`
	// MultiYearPlan and ActionPlan are the "schéma pluriannuel" and the yearly action plan.
	MultiYearPlan Link `json:"multi_year_plan"`
	ActionPlan    Link `json:"action_plan"`
	// Status is one of NonCompliant, PartiallyCompliant, FullyCompliant.
	Status string `json:"status"`
	// Rate is the share of criteria met ("91 %"), and RateMethod how it was counted.
	Rate       string `json:"rate"`
	RateMethod string `json:"rate_method"`
	// NonCompliant lists the failures; Derogations the content left inaccessible for a
	// disproportionate burden; Exempt the content outside the law's scope.
	NonCompliant []string `json:"non_compliant"`
	Derogations  []string `json:"derogations"`
	Exempt       []string `json:"exempt"`
	Audit        Audit    `json:"audit"`
	Contact      Contact  `json:"contact"`
}

//go:embed default.json
var defaultJSON []byte

// Default returns Guichet's own statement, for an installation that has not written its own.
func Default() Statement {
	s, err := parse(defaultJSON)
	if err != nil {
		panic("statement: the embedded default is invalid: " + err.Error())
	}
	return s
}

// Load reads the statement of the file at path, or returns Default when path is empty. The
// statement must hold every part of the model (see Validate).
func Load(path string) (Statement, error) {
	if path == "" {
		return Default(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Statement{}, fmt.Errorf("accessibility statement: %w", err)
	}
	s, err := parse(b)
	if err != nil {
		return Statement{}, fmt.Errorf("accessibility statement %s: %w", path, err)
	}
	return s, nil
}

func parse(b []byte) (Statement, error) {
	var s Statement
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Statement{}, err
	}
	return s, s.Validate()
}

// Validate returns an error naming every required part of the model that is missing.
func (s Statement) Validate() error {
	var missing []string
	need := func(ok bool, part string) {
		if !ok {
			missing = append(missing, part)
		}
	}
	blank := func(v string) bool { return strings.TrimSpace(v) == "" }
	need(!blank(s.Entity), "entity")
	need(!blank(s.Site), "site")
	need(!blank(s.Scope), "scope")
	need(!blank(s.Published), "published")
	need(!blank(s.MultiYearPlan.URL) && !blank(s.MultiYearPlan.Label), "multi_year_plan")
	need(!blank(s.ActionPlan.URL) && !blank(s.ActionPlan.Label), "action_plan")
	need(s.Status == NonCompliant || s.Status == PartiallyCompliant || s.Status == FullyCompliant,
		`status ("non conforme", "partiellement conforme" or "totalement conforme")`)
	need(!blank(s.Audit.Date), "audit.date")
	need(!blank(s.Audit.By), "audit.by")
	need(len(s.Audit.Technologies) > 0, "audit.technologies")
	need(len(s.Audit.AssistiveTechnologies) > 0, "audit.assistive_technologies")
	need(len(s.Audit.Tools) > 0, "audit.tools")
	need(len(s.Audit.Pages) > 0, "audit.pages")
	need(!blank(s.Rate), "rate")
	need(!blank(s.RateMethod), "rate_method")
	need(s.Status == FullyCompliant || len(s.NonCompliant) > 0, "non_compliant (the failures, unless totally compliant)")
	need(!blank(s.Contact.Email) && strings.Contains(s.Contact.Email, "@"), "contact.email")
	need(!blank(s.Contact.FormURL), "contact.form_url")
	need(!blank(s.Contact.PostalAddress), "contact.postal_address")
	if len(missing) > 0 {
		return errors.New("missing or invalid: " + strings.Join(missing, ", "))
	}
	return nil
}
