package web

import (
	"fmt"
	"net/url"
	"strings"

	"guichet/internal/observatory"
)

// obsKey is an indicator heading: its name and its rule.
type obsKey struct {
	Key         string
	Label, Rule string
}

func obsKeys() []obsKey {
	var out []obsKey
	for _, k := range observatory.Keys() {
		out = append(out, obsKey{Key: string(k), Label: k.Label(), Rule: k.Rule()})
	}
	return out
}

// obsCell is one indicator as a page shows it: its value in words, its
// colour as a class, and the same colour as a word and a symbol, so that
// colour is never alone.
type obsCell struct {
	Label   string
	Known   bool
	Text    string // "6,7 / 10", "80 %", "oui"
	Class   string // "o-vert"…; empty without a colour
	Word    string // "Bon"…
	Symbol  string
	Answers int
	Source  string
	// Arrow says the change since the edition before, in words.
	Arrow string
}

func obsCellOf(vals map[observatory.Key]observatory.Value, prev map[observatory.Key]observatory.Value, k observatory.Key) obsCell {
	c := obsCell{Label: k.Label()}
	v, ok := vals[k]
	if !ok {
		return c
	}
	c.Answers, c.Source = v.Answers, v.Source
	if v.Num == nil && v.Word == "" {
		c.Text = "non déclaré"
	} else {
		c.Known, c.Text = true, obsText(k, v)
	}
	if v.Colour != observatory.NoColour {
		c.Class, c.Word, c.Symbol = "o-"+string(v.Colour), v.Colour.Word(), v.Colour.Symbol()
	}
	if p, ok := prev[k]; ok && p.Num != nil && v.Num != nil {
		switch d := *v.Num - *p.Num; {
		case d > 0.05:
			c.Arrow = "↑ en hausse"
		case d < -0.05:
			c.Arrow = "↓ en baisse"
		default:
			c.Arrow = "→ stable"
		}
	}
	return c
}

// obsText writes a value in French: marks out of 10, shares in percent.
func obsText(k observatory.Key, v observatory.Value) string {
	if v.Num == nil {
		return v.Word
	}
	n := strings.Replace(strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", *v.Num), "0"), "."), ".", ",", 1)
	if k == observatory.Disponibilite {
		// Hundredths: 99,95 % is yellow, and must not read 100 %.
		n = strings.Replace(strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", *v.Num), "0"), "."), ".", ",", 1)
	}
	switch k {
	case observatory.Satisfaction, observatory.Clarte, observatory.AideEfficace:
		return n + "\u202f/\u202f10"
	case observatory.DossiersRecus:
		return n
	case observatory.DelaiMedian, observatory.Delai90:
		return n + " j"
	case observatory.TempsDeChargement:
		return n + " ms"
	}
	return n + "\u202f%"
}

// obsDataLinks are the open data of an edition.
type obsDataLinks struct {
	JSON, CSV, Editions string
	Licence, LicenceURL string
}

func obsLinks(ed observatory.Edition) obsDataLinks {
	q := "?edition=" + url.QueryEscape(ed.String())
	return obsDataLinks{JSON: "/api/v1/observatory/indicators" + q, CSV: "/api/v1/observatory/indicators.csv" + q,
		Editions: "/api/v1/observatory/editions", Licence: observatory.Licence, LicenceURL: observatory.LicenceURL}
}
