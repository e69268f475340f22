package places

import (
	"context"
	"fmt"
	"math"
	"slices"

	"guichet/internal/database"
)

// Result is one place found by Search.
type Result struct {
	Place Place
	// DistanceKm is the great-circle distance from the origin; nil without
	// an origin or when the place has no coordinates.
	DistanceKm *float64
	// Open tells whether the place is open at Query.At; nil when its hours
	// are missing, cannot be read or do not tell.
	Open *bool
	// Status says it in French ("Ouvert maintenant · ferme à 18 h 30");
	// "" without readable hours.
	Status string
}

// widening are the radii a search without RadiusKm tries in turn; 0 means
// the whole country.
var widening = []float64{10, 20, 50, 100, 200, 500, 1000, 0}

// candidate is a place reduced to what ranking needs.
type candidate struct {
	key      int64
	distance float64 // +Inf without coordinates
	postcode string
	hours    string
}

// Search finds help places. With a position, or a text naming a town, a
// postcode or a department, the places are sorted by distance from that
// point (nearest first; places of the town without coordinates come last)
// and origin says where the point is; without either, places are sorted by
// town and name and origin is nil. total counts every result, results holds
// the page asked for. It returns errs.Invalid for a bad query and
// errs.NotFound (with a message to show) when no place tells where the text
// is.
func (s *Service) Search(ctx context.Context, q Query) (results []Result, total int, origin *Origin, err error) {
	db := s.db
	if q.At.IsZero() {
		q.At = s.clock()
	}
	if q, err = q.normalize(); err != nil {
		return nil, 0, nil, err
	}
	switch {
	case q.Lat != nil:
		origin = &Origin{Lat: *q.Lat, Lon: *q.Lon}
	case q.Text != "":
		if origin, err = resolve(ctx, db, q.Text); err != nil {
			return nil, 0, nil, err
		}
	}
	var cands []candidate
	if origin == nil {
		cands, err = listCandidates(ctx, db, q)
	} else {
		cands, err = nearestCandidates(ctx, db, q, origin)
	}
	if err != nil {
		return nil, 0, nil, fmt.Errorf("search places: %w", err)
	}
	page := cands[min(q.Offset, len(cands)):min(q.Offset+q.Limit, len(cands))]
	results, err = loadResults(ctx, db, page, q)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("search places: %w", err)
	}
	return results, len(cands), origin, nil
}

// nearestCandidates returns the places matching q around origin, nearest
// first, widening the radius when q gives none (see Query.RadiusKm).
func nearestCandidates(ctx context.Context, db *database.DB, q Query, origin *Origin) ([]candidate, error) {
	radii := widening
	if q.RadiusKm > 0 {
		radii = []float64{q.RadiusKm}
	}
	var cands []candidate
	for i := 0; i < len(radii); i++ {
		r := radii[i]
		var err error
		cands, err = candidatesWithin(ctx, db, q, origin, r)
		if err != nil {
			return nil, err
		}
		origin.RadiusKm = r
		if len(cands) >= q.Limit {
			break
		}
		// Places spread over an area: a radius giving k places gives about
		// Limit places when multiplied by √(Limit/k); skip the steps below.
		want := r * math.Sqrt(float64(q.Limit)/float64(max(len(cands), 1)))
		for i+1 < len(radii)-1 && radii[i+1] < want {
			i++
		}
	}
	if origin.area != nil {
		extra, err := candidatesWithoutPosition(ctx, db, q, origin)
		if err != nil {
			return nil, err
		}
		cands = append(cands, extra...)
	}
	return cands, nil
}

