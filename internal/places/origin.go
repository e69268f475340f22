package places

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Origin is the point a search measures distances from.
type Origin struct {
	// Name is the town found ("Reims"), "Département 51" for a department,
	// "" for a position or an unknown postcode.
	Name string
	// Postcode is the postcode searched, or the one of the town found when
	// its places share one.
	Postcode string
	// Lat and Lon are the point, in degrees.
	Lat, Lon float64
	// RadiusKm is the distance searched; 0 means the whole country.
	RadiusKm float64
	// Approximate is set when the point is the middle of the department
	// because no place has the postcode searched.
	Approximate bool

	// area selects the places of the town or postcode searched, so that
	// those without coordinates are listed too; nil for a position.
	area func(a *sqlArgs) string
}

var (
	postcodeInText = regexp.MustCompile(`\b\d{5}\b`)
	departmentText = regexp.MustCompile(`^(?i:\d{2}|2[ab]|97\d|98\d)$`)
)

// resolve finds the point a text names: a postcode (the middle of its
// places, or of its department's when none has it), a department, or a
// town. It returns errs.NotFound when no place tells where the text is.
func resolve(ctx context.Context, db *database.DB, text string) (*Origin, error) {
	if cp := postcodeInText.FindString(text); cp != "" {
		return resolvePostcode(ctx, db, cp)
	}
	if departmentText.MatchString(text) {
		return resolveDepartment(ctx, db, text)
	}
	return resolveTown(ctx, db, text)
}

// located is a place reduced to what locating a town needs.
type located struct {
	commune, postcode string
	point             point
}

// selectLocatedSQL reads the located places; the caller appends its condition.
const selectLocatedSQL = `SELECT commune, code_postal, latitude, longitude FROM places
	WHERE latitude IS NOT NULL AND `

func queryLocated(ctx context.Context, db *database.DB, where string, args ...any) ([]located, error) {
	rows, err := db.QueryContext(ctx, selectLocatedSQL+where, args...)
	if err != nil {
		return nil, fmt.Errorf("locate %v: %w", args, err)
	}
	defer rows.Close()
	var out []located
	for rows.Next() {
		var l located
		if err := rows.Scan(&l.commune, &l.postcode, &l.point.lat, &l.point.lon); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func resolvePostcode(ctx context.Context, db *database.DB, cp string) (*Origin, error) {
	area := func(a *sqlArgs) string { return "code_postal = " + a.add(cp) }
	found, err := queryLocated(ctx, db, `code_postal = $1`, cp)
	if err != nil {
		return nil, err
	}
	if len(found) > 0 {
		o := originOf(found, 40)
		o.Postcode, o.area = cp, area
		return o, nil
	}
	lo, hi := departmentRange(cp)
	found, err = queryLocated(ctx, db, `code_postal >= $1 AND code_postal < $2`, lo, hi)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, errs.Errorf(errs.NotFound, "Nous ne connaissons aucun lieu d'aide près du code postal %s. Vérifiez-le, ou indiquez le nom de votre commune.", cp)
	}
	o := originOf(found, 150)
	o.Name, o.Postcode, o.Approximate, o.area = "", cp, true, area
	return o, nil
}

// departmentRange returns the postcodes of the department of cp, as a
// range [lo, hi): two digits in metropolitan France (Corsica's 2A and 2B
// both start with 20), three overseas.
func departmentRange(cp string) (string, string) {
	n := 2
	if cp[:2] == "97" || cp[:2] == "98" {
		n = 3
	}
	prefix, _ := strconv.Atoi(cp[:n])
	width := fmt.Sprintf("%%0%dd", n)
	pad := map[int]string{2: "000", 3: "00"}[n]
	return fmt.Sprintf(width, prefix) + pad, fmt.Sprintf(width, prefix+1) + pad
}

func resolveDepartment(ctx context.Context, db *database.DB, dept string) (*Origin, error) {
	code := dept
	if code[0] == '2' && (code[1] == 'a' || code[1] == 'A' || code[1] == 'b' || code[1] == 'B') {
		code = "20"
	}
	lo, hi := departmentRange(code + "000"[:5-len(code)])
	found, err := queryLocated(ctx, db, `code_postal >= $1 AND code_postal < $2`, lo, hi)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, errs.Errorf(errs.NotFound, "Nous ne connaissons aucun lieu d'aide dans le département %s.", dept)
	}
	o := originOf(found, 150)
	o.Name, o.Postcode, o.Approximate = "Département "+dept, "", true
	o.area = func(a *sqlArgs) string {
		return "code_postal >= " + a.add(lo) + " AND code_postal < " + a.add(hi)
	}
	return o, nil
}

