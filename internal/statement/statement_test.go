package statement

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultIsValidAndNotCompliant(t *testing.T) {
	s := Default()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	// Without a complete audit, the lawful status is "non conforme".
	if s.Status != NonCompliant {
		t.Errorf("default status %q, want %q", s.Status, NonCompliant)
	}
}

// TestValidateNamesEveryMissingPart empties each required part of the model in turn and
// checks that validation fails naming it.
func TestValidateNamesEveryMissingPart(t *testing.T) {
	tests := map[string]func(*Statement){
		"entity":                       func(s *Statement) { s.Entity = "" },
		"site":                         func(s *Statement) { s.Site = " " },
		"scope":                        func(s *Statement) { s.Scope = "" },
		"published":                    func(s *Statement) { s.Published = "" },
		"multi_year_plan":              func(s *Statement) { s.MultiYearPlan.URL = "" },
		"action_plan":                  func(s *Statement) { s.ActionPlan = Link{} },
		"status":                       func(s *Statement) { s.Status = "conforme" },
		"rate":                         func(s *Statement) { s.Rate = "" },
		"rate_method":                  func(s *Statement) { s.RateMethod = "" },
		"non_compliant":                func(s *Statement) { s.NonCompliant = nil },
		"audit.date":                   func(s *Statement) { s.Audit.Date = "" },
		"audit.by":                     func(s *Statement) { s.Audit.By = "" },
		"audit.technologies":           func(s *Statement) { s.Audit.Technologies = nil },
		"audit.assistive_technologies": func(s *Statement) { s.Audit.AssistiveTechnologies = nil },
		"audit.tools":                  func(s *Statement) { s.Audit.Tools = nil },
		"audit.pages":                  func(s *Statement) { s.Audit.Pages = nil },
		"contact.email":                func(s *Statement) { s.Contact.Email = "nobody" },
		"contact.form_url":             func(s *Statement) { s.Contact.FormURL = "" },
		"contact.postal_address":       func(s *Statement) { s.Contact.PostalAddress = "" },
	}
	for part, spoil := range tests {
		t.Run(part, func(t *testing.T) {
			s := Default()
			spoil(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), part) {
				t.Errorf("Validate() = %v, want an error naming %s", err, part)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	b, _ := os.ReadFile("default.json")
	os.WriteFile(good, []byte(strings.Replace(string(b), "L'administration qui exploite ce service Guichet", "Mairie de Villeurbanne", 1)), 0o600)
	s, err := Load(good)
	if err != nil || s.Entity != "Mairie de Villeurbanne" {
		t.Fatalf("Load = %+v, %v", s.Entity, err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"entity": "Mairie", "statut": "conforme"}`), 0o600)
	if _, err := Load(bad); err == nil {
		t.Error("a statement with an unknown field and missing parts loads")
	}
	if s, err := Load(""); err != nil || s.Status != NonCompliant {
		t.Errorf("Load(\"\") = %v, %v; want the default", s.Status, err)
	}
}
