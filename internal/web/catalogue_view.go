package web

import (
	"html/template"
	"strings"

	"guichet/internal/catalogue"
)

// procedureItem is a procedure in a list of results, a category or a life event.
type procedureItem struct {
	URL, Title, Summary string
	CategoryLabel       string
	OrgName             string
}

func itemOf(p *catalogue.PublishedProcedure) procedureItem {
	return procedureItem{URL: "/demarches/" + p.Slug, Title: p.Title, Summary: p.Summary,
		CategoryLabel: categoryLabel(p.Category), OrgName: p.Org.Name}
}

func itemsOf(ps []*catalogue.PublishedProcedure) []procedureItem {
	out := make([]procedureItem, len(ps))
	for i, p := range ps {
		out[i] = itemOf(p)
	}
	return out
}

// categoryLabel names a category slug in French, or returns the slug when it is unknown.
func categoryLabel(slug string) string {
	if c, ok := catalogue.CategoryBySlug(slug); ok {
		return c.Label
	}
	return slug
}

// categoryCard is a category with how many published procedures it holds.
type categoryCard struct {
	URL, Label, Hint string
	Count            int
}

// categoryCards lists the categories that hold at least one published procedure.
func categoryCards(sn *catalogue.Snapshot) []categoryCard {
	var out []categoryCard
	for _, c := range catalogue.Categories() {
		if n := len(sn.InCategory(c.Slug)); n > 0 {
			out = append(out, categoryCard{URL: "/demarches/categorie/" + c.Slug, Label: c.Label, Hint: c.Hint, Count: n})
		}
	}
	return out
}

// eventCard is a life event in a list.
type eventCard struct {
	URL, Title, Summary string
}

func eventCards(events []catalogue.LifeEvent) []eventCard {
	out := make([]eventCard, len(events))
	for i, e := range events {
		out[i] = eventCard{URL: "/evenements/" + e.Slug, Title: e.Title, Summary: e.Summary}
	}
	return out
}

// telHref turns a phone number as written ("0 809 401 401", "3939") into a tel: link.
func telHref(phone string) template.URL {
	var b strings.Builder
	for _, r := range phone {
		if r == '+' || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return template.URL("tel:" + b.String())
}

// easySection is a part of an easy-to-read text: its subheading (empty before the first one)
// and its sentences, one a paragraph.
type easySection struct {
	Heading string
	Lines   []string
}

// easySections splits an easy-to-read text, written one sentence a line, into its parts: a
// line that starts with "# " is a subheading.
func easySections(text string) []easySection {
	var out []easySection
	for _, l := range catalogue.SplitLines(text) {
		if h, ok := catalogue.EasyHeading(l); ok {
			out = append(out, easySection{Heading: h})
			continue
		}
		if len(out) == 0 {
			out = append(out, easySection{})
		}
		out[len(out)-1].Lines = append(out[len(out)-1].Lines, l)
	}
	return out
}
