package catalogue

import (
	"strings"
)

// normalize trims every text of p, drops empty lines from its lists and channels left blank,
// so that what is stored is what the page shows.
func normalize(p *Procedure) {
	for _, s := range []*string{&p.Slug, &p.Title, &p.Summary, &p.FALC, &p.Audience, &p.Cost,
		&p.Delay, &p.Administration, &p.Category, &p.OfflineWay, &p.HelpContact.Label,
		&p.HelpContact.Phone, &p.HelpContact.URL, &p.Eligibility.Expr, &p.Eligibility.Reason} {
		*s = strings.TrimSpace(normalizeNewlines(*s))
	}
	p.Slug = strings.ToLower(p.Slug)
	p.Conditions = cleanList(p.Conditions)
	p.Documents = cleanList(p.Documents)
	p.Synonyms = cleanList(p.Synonyms)
	p.LifeEvents = cleanList(p.LifeEvents)
	channels := p.Channels[:0:0]
	for _, c := range p.Channels {
		c.Kind, c.Label = strings.TrimSpace(c.Kind), strings.TrimSpace(c.Label)
		c.URL, c.Phone, c.Address = strings.TrimSpace(c.URL), strings.TrimSpace(c.Phone), strings.TrimSpace(c.Address)
		if c.Kind == "" && c.Label == "" && c.URL == "" && c.Phone == "" && c.Address == "" {
			continue
		}
		// A field that does not belong to the kind would be stored but never shown.
		if c.Kind != ChannelExternal {
			c.URL = ""
		}
		if c.Kind != ChannelPhone {
			c.Phone = ""
		}
		if c.Kind != ChannelPost {
			c.Address = ""
		}
		channels = append(channels, c)
	}
	p.Channels = channels
}

// cleanList trims the items of a list and drops the empty ones.
func cleanList(items []string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// normalizeNewlines turns Windows and old Mac line ends, as browsers send them, into "\n".
func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// SplitLines returns the non-empty lines of a text area, trimmed: the form of the lists of a
// procedure (conditions, documents, synonyms).
func SplitLines(text string) []string {
	return cleanList(strings.Split(normalizeNewlines(text), "\n"))
}
