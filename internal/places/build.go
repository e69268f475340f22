package places

import (
	"fmt"
	"math"
	"strings"
	"time"

	"guichet/internal/openinghours"
)

// record is one row of a CSV file or one element of a JSON array, with the
// raw text of each field of the standard it gives.
type record struct {
	line   int               // CSV line where the row starts, 1 for the header; 0 for JSON
	index  int               // JSON array index, from 0
	values map[string]string // field of the standard → raw text
	days   *[7]string        // France Services hours per weekday, Monday first
}

// buildOptions says how liberal the building of a place is for a format.
type buildOptions struct {
	now           time.Time
	defaultSource string
	// older is set for the formats published before the standard, which
	// had no pivot and sometimes no date: a missing or unreadable pivot
	// becomes the national map's placeholder and a missing date the day of
	// the import.
	older bool
}

// builder collects the problems (which reject the row) and the warnings
// (values dropped or moved) found while building one place.
type builder struct {
	opt      buildOptions
	values   map[string]string
	problems []FieldError
	warnings []FieldError
}

func (b *builder) problem(field, msg, got string) {
	if got != "" {
		msg = strings.TrimSuffix(msg, ".") + fmt.Sprintf(" (reçu « %s »).", shorten(got))
	}
	b.problems = append(b.problems, FieldError{Field: field, Message: msg})
}

