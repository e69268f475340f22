package observatory

import (
	"fmt"
	"io"
	"strconv"

	"guichet/internal/csvsafe"
	"guichet/internal/errs"
)

// Licence is the licence of the open data.
const Licence = "Licence Ouverte / Open Licence 2.0"

// LicenceURL is where the licence is read.
const LicenceURL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

// OpenIndicator is one indicator in the open data: Value is a number (marks
// /10, shares in percent 0-100, counts, days) or "oui"/"non"; Colour is
// null for the indicators shown without one.
type OpenIndicator struct {
	Value   any     `json:"value"`
	Colour  *string `json:"colour"`
	Answers int     `json:"answers"`
	Source  string  `json:"source"`
}

// OpenProcedure is one procedure in the open data. Indicators has every
// national key, null when Guichet does not know it; Figures holds
// Guichet's own processing figures of its online dossiers.
type OpenProcedure struct {
	Slug           string                    `json:"slug"`
	Title          string                    `json:"title"`
	Administration string                    `json:"administration"`
	Category       string                    `json:"category"`
	Indicators     map[string]*OpenIndicator `json:"indicators"`
	Figures        map[string]*OpenIndicator `json:"chiffres_guichet"`
}

// OpenData is an edition as published.
type OpenData struct {
	Edition    string          `json:"edition"`
	Frozen     bool            `json:"frozen"`
	ComputedAt string          `json:"computed_at"`
	Licence    string          `json:"licence"`
	Procedures []OpenProcedure `json:"procedures"`
}

// Open returns the board as open data, with only procedure slug when slug
// is not empty (NotFound when the edition does not have it).
func (b *Board) Open(slug string) (*OpenData, error) {
	out := &OpenData{Edition: b.Edition.String(), Frozen: b.Frozen, ComputedAt: b.ComputedAt.UTC().Format("2006-01-02T15:04:05Z"),
		Licence: Licence, Procedures: []OpenProcedure{}}
	for _, r := range b.Rows {
		if slug != "" && r.Slug != slug {
			continue
		}
		p := OpenProcedure{Slug: r.Slug, Title: r.Title, Administration: r.Administration, Category: r.Category,
			Indicators: map[string]*OpenIndicator{}, Figures: map[string]*OpenIndicator{}}
		for _, k := range Keys() {
			p.Indicators[string(k)] = open(r.Values, k)
		}
		for _, k := range FigureKeys() {
			p.Figures[string(k)] = open(r.Values, k)
		}
		out.Procedures = append(out.Procedures, p)
	}
	if slug != "" && len(out.Procedures) == 0 {
		return nil, errs.E(errs.NotFound, fmt.Sprintf("L'édition %s n'a pas de démarche « %s ».", b.Edition, slug))
	}
	return out, nil
}

func open(vals map[Key]Value, k Key) *OpenIndicator {
	v, ok := vals[k]
	if !ok {
		return nil
	}
	o := &OpenIndicator{Answers: v.Answers, Source: v.Source}
	switch {
	case v.Num != nil:
		o.Value = *v.Num
	case v.Word != "":
		o.Value = v.Word
	}
	if v.Colour != NoColour {
		c := string(v.Colour)
		o.Colour = &c
	}
	return o
}

// WriteCSV writes the board as CSV, one row per procedure: its slug,
// title, administration and category, then for each national indicator
// its value, colour and answers (empty when unknown), every cell safe from
// formula injection.
func (b *Board) WriteCSV(w io.Writer) error {
	cw := csvsafe.NewWriter(w)
	head := []string{"edition", "slug", "titre", "administration", "categorie"}
	for _, k := range Keys() {
		head = append(head, string(k), string(k)+"_couleur", string(k)+"_reponses")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range b.Rows {
		row := []string{b.Edition.String(), r.Slug, r.Title, r.Administration, r.Category}
		for _, k := range Keys() {
			v, ok := r.Values[k]
			if !ok {
				row = append(row, "", "", "")
				continue
			}
			row = append(row, v.Text(), string(v.Colour), strconv.Itoa(v.Answers))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Text is the value as written in the CSV: "7.4", "oui", or "" when not
// known.
func (v Value) Text() string {
	if v.Num != nil {
		return strconv.FormatFloat(*v.Num, 'f', -1, 64)
	}
	return v.Word
}
