package mediation

import (
	"slices"
	"strings"
	"time"
)

// Mandate is a person's authorisation of a help structure.
type Mandate struct {
	ID    int64
	OrgID int64
	// PersonUserID is the person's Guichet account, 0 when the mediator
	// identified them by a document, until the structure makes them a
	// person record (PersonRecord) to act for them.
	PersonUserID int64
	// PersonRecord is true when PersonUserID is a person record without
	// login the structure made for someone identified by a document
	// (TakeOn), not an account of their own.
	PersonRecord bool
	PersonName   string
	// DocumentType and DocumentLast4 say which identity document the
	// mediator saw: its type and last 4 characters, never the number.
	DocumentType  string
	DocumentLast4 string
	Categories    []Category
	Days          int
	TextVersion   string
	CreatedBy     int64
	ConsentedAt   time.Time
	StartsAt      time.Time
	EndsAt        time.Time
	RevokedAt     *time.Time
	RevokedBy     int64
	// RevokedSide is "person" or "structure" once revoked.
	RevokedSide  string
	NoticeSentAt *time.Time
}

// Status is where a mandate stands at a moment.
type Status string

// The statuses of a mandate.
const (
	Active  Status = "valide"
	Revoked Status = "révoqué"
	Expired Status = "expiré"
	// Replaced is the status of an attestation a renewal replaced: the
	// mandate goes on under a new one (CheckAttestation only).
	Replaced Status = "remplacé"
)

// StatusAt returns where m stands at t: revoked wins over expired, since it
// is what someone did.
func (m *Mandate) StatusAt(t time.Time) Status {
	switch {
	case m.RevokedAt != nil && !t.Before(*m.RevokedAt):
		return Revoked
	case !t.Before(m.EndsAt):
		return Expired
	case t.Before(m.StartsAt):
		return Expired
	}
	return Active
}

// Covers tells whether m names category c.
func (m *Mandate) Covers(c Category) bool { return slices.Contains(m.Categories, c) }

// CategoryLabels returns the French names of m's categories.
func (m *Mandate) CategoryLabels() []string {
	out := make([]string, 0, len(m.Categories))
	for _, c := range m.Categories {
		out = append(out, c.Label())
	}
	return out
}

// IdentifiedBy says in French how the person was identified.
func (m *Mandate) IdentifiedBy() string {
	if m.DocumentType != "" {
		return DocumentLabel(m.DocumentType) + " se terminant par " + m.DocumentLast4
	}
	return "Compte Guichet"
}

// joinCategories stores categories as one sorted, comma-separated text.
func joinCategories(cs []Category) string {
	ss := make([]string, len(cs))
	for i, c := range cs {
		ss[i] = string(c)
	}
	slices.Sort(ss)
	return strings.Join(ss, ",")
}

// splitCategories reads the stored text back in the order of the form.
func splitCategories(s string) []Category {
	var out []Category
	for _, info := range categories {
		if slices.Contains(strings.Split(s, ","), string(info.Category)) {
			out = append(out, info.Category)
		}
	}
	return out
}
