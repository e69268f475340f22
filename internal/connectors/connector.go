package connectors

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Person is who a request is about, as an administration finds them: the
// identity the person's profile or identity provider holds.
type Person struct {
	GivenName  string `json:"given_name"`
	FamilyName string `json:"family_name"`
	Birthdate  string `json:"birthdate"` // YYYY-MM-DD
}

// Request asks a connector for one data category about a person.
type Request struct {
	Person     Person `json:"person"`
	Category   string `json:"category"` // one of the connector's Categories' keys
	Purpose    string `json:"purpose"`
	LegalBasis string `json:"legal_basis"`
}

// Result is what the administration answered: values by name ("value",
// "annee"…) and who vouches for them.
type Result struct {
	Values map[string]string `json:"values"`
	// Source names the administration in a sentence: "la CAF".
	Source string    `json:"source"`
	At     time.Time `json:"-"`
}

// Category is a data category a connector answers for.
type Category struct {
	Key  string // "quotient-familial"
	Name string // "quotient familial"
}

// Connector answers requests for one administration.
type Connector interface {
	// Name is the connector's stable key, as form bindings name it ("caf").
	Name() string
	// Label names the administration in a sentence: "la CAF".
	Label() string
	// Org is the slug of the organisation behind it, for the access log.
	Org() string
	Categories() []Category
	// Fetch answers r, or fails with ErrUnknownPerson or another error:
	// the person then types the answer themselves.
	Fetch(ctx context.Context, r Request) (Result, error)
}

// ErrUnknownPerson says the administration does not know the person.
var ErrUnknownPerson = errors.New("connectors: the administration does not know this person")

// CategoryName returns the name of category key of c, the key when unknown.
func CategoryName(c Connector, key string) string {
	for _, cat := range c.Categories() {
		if cat.Key == key {
			return cat.Name
		}
	}
	return key
}

// Static is a connector answering from a table: the demo's administrations.
type Static struct {
	Key, Sentence, OrgSlug string
	Cats                   []Category
	// Data holds the values by person (PersonKey) then by category.
	Data map[string]map[string]map[string]string
	Now  func() time.Time
}

// PersonKey is how Static finds a person: family name and birth date.
func PersonKey(p Person) string {
	return strings.ToUpper(strings.TrimSpace(p.FamilyName)) + "|" + p.Birthdate
}

// Name implements Connector.
func (s *Static) Name() string { return s.Key }

// Label implements Connector.
func (s *Static) Label() string { return s.Sentence }

// Org implements Connector.
func (s *Static) Org() string { return s.OrgSlug }

// Categories implements Connector.
func (s *Static) Categories() []Category { return s.Cats }

// Fetch implements Connector.
func (s *Static) Fetch(_ context.Context, r Request) (Result, error) {
	v, ok := s.Data[PersonKey(r.Person)][r.Category]
	if !ok {
		return Result{}, ErrUnknownPerson
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return Result{Values: v, Source: s.Sentence, At: now().UTC()}, nil
}
