package places

import (
	"fmt"
	"strings"
	"time"

	"guichet/internal/errs"
)

// Default and largest page sizes of Search.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Query is a search for help places. Filters on lists (Services, Support,
// Public, Access) keep a place that has any of the values given; different
// filters must all hold.
type Query struct {
	// Text is a town name (accents, case and hyphens do not matter: "st
	// etienne" finds "Saint-Étienne"), a postcode, or a department number.
	Text string
	// Lat and Lon are a position in degrees; given, they win over Text.
	Lat, Lon *float64
	// RadiusKm keeps only the places within that distance. At 0 the search
	// widens from 10 km up to the whole country until it fills the first
	// page, so that a person far from everything still gets the nearest
	// places; Origin.RadiusKm says how far it went.
	RadiusKm float64
	// Services are values of the standard's services.
	Services []string
	// Free keeps the places whose frais_a_charge says "Gratuit".
	Free bool
	// FranceServices keeps the places labelled France Services.
	FranceServices bool
	// OpenNow keeps the places whose hours say open at At.
	OpenNow bool
	// Support are values of prise_en_charge_specifique (Surdité,
	// Illettrisme, Langues étrangères (anglais)…).
	Support []string
	// Public are values of publics_specifiquement_adresses (Jeunes,
	// Seniors…); a place open to everyone names none, so it does not match.
	Public []string
	// Access are values of modalites_acces; "walk-in", "phone", "email" and
	// "appointment" are understood too.
	Access []string
	// At is the instant OpenNow, Result.Open and Result.Status refer to;
	// the zero time means now.
	At time.Time
	// Limit is the page size (0 means DefaultLimit, at most MaxLimit);
	// Offset the number of results skipped.
	Limit, Offset int

	// hours evaluates opening hours at At during one search.
	hours *hoursCache
}

// normalize checks q and returns it with its defaults and the standard's
// spelling of every filter value. Errors are errs.Invalid with a message
// for the person.
func (q Query) normalize() (Query, error) {
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	q.Limit = min(q.Limit, MaxLimit)
	q.Offset = max(q.Offset, 0)
	if q.At.IsZero() {
		q.At = time.Now()
	}
	q.hours = newHoursCache(q.At)
	if q.RadiusKm < 0 {
		return q, errs.E(errs.Invalid, "La distance doit être positive.")
	}
	if (q.Lat == nil) != (q.Lon == nil) {
		return q, errs.E(errs.Invalid, "Donnez la latitude et la longitude ensemble.")
	}
	if q.Lat != nil && (!(*q.Lat >= -90 && *q.Lat <= 90) || !(*q.Lon >= -180 && *q.Lon <= 180)) {
		return q, errs.E(errs.Invalid, "La position donnée n'existe pas : la latitude va de -90 à 90, la longitude de -180 à 180.")
	}
	var err error
	for _, f := range []struct {
		field  string
		values *[]string
	}{{FieldServices, &q.Services}, {FieldPriseEnChargeSpecifique, &q.Support}, {FieldPublicsSpecifiquementAdresses, &q.Public}, {FieldModalitesAcces, &q.Access}} {
		if *f.values, err = canonicalFilter(f.field, *f.values); err != nil {
			return q, err
		}
	}
	q.Text = strings.TrimSpace(q.Text)
	return q, nil
}

func canonicalFilter(field string, values []string) ([]string, error) {
	var out []string
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			continue
		}
		c, ok := canonical(field, v)
		if !ok {
			return nil, errs.Errorf(errs.Invalid, "« %s » n'est pas une valeur connue pour ce filtre.", v)
		}
		out = append(out, c)
	}
	return out, nil
}

// sqlArgs numbers the arguments of a query as it is built.
type sqlArgs struct{ args []any }

// add appends v and returns its placeholder.
func (a *sqlArgs) add(v any) string {
	a.args = append(a.args, v)
	return fmt.Sprintf("$%d", len(a.args))
}

// filterSQL returns the conditions of q's filters that SQL can check,
// joined by AND ("1 = 1" when none).
func (q Query) filterSQL(a *sqlArgs) string {
	conds := []string{"1 = 1"}
	anyOf := func(column string, values []string) {
		if len(values) == 0 {
			return
		}
		ors := make([]string, len(values))
		for i, v := range values {
			ors[i] = "('|' || " + column + " || '|') LIKE " + a.add("%|"+v+"|%")
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	anyOf("services", q.Services)
	anyOf("prise_en_charge_specifique", q.Support)
	anyOf("publics_specifiquement_adresses", q.Public)
	anyOf("modalites_acces", q.Access)
	if q.Free {
		anyOf("frais_a_charge", []string{"Gratuit"})
	}
	if q.FranceServices {
		anyOf("dispositif_programmes_nationaux", []string{"France Services"})
	}
	return strings.Join(conds, " AND ")
}
