package forms

import (
	"fmt"
	"strings"
)

// SummaryLine is one answer as "Vérifiez vos réponses" and the receipt show it.
type SummaryLine struct {
	Page  int    // the page (0-based) to go back to with "Modifier"
	Key   string // the field's key
	Label string
	Value string // the answer in words: "5 mars 2026", "Oui", "06 12 34 56 78"; "Non renseigné"
	// Items are the items of a repeatable block, each titled "Enfant 1"…
	Items []SummaryItem
}

// SummaryItem is one item of a repeatable block in a summary.
type SummaryItem struct {
	Title string
	Lines []SummaryLine
}

// NotGiven is the value of an unanswered optional question in a summary.
const NotGiven = "Non renseigné"

// Summary lists the answers to every field shown given the answers, in form order, with
// their values in words. Section titles and explanations are left out.
func (f *Form) Summary(answers Answers) []SummaryLine {
	var out []SummaryLine
	for p := range f.Pages {
		for i := range f.Pages[p].Fields {
			fd := &f.Pages[p].Fields[i]
			if !fd.Type.Answered() || !f.Visible(fd, answers) {
				continue
			}
			line := SummaryLine{Page: p, Key: fd.Key, Label: fd.Label}
			if fd.Type == Repeat {
				rows := answers[fd.Key].Rows
				line.Value = fmt.Sprintf("%d %s", len(rows), strings.ToLower(fd.ItemName()))
				if len(rows) == 0 {
					line.Value = NotGiven
				}
				for r, row := range rows {
					item := SummaryItem{Title: fmt.Sprintf("%s %d", fd.ItemName(), r+1)}
					for j := range fd.Children {
						ch := &fd.Children[j]
						if ch.Type.Answered() {
							item.Lines = append(item.Lines, SummaryLine{Page: p, Key: RowKey(fd.Key, r, ch.Key),
								Label: ch.Label, Value: Display(ch, row[ch.Key])})
						}
					}
					line.Items = append(line.Items, item)
				}
			} else {
				line.Value = Display(fd, answers[fd.Key])
			}
			out = append(out, line)
		}
	}
	return out
}

var months = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// Display writes an answer in words for a person to read.
func Display(fd *Field, v Value) string {
	if v.Empty() {
		return NotGiven
	}
	switch fd.Type {
	case Number:
		if n, ok := parseNumber(v.Text); ok {
			return FormatNumber(n)
		}
	case Date:
		if t, ok := parseISODate(v.Text); ok {
			day := fmt.Sprint(t.Day())
			if t.Day() == 1 {
				day = "1er"
			}
			return fmt.Sprintf("%s %s %d", day, months[t.Month()-1], t.Year())
		}
	case YesNo:
		switch v.Text {
		case "oui":
			return "Oui"
		case "non":
			return "Non"
		}
	case Choice:
		return fd.OptionLabel(v.Text)
	case Choices:
		labels := make([]string, len(v.List))
		for i, x := range v.List {
			labels[i] = fd.OptionLabel(x)
		}
		return strings.Join(labels, ", ")
	case Phone:
		return FormatPhone(v.Text)
	case IBAN:
		return FormatIBAN(v.Text)
	case SIRET:
		return FormatSIRET(v.Text)
	case Address:
		if a := v.Address; a != nil {
			return strings.TrimSpace(a.Street + ", " + a.Postcode + " " + a.Town)
		}
	case File:
		if v.File != nil {
			return fmt.Sprintf("%s (%s, %s)", v.File.Name, FileTypeName(v.File.Type), HumanSize(v.File.Size))
		}
	}
	return v.Text
}
