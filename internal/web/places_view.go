package web

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"

	"guichet/internal/places"
)

// placeCard is one help place in a list: the search results and the
// nearest places shown on catalogue pages.
type placeCard struct {
	URL      string // the place's page
	Name     string
	Address  string // "37a Rue du 8 Mai 1945, 69008 Villeurbanne"
	Distance string // "à 1,2 km", "" without a distance
	// Status is the opening sentence ("Ouvert maintenant · ferme à 18 h"),
	// StatusClass "open", "closed" or "" when the hours do not tell.
	Status, StatusClass string
	Phone               string       // "04 78 12 34 56"
	PhoneHref           template.URL // "tel:+33478123456"
	Tags                []string
}

// cardOf builds the card of a search result.
func cardOf(res places.Result) placeCard {
	p := &res.Place
	c := placeCard{
		URL:     placeURL(p),
		Name:    normalCase(p.Nom),
		Address: placeAddress(p),
		Status:  res.Status,
	}
	if res.DistanceKm != nil {
		c.Distance = distanceText(*res.DistanceKm)
	}
	c.StatusClass = statusClass(res.Open)
	c.Phone, c.PhoneHref = displayPhone(p.Telephone), phoneHref(p.Telephone)
	for _, d := range p.DispositifProgrammesNationaux {
		if d == "France Services" {
			c.Tags = append(c.Tags, "France Services")
		}
	}
	for _, f := range p.FraisACharge {
		if f == "Gratuit" {
			c.Tags = append(c.Tags, "Gratuit")
		}
	}
	return c
}

// placeURL is the address of a place's public page.
func placeURL(p *places.Place) string { return "/lieux/" + strconv.FormatInt(p.Key, 10) }

// placeAddress writes the postal address on one line.
func placeAddress(p *places.Place) string {
	parts := []string{normalCase(p.Adresse)}
	if p.ComplementAdresse != "" {
		parts = append(parts, normalCase(p.ComplementAdresse))
	}
	parts = append(parts, strings.TrimSpace(p.CodePostal+" "+normalCase(p.Commune)))
	return strings.Join(parts, ", ")
}

// statusClass gives the style of an opening sentence.
func statusClass(open *bool) string {
	switch {
	case open == nil:
		return ""
	case *open:
		return "open"
	}
	return "closed"
}

// distanceText says a distance the way people read it: "à 350 m", "à
// 1,2 km", "à 12 km".
func distanceText(km float64) string {
	if m := math.Round(km*100) * 10; m < 1000 {
		return fmt.Sprintf("à %d m", int(math.Max(10, m)))
	}
	if tenths := math.Round(km * 10); tenths < 100 {
		return "à " + strings.Replace(strconv.FormatFloat(tenths/10, 'f', 1, 64), ".", ",", 1) + " km"
	}
	return fmt.Sprintf("à %d km", int(math.Round(km)))
}

// displayPhone writes a number of the standard ("+33478123456") the way it
// is dialled in France ("04 78 12 34 56"); other numbers stay as they are.
func displayPhone(tel string) string {
	national, ok := strings.CutPrefix(tel, "+33")
	if !ok || len(national) != 9 {
		return tel
	}
	digits := "0" + national
	var b strings.Builder
	for i := 0; i < len(digits); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(digits[i : i+2])
	}
	return b.String()
}

// phoneHref is the tel: link of a number, "" without one. html/template
// lets only http, https and mailto links through, so the link is marked
// safe here, built from the number's digits alone.
func phoneHref(tel string) template.URL {
	var b strings.Builder
	for i, r := range tel {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return template.URL("tel:" + b.String())
}

// mapURL links to the place on openstreetmap.org, "" without coordinates.
func mapURL(p *places.Place) string {
	if !p.HasPosition() {
		return ""
	}
	lat := strconv.FormatFloat(*p.Latitude, 'f', 6, 64)
	lon := strconv.FormatFloat(*p.Longitude, 'f', 6, 64)
	return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=18/" + lat + "/" + lon
}

// siteLabel shortens a web address for a link text: "www.exemple.fr".
func siteLabel(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	label := u.Host
	if path := strings.TrimSuffix(u.EscapedPath(), "/"); path != "" {
		label += "/…"
	}
	return label
}