// resolveTown finds a town by its folded name, then as the start of a name
// ("marseille" finds "Marseille 11"). A name shared by towns of several
// departments means the one with the most places.
func resolveTown(ctx context.Context, db *database.DB, text string) (*Origin, error) {
	folded := FoldTown(text)
	if folded == "" {
		return nil, errs.E(errs.Invalid, "Indiquez une commune ou un code postal.")
	}
	area := func(a *sqlArgs) string { return "commune_folded = " + a.add(folded) }
	found, err := queryLocated(ctx, db, `commune_folded = $1`, folded)
	if err == nil && len(found) == 0 {
		// A space sorts just before "!", so this range holds the names
		// that start with the folded text and a space.
		area = func(a *sqlArgs) string {
			return "commune_folded >= " + a.add(folded+" ") + " AND commune_folded < " + a.add(folded+"!")
		}
		found, err = queryLocated(ctx, db, `commune_folded >= $1 AND commune_folded < $2`, folded+" ", folded+"!")
	}
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, errs.Errorf(errs.NotFound, "Nous ne trouvons pas de lieu d'aide à « %s ». Vérifiez l'orthographe, ou indiquez un code postal.", text)
	}
	found = largestDepartment(found)
	o := originOf(found, 40)
	lo, hi := departmentRange(found[0].postcode)
	o.area = func(a *sqlArgs) string {
		return area(a) + " AND code_postal >= " + a.add(lo) + " AND code_postal < " + a.add(hi)
	}
	return o, nil
}

// largestDepartment keeps the places of the department that has most of
// them (the first department in order on a tie).
func largestDepartment(found []located) []located {
	groups := map[string][]located{}
	for _, l := range found {
		lo, _ := departmentRange(l.postcode)
		groups[lo] = append(groups[lo], l)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best := keys[0]
	for _, k := range keys {
		if len(groups[k]) > len(groups[best]) {
			best = k
		}
	}
	return groups[best]
}

// originOf returns the middle of the places found, named after their most
// frequent town and postcode.
func originOf(found []located, outlierKm float64) *Origin {
	points := make([]point, len(found))
	towns, codes := map[string]int{}, map[string]int{}
	for i, l := range found {
		points[i] = l.point
		towns[FoldTown(l.commune)]++
		codes[l.postcode]++
	}
	c := centroid(points, outlierKm)
	o := &Origin{Name: townName(found, mostFrequent(towns)), Lat: c.lat, Lon: c.lon}
	if len(codes) == 1 {
		o.Postcode = found[0].postcode
	}
	return o
}

// townName returns the nicest spelling of the town folded as folded: one
// that is not all in capitals when there is one ("Reims" rather than
// "REIMS"), then the most frequent.
func townName(found []located, folded string) string {
	counts := map[string]int{}
	for _, l := range found {
		if FoldTown(l.commune) == folded {
			n := 1
			if l.commune != strings.ToUpper(l.commune) {
				n += len(found)
			}
			counts[l.commune] += n
		}
	}
	return mostFrequent(counts)
}

func mostFrequent(counts map[string]int) string {
	best := ""
	for k, n := range counts {
		if n > counts[best] || (n == counts[best] && k < best) {
			best = k
		}
	}
	return best
}
