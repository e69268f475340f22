package catalogue

import (
	"io"
	"strconv"
	"strings"
	"time"

	"guichet/internal/csvsafe"
)

// ExportedProcedure is a published procedure in the open data export.
type ExportedProcedure struct {
	Procedure
	AdministrationName string    `json:"administration_name"`
	URL                string    `json:"url"`
	Revision           int       `json:"revision"`
	PublishedAt        time.Time `json:"published_at"`
}

// Export is the whole public catalogue, as open data.
type Export struct {
	Version    int64               `json:"version"`
	Procedures []ExportedProcedure `json:"procedures"`
	LifeEvents []LifeEvent         `json:"life_events"`
}

// Export returns the public catalogue for open data. baseURL prefixes each procedure's
// address, "https://guichet.example" for example.
func (sn *Snapshot) Export(baseURL string) Export {
	out := Export{Version: sn.Version, Procedures: make([]ExportedProcedure, len(sn.procedures)),
		LifeEvents: sn.events}
	for i, p := range sn.procedures {
		out.Procedures[i] = ExportedProcedure{Procedure: p.Procedure, AdministrationName: p.Org.Name,
			URL: ProcedureURL(baseURL, p.Slug), Revision: p.Revision, PublishedAt: p.PublishedAt}
	}
	if out.LifeEvents == nil {
		out.LifeEvents = []LifeEvent{}
	}
	return out
}

// ProcedureURL returns the address of a procedure's public page.
func ProcedureURL(baseURL, slug string) string {
	return strings.TrimRight(baseURL, "/") + "/demarches/" + slug
}

// csvHeader names the columns of the CSV export; lists are joined with " | ".
func csvHeader() []string {
	return []string{"slug", "titre", "resume", "texte_facile_a_lire", "public", "conditions",
		"pieces", "cout", "delai", "canaux", "administration", "administration_nom", "categorie",
		"evenements_de_vie", "synonymes", "volume_annuel", "aide_libelle", "aide_telephone", "aide_site",
		"sans_internet", "regle_eligibilite", "raison_eligibilite", "url", "version", "publie_le"}
}

// WriteCSV writes the public catalogue as CSV, one procedure a line, with a header line. A
// channel is written "kind: label (address)", channels joined with " | ". A text that starts
// like a formula is written behind a single quote (see csvsafe).
func (sn *Snapshot) WriteCSV(w io.Writer, baseURL string) error {
	cw := csvsafe.NewWriter(w)
	if err := cw.Write(csvHeader()); err != nil {
		return err
	}
	for _, p := range sn.procedures {
		channels := make([]string, len(p.Channels))
		for i, c := range p.Channels {
			channels[i] = c.Kind + ": " + c.Label
			if where := c.URL + c.Phone + c.Address; where != "" {
				channels[i] += " (" + where + ")"
			}
		}
		row := []string{p.Slug, p.Title, p.Summary, p.FALC, p.Audience, joinList(p.Conditions),
			joinList(p.Documents), p.Cost, p.Delay, joinList(channels), p.Org.Slug, p.Org.Name,
			p.Category, joinList(p.LifeEvents), joinList(p.Synonyms), strconv.FormatInt(p.Volume, 10),
			p.HelpContact.Label, p.HelpContact.Phone, p.HelpContact.URL, p.OfflineWay,
			p.Eligibility.Expr, p.Eligibility.Reason, ProcedureURL(baseURL, p.Slug),
			strconv.Itoa(p.Revision), p.PublishedAt.Format(time.RFC3339)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// joinList joins the items of a list for a CSV cell.
func joinList(items []string) string { return strings.Join(items, " | ") }