// candidatesWithin returns the places matching q within radiusKm of origin
// (0: anywhere), sorted by distance: a bounding box narrows them in SQL and
// the exact distance is computed here.
func candidatesWithin(ctx context.Context, db *database.DB, q Query, origin *Origin, radiusKm float64) ([]candidate, error) {
	var a sqlArgs
	where := "latitude IS NOT NULL"
	if radiusKm > 0 {
		b := boundingBox(origin.Lat, origin.Lon, radiusKm)
		where += " AND latitude BETWEEN " + a.add(b.minLat) + " AND " + a.add(b.maxLat)
		if !b.noLon {
			where += " AND longitude BETWEEN " + a.add(b.minLon) + " AND " + a.add(b.maxLon)
		}
	}
	where += " AND " + q.filterSQL(&a)
	cands, err := queryCandidates(ctx, db, q, origin, where, a.args)
	if err != nil {
		return nil, err
	}
	kept := cands[:0]
	for _, c := range cands {
		if radiusKm == 0 || c.distance <= radiusKm {
			kept = append(kept, c)
		}
	}
	slices.SortFunc(kept, func(x, y candidate) int {
		if x.distance != y.distance {
			if x.distance < y.distance {
				return -1
			}
			return 1
		}
		return int(x.key - y.key)
	})
	return kept, nil
}

// candidatesWithoutPosition returns the places of the origin's town or
// postcode that have no coordinates.
func candidatesWithoutPosition(ctx context.Context, db *database.DB, q Query, origin *Origin) ([]candidate, error) {
	var a sqlArgs
	where := "latitude IS NULL AND " + origin.area(&a) + " AND " + q.filterSQL(&a) + " ORDER BY nom, id"
	return queryCandidates(ctx, db, q, origin, where, a.args)
}

// listCandidates returns the places matching q by town and name, for a
// search without an origin.
func listCandidates(ctx context.Context, db *database.DB, q Query) ([]candidate, error) {
	var a sqlArgs
	where := q.filterSQL(&a) + " ORDER BY commune_folded, nom, id"
	return queryCandidates(ctx, db, q, nil, where, a.args)
}

// selectCandidatesSQL and selectCandidatesOpenSQL read the candidates of a
// search, the second with their opening hours; the caller appends its condition.
const (
	selectCandidatesSQL     = `SELECT id, latitude, longitude, code_postal, '' FROM places WHERE `
	selectCandidatesOpenSQL = `SELECT id, latitude, longitude, code_postal, horaires FROM places WHERE `
)

// queryCandidates reads the candidates where holds, with their distance
// from origin (when not nil), and drops the closed ones when q asks for
// open places.
func queryCandidates(ctx context.Context, db *database.DB, q Query, origin *Origin, where string, args []any) ([]candidate, error) {
	clock := q.hours
	query := selectCandidatesSQL
	if q.OpenNow {
		query = selectCandidatesOpenSQL
	}
	rows, err := db.QueryContext(ctx, query+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		var lat, lon *float64
		if err := rows.Scan(&c.key, &lat, &lon, &c.postcode, &c.hours); err != nil {
			return nil, err
		}
		c.distance = math.Inf(1)
		if lat != nil && lon != nil && origin != nil {
			c.distance = DistanceKm(origin.Lat, origin.Lon, *lat, *lon)
		}
		if q.OpenNow && !clock.openNow(c.hours, c.postcode) {
			continue
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// loadResults reads the places of a page and evaluates their hours.
func loadResults(ctx context.Context, db *database.DB, page []candidate, q Query) ([]Result, error) {
	keys := make([]int64, len(page))
	for i, c := range page {
		keys[i] = c.key
	}
	places, err := getByKeys(ctx, db, keys)
	if err != nil {
		return nil, err
	}
	byKey := make(map[int64]Place, len(places))
	for _, p := range places {
		byKey[p.Key] = p
	}
	results := make([]Result, 0, len(page))
	for _, c := range page {
		p, ok := byKey[c.key]
		if !ok {
			continue // deleted since the candidates were read
		}
		r := Result{Place: p}
		if !math.IsInf(c.distance, 1) {
			d := c.distance
			r.DistanceKm = &d
		}
		r.Open, r.Status = p.OpenAt(q.At)
		results = append(results, r)
	}
	return results, nil
}
