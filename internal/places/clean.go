package places

import (
	"strings"

	"guichet/internal/openinghours"
)

// maxHoursToRead is the longest hours text Clean tries to read; a longer one
// is refused by Validate anyway.
const maxHoursToRead = 1000

// Clean tidies a place typed by a person before Validate: it trims the
// texts and rewrites the values whose meaning is clear in the standard's
// form ("01 23 45 67 89" → "+33123456789", "51 100" → "51100", "gratuit" →
// "Gratuit", "www.exemple.fr" → "https://www.exemple.fr", "lundi-vendredi
// 9h-17h" → "Mo-Fr 09:00-17:00"). A value it cannot understand stays as
// typed, so that Validate reports it.
func Clean(p *Place) {
	for _, s := range []*string{&p.ID, &p.Nom, &p.Commune, &p.Adresse, &p.ComplementAdresse, &p.Source, &p.StructureParente, &p.AutresFormationsLabels, &p.Horaires} {
		*s = cleanLine(*s)
	}
	// The hours reader forgives "9h à 17h"; files get the standard's writing.
	if p.Horaires != "" && len(p.Horaires) <= maxHoursToRead {
		if sched, err := openinghours.Parse(p.Horaires); err == nil {
			p.Horaires = sched.String()
		}
	}
	p.PresentationResume, p.PresentationDetail = cleanText(p.PresentationResume), cleanText(p.PresentationDetail)
	for _, f := range []struct {
		value *string
		norm  func(string) (string, bool)
	}{{&p.Pivot, normPivot}, {&p.CodePostal, normPostcode}, {&p.CodeInsee, normInsee}, {&p.Telephone, normPhone}, {&p.FicheAccesLibre, normURL}, {&p.PriseRdv, normURL}} {
		if v, ok := f.norm(*f.value); ok && *f.value != "" {
			*f.value = v
		}
	}
	for i, u := range p.SiteWeb {
		if v, ok := normURL(u); ok {
			p.SiteWeb[i] = v
		}
	}
	for i, e := range p.Courriels {
		p.Courriels[i] = strings.TrimSpace(e)
	}
	for field, values := range enumeratedValues(p) {
		for i, v := range values {
			if c, ok := canonical(field, v); ok {
				values[i] = c
			}
		}
	}
	for i, t := range p.Typologie {
		p.Typologie[i] = strings.ToUpper(strings.TrimSpace(t))
	}
}