func (b *builder) warn(field, format string, args ...any) {
	b.warnings = append(b.warnings, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// shorten keeps messages readable when a cell holds a whole paragraph.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// build turns a record into a place of the standard.
func build(rec record, opt buildOptions) (Place, []FieldError, []FieldError) {
	b := &builder{opt: opt, values: rec.values}
	v := func(f string) string { return rec.values[f] }
	p := Place{
		ID:                     cleanLine(v(FieldID)),
		Nom:                    cleanLine(v(FieldNom)),
		Commune:                cleanLine(v(FieldCommune)),
		Adresse:                cleanLine(v(FieldAdresse)),
		ComplementAdresse:      cleanLine(v(FieldComplementAdresse)),
		PresentationDetail:     cleanText(v(FieldPresentationDetail)),
		Source:                 cleanLine(v(FieldSource)),
		StructureParente:       cleanLine(v(FieldStructureParente)),
		AutresFormationsLabels: cleanLine(v(FieldAutresFormationsLabels)),
	}
	for _, f := range []struct {
		name  string
		value string
	}{{FieldID, p.ID}, {FieldNom, p.Nom}, {FieldCommune, p.Commune}, {FieldAdresse, p.Adresse}} {
		if f.value == "" {
			b.problems = append(b.problems, required(f.name))
		}
	}
	if p.Source == "" {
		p.Source = opt.defaultSource
	}
	b.pivot(&p)
	b.postcodes(&p)
	b.position(&p)
	b.date(&p)
	b.contacts(&p)
	b.texts(&p)
	b.hours(&p, rec.days)
	b.lists(&p)
	b.problems = append(b.problems, checkLengths(&p)...)
	sortFieldErrors(b.problems)
	sortFieldErrors(b.warnings)
	return p, b.problems, b.warnings
}

func (b *builder) pivot(p *Place) {
	raw := strings.TrimSpace(b.values[FieldPivot])
	pivot, ok := normPivot(raw)
	switch {
	case ok:
		p.Pivot = pivot
	case b.opt.older && raw != "":
		b.warn(FieldPivot, "« %s » n'est pas un SIRET ou un RNA ; le lieu est gardé sans.", shorten(raw))
		p.Pivot = placeholderPivot
	case b.opt.older:
		p.Pivot = placeholderPivot
	case raw == "":
		b.problems = append(b.problems, required(FieldPivot))
	default:
		b.problem(FieldPivot, msgPivot, raw)
	}
}

func (b *builder) postcodes(p *Place) {
	raw := strings.TrimSpace(b.values[FieldCodePostal])
	cp, ok := normPostcode(raw)
	switch {
	case raw == "":
		b.problems = append(b.problems, required(FieldCodePostal))
	case !ok:
		b.problem(FieldCodePostal, msgPostcode, raw)
	default:
		p.CodePostal = cp
	}
	if raw := strings.TrimSpace(b.values[FieldCodeInsee]); raw != "" {
		if insee, ok := normInsee(raw); ok {
			p.CodeInsee = insee
		} else {
			b.warn(FieldCodeInsee, "Le code INSEE « %s » n'est pas valide ; il est ignoré.", shorten(raw))
		}
	}
	b.checkDepartments(p, raw)
}

// checkDepartments warns when the postcode and the commune code point to
// different departments: a spreadsheet that dropped a digit ("2340" padded
// to 02340 for a commune of the Creuse, 23030) gives a postcode that looks
// right. A few border communes do have a postcode of the neighbouring
// department, so this is a warning for a person to check, not a refusal.
func (b *builder) checkDepartments(p *Place, rawPostcode string) {
	if p.CodePostal == "" || p.CodeInsee == "" {
		return
	}
	fromPostcode, fromInsee := postcodeDepartment(p.CodePostal), inseeDepartment(p.CodeInsee)
	if fromPostcode == fromInsee {
		return
	}
	written := ""
	if rawPostcode != p.CodePostal {
		written = fmt.Sprintf(" (écrit « %s » dans le fichier)", shorten(rawPostcode))
	}
	b.warn(FieldCodePostal, "Le code postal %s%s est celui du département %s, mais le code INSEE %s est celui du département %s : vérifiez le code postal.",
		p.CodePostal, written, fromPostcode, p.CodeInsee, fromInsee)
}

func (b *builder) date(p *Place) {
	raw := strings.TrimSpace(b.values[FieldDateMaj])
	d, ok := parseDate(raw)
	switch {
	case ok:
		p.DateMaj = d
	case b.opt.older:
		if raw != "" {
			b.warn(FieldDateMaj, "La date « %s » n'est pas lisible ; la date de l'import la remplace.", shorten(raw))
		}
		p.DateMaj = dayOf(b.opt.now)
	case raw == "":
		b.problems = append(b.problems, required(FieldDateMaj))
	default:
		b.problem(FieldDateMaj, "La date de mise à jour doit s'écrire année-mois-jour, par exemple 2024-04-02.", raw)
	}
}

// dayOf returns the day of t, at midnight UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// position reads the coordinates: both or none, numbers, in range. The
// point (0, 0) is how some tools write "unknown" and is dropped.
func (b *builder) position(p *Place) {
	rawLat, rawLon := strings.TrimSpace(b.values[FieldLatitude]), strings.TrimSpace(b.values[FieldLongitude])
	if rawLat == "" && rawLon == "" {
		return
	}
	if rawLat == "" || rawLon == "" {
		b.problems = append(b.problems, FieldError{Field: FieldLongitude, Message: msgBothCoord})
		return
	}
	lat, errLat := parseCoordinate(rawLat)
	lon, errLon := parseCoordinate(rawLon)
	bad := false
	if errLat != nil || math.IsNaN(lat) || lat < -90 || lat > 90 {
		b.problem(FieldLatitude, msgLatitude, rawLat)
		bad = true
	}
	if errLon != nil || math.IsNaN(lon) || lon < -180 || lon > 180 {
		b.problem(FieldLongitude, msgLongitude, rawLon)
		bad = true
	}
	if bad {
		return
	}
	if lat == 0 && lon == 0 {
		b.warn(FieldLatitude, "Les coordonnées 0, 0 ne désignent pas un lieu en France ; elles sont ignorées.")
		return
	}
	if swapped(p.CodePostal, lat, lon) {
		b.warn(FieldLatitude, "La latitude et la longitude étaient inversées ; elles ont été remises dans l'ordre.")
		lat, lon = lon, lat
	}
	p.Latitude, p.Longitude = &lat, &lon
}

// swapped tells whether coordinates given for a place of metropolitan
// France were clearly written longitude first.
func swapped(postcode string, lat, lon float64) bool {
	if postcode == "" || strings.HasPrefix(postcode, "97") || strings.HasPrefix(postcode, "98") {
		return false
	}
	inLat := func(x float64) bool { return x >= 41 && x <= 51.2 }
	inLon := func(x float64) bool { return x >= -5.3 && x <= 9.7 }
	return !inLat(lat) && inLat(lon) && inLon(lat)
}

func (b *builder) contacts(p *Place) {
	if raw := strings.TrimSpace(b.values[FieldTelephone]); raw != "" {
		if tel, ok := normPhone(raw); ok {
			p.Telephone = tel
		} else {
			b.warn(FieldTelephone, "Le numéro « %s » n'est pas un numéro de téléphone complet ; il est ignoré.", shorten(raw))
		}
	}
	var bad []string
	p.Courriels, bad = normEmails(b.values[FieldCourriels])
	for _, e := range bad {
		b.warn(FieldCourriels, "« %s » n'est pas une adresse e-mail valide ; elle est ignorée.", shorten(e))
	}
	p.SiteWeb, bad = normURLs(b.values[FieldSiteWeb])
	for _, u := range bad {
		b.warn(FieldSiteWeb, "« %s » n'est pas une adresse web valide ; elle est ignorée.", shorten(u))
	}
	for field, dst := range map[string]*string{FieldFicheAccesLibre: &p.FicheAccesLibre, FieldPriseRdv: &p.PriseRdv} {
		raw := b.values[field]
		if u, ok := normURL(raw); ok {
			*dst = u
		} else {
			b.warn(field, "« %s » n'est pas une adresse web valide ; elle est ignorée.", shorten(strings.TrimSpace(raw)))
		}
	}
}

func (b *builder) texts(p *Place) {
	resume, cut := truncateRunes(cleanText(b.values[FieldPresentationResume]), maxResume)
	if cut {
		b.warn(FieldPresentationResume, "Le résumé dépassait %d caractères ; il a été raccourci.", maxResume)
	}
	p.PresentationResume = resume
	for _, t := range splitList(b.values[FieldTypologie], true) {
		t = strings.ToUpper(strings.ReplaceAll(t, " ", "_"))
		if !contains(p.Typologie, t) {
			p.Typologie = append(p.Typologie, t)
		}
	}
}

// hours keeps the OpenStreetMap hours as given, even when they cannot be
// read (a person may still understand them; "open now" is then unknown),
// and turns the France Services weekday texts into OpenStreetMap hours.
func (b *builder) hours(p *Place, days *[7]string) {
	p.Horaires = strings.TrimSpace(b.values[FieldHoraires])
	if p.Horaires == "" && days != nil {
		h, err := openinghours.FromWeekdayText(*days)
		if err != nil {
			b.warn(FieldHoraires, "Les horaires ne sont pas lisibles (%v) ; ils sont recopiés dans la présentation.", err)
			p.PresentationDetail = strings.TrimSpace(p.PresentationDetail + "\n\nHoraires indiqués : " + weekdayText(*days))
			return
		}
		p.Horaires = h
		return
	}
	if p.Horaires != "" {
		if _, err := openinghours.Parse(p.Horaires); err != nil {
			b.warn(FieldHoraires, "Les horaires « %s » ne sont pas lisibles (%v) ; ils sont gardés tels quels.", shorten(p.Horaires), err)
		}
	}
}

// weekdayText writes free-text hours per day in one line, for people.
func weekdayText(days [7]string) string {
	names := [7]string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
	var parts []string
	for i, d := range days {
		if d = cleanLine(d); d != "" {
			parts = append(parts, names[i]+" "+d)
		}
	}
	return strings.Join(parts, ", ")
}

// lists reads the enumerated fields. Unknown values are dropped with a
// warning, except labels and national programmes the standard does not list,
// which move to autres_formations_labels where they keep their meaning.
func (b *builder) lists(p *Place) {
	targets := map[string]*[]string{
		FieldItinerance:                    &p.Itinerance,
		FieldServices:                      &p.Services,
		FieldPublicsSpecifiquementAdresses: &p.PublicsSpecifiquementAdresses,
		FieldPriseEnChargeSpecifique:       &p.PriseEnChargeSpecifique,
		FieldFraisACharge:                  &p.FraisACharge,
		FieldDispositifProgrammesNationaux: &p.DispositifProgrammesNationaux,
		FieldFormationsLabels:              &p.FormationsLabels,
		FieldModalitesAcces:                &p.ModalitesAcces,
		FieldModalitesAccompagnement:       &p.ModalitesAccompagnement,
	}
	for _, field := range enumeratedFields {
		values, unknown := normEnum(field, b.values[field])
		*targets[field] = values
		for _, u := range unknown {
			if field == FieldFormationsLabels || field == FieldDispositifProgrammesNationaux {
				b.warn(field, "« %s » n'est pas dans la liste du standard ; il est placé dans les autres formations et labels.", shorten(u))
				p.AutresFormationsLabels = joinOther(p.AutresFormationsLabels, u)
				continue
			}
			b.warn(field, "« %s » n'est pas une valeur possible ; elle est ignorée.", shorten(u))
		}
	}
}

func joinOther(others, label string) string {
	if others == "" {
		return label
	}
	if strings.Contains(foldAccents(others), foldAccents(label)) {
		return others
	}
	return others + ", " + label
}
