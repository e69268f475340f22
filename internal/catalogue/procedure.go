package catalogue

import (
	"time"

	"guichet/internal/eligibility"
)

// Procedure is what a person reads about a démarche. Its JSON form is the one of the demo
// files (internal/demo/content/procedures) and of the open data export.
type Procedure struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	FALC    string `json:"falc"` // FALC is the easy-to-read text (facile à lire et à comprendre).
	// FALCReviewed records that people with intellectual disabilities reviewed the easy-to-read
	// text, which the "Facile à lire et à comprendre" label requires; without it the pages say
	// "Version facile à lire".
	FALCReviewed bool      `json:"falc_reviewed,omitempty"`
	Audience     string    `json:"audience"` // Audience says who the procedure is for.
	Conditions   []string  `json:"conditions"`
	Documents    []string  `json:"documents"`
	Cost         string    `json:"cost"`
	Delay        string    `json:"delay"`
	Channels     []Channel `json:"channels"`
	// Administration is the slug of the organisation in charge; the database keeps it as the
	// procedure's organisation, which only a change of owner could move.
	Administration string      `json:"administration"`
	Category       string      `json:"category"`
	LifeEvents     []string    `json:"life_events"`
	Synonyms       []string    `json:"synonyms"`
	Volume         int64       `json:"volume"` // Volume is the number of requests a year.
	HelpContact    HelpContact `json:"help_contact"`
	OfflineWay     string      `json:"offline_way"` // OfflineWay tells how to do it without internet.
	// Eligibility is the procedure's rule for "Mes droits"; an empty Expr means none.
	Eligibility Eligibility `json:"eligibility"`
}

// Channel is one way of doing a procedure.
type Channel struct {
	Kind    string `json:"kind"` // Kind is one of ChannelKinds.
	Label   string `json:"label"`
	URL     string `json:"url,omitempty"`     // URL is for an external site.
	Phone   string `json:"phone,omitempty"`   // Phone is for a phone channel.
	Address string `json:"address,omitempty"` // Address is for a post channel.
}

// HelpContact is the human to ask about a procedure.
type HelpContact struct {
	Label string `json:"label"`
	Phone string `json:"phone"`
	URL   string `json:"url,omitempty"`
}

// Eligibility is a procedure's rule for the simulator: a CEL condition over the
// questionnaire's answers (see package eligibility) and the plain sentence shown when it holds.
type Eligibility struct {
	Expr   string `json:"expr,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Unchecked lists the conditions the rule cannot check (assets, income of two years
	// before…), shown with every result.
	Unchecked []string `json:"unchecked,omitempty"`
	// Link is the official page on the aid.
	Link string `json:"link,omitempty"`
	// Renewal says how often the aid must be asked again or declared.
	Renewal string `json:"renewal,omitempty"`
}

// Spec returns the rule in the form eligibility.Engine.Simulate takes. The online procedure
// is the procedure's page when it can be done on Guichet.
func (p *Procedure) Spec() eligibility.RuleSpec {
	e := p.Eligibility
	spec := eligibility.RuleSpec{Expr: e.Expr, Reason: e.Reason, Unchecked: e.Unchecked, Link: e.Link,
		Renewal: e.Renewal}
	for _, c := range p.Channels {
		if c.Kind == ChannelOnline {
			spec.Online = "/demarches/" + p.Slug
		}
	}
	return spec
}

// Status is where a procedure stands between its owners and the public.
type Status string

// The statuses of a procedure.
const (
	// Draft: never published, or withdrawn; the public does not see it.
	Draft Status = "draft"
	// Published: the public sees the newest revision.
	Published Status = "published"
	// Changed: the public sees an older revision; the newest is a draft.
	Changed Status = "changed"
)

// Label returns the status in French, for the owners' pages.
func (s Status) Label() string {
	switch s {
	case Published:
		return "Publiée"
	case Changed:
		return "Publiée, modifications en brouillon"
	}
	return "Brouillon"
}

// Organisation names the administration in charge of a procedure.
type Organisation struct {
	ID   int64
	Slug string
	Name string
}

// PublishedProcedure is a procedure as the public sees it, with its organisation and its place in the
// catalogue.
type PublishedProcedure struct {
	Procedure
	Org         Organisation
	Revision    int
	PublishedAt time.Time
}
