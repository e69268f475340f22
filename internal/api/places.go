package api

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"guichet/internal/errs"
	"guichet/internal/places"
)

// placeResult is one place of a search answer.
type placeResult struct {
	ID         string   `json:"id"`
	Source     string   `json:"source"`
	Nom        string   `json:"nom"`
	Adresse    string   `json:"adresse"`
	CodePostal string   `json:"code_postal"`
	Commune    string   `json:"commune"`
	Latitude   *float64 `json:"latitude"`
	Longitude  *float64 `json:"longitude"`
	Telephone  string   `json:"telephone"`
	Horaires   string   `json:"horaires"`
	DistanceKm *float64 `json:"distance_km"`
	Open       *bool    `json:"open"`
	Status     string   `json:"status"`
	URL        string   `json:"url"`
}

// placeOrigin is where a search measured distances from.
type placeOrigin struct {
	Name        string  `json:"name"`
	Postcode    string  `json:"postcode"`
	Latitude    float64 `json:"latitude"`
	Longitude   float64 `json:"longitude"`
	RadiusKm    float64 `json:"radius_km"`
	Approximate bool    `json:"approximate"`
}

// placeSearch is the answer of GET /api/v1/places.
type placeSearch struct {
	Results []placeResult `json:"results"`
	Total   int           `json:"total"`
	Origin  *placeOrigin  `json:"origin"`
}

func (s *Server) searchPlaces(w http.ResponseWriter, r *http.Request) error {
	q, err := readPlaceQuery(r.URL.Query())
	if err != nil {
		return err
	}
	results, total, origin, err := s.Places.Search(r.Context(), q)
	if err != nil {
		return err
	}
	answer := placeSearch{Results: make([]placeResult, len(results)), Total: total}
	for i, res := range results {
		p := &res.Place
		answer.Results[i] = placeResult{ID: p.ID, Source: p.Source, Nom: p.Nom, Adresse: p.Adresse,
			CodePostal: p.CodePostal, Commune: p.Commune, Latitude: p.Latitude, Longitude: p.Longitude,
			Telephone: p.Telephone, Horaires: p.Horaires, DistanceKm: roundKm(res.DistanceKm),
			Open: res.Open, Status: res.Status, URL: s.placeURL(p)}
	}
	if origin != nil {
		answer.Origin = &placeOrigin{Name: origin.Name, Postcode: origin.Postcode, Latitude: origin.Lat,
			Longitude: origin.Lon, RadiusKm: origin.RadiusKm, Approximate: origin.Approximate}
	}
	return writeJSON(w, http.StatusOK, answer)
}

// roundKm keeps distances to the metre.
func roundKm(d *float64) *float64 {
	if d == nil {
		return nil
	}
	x := math.Round(*d*1000) / 1000
	return &x
}

// placeURL is the address of the place's page on this instance.
func (s *Server) placeURL(p *places.Place) string {
	return strings.TrimSuffix(s.BaseURL, "/") + "/lieux/" + strconv.FormatInt(p.Key, 10)
}

// readPlaceQuery reads the parameters of GET /api/v1/places; a value that
// cannot be read is an errs.Invalid error naming the parameter.
func readPlaceQuery(v url.Values) (places.Query, error) {
	q := places.Query{Text: v.Get("q"), Services: v["service"], Support: v["support"], Public: v["public"], Access: v["access"]}
	var err error
	if q.Lat, err = optionalFloat(v, "lat", "une latitude en degrés, par exemple 45.77"); err != nil {
		return q, err
	}
	if q.Lon, err = optionalFloat(v, "lon", "une longitude en degrés, par exemple 4.88"); err != nil {
		return q, err
	}
	radius, err := optionalFloat(v, "radius_km", "une distance en kilomètres, par exemple 5")
	if err != nil {
		return q, err
	}
	if radius != nil {
		q.RadiusKm = *radius
	}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"free", &q.Free}, {"france_services", &q.FranceServices}, {"open_now", &q.OpenNow}} {
		if *b.dst, err = optionalBool(v, b.name); err != nil {
			return q, err
		}
	}
	if q.At, err = openAt(v); err != nil {
		return q, err
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > places.MaxLimit {
			return q, errs.Errorf(errs.Invalid, "Le paramètre limit doit être un nombre entier de 1 à %d.", places.MaxLimit)
		}
		q.Limit = n
	}
	if s := v.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return q, errs.E(errs.Invalid, "Le paramètre offset doit être un nombre entier positif ou nul.")
		}
		q.Offset = n
	}
	return q, nil
}

// openAt reads the instant the opening hours are evaluated at; the zero
// time (now) when it is not given.
func openAt(v url.Values) (time.Time, error) {
	s := v.Get("open_at")
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, errs.E(errs.Invalid, "Le paramètre open_at doit être une date et une heure au format RFC 3339, par exemple 2024-05-07T10:00:00+02:00.")
	}
	return t, nil
}

func optionalFloat(v url.Values, name, what string) (*float64, error) {
	s := v.Get(name)
	if s == "" {
		return nil, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, errs.Errorf(errs.Invalid, "Le paramètre %s doit être %s.", name, what)
	}
	return &x, nil
}

func optionalBool(v url.Values, name string) (bool, error) {
	switch v.Get(name) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, errs.Errorf(errs.Invalid, "Le paramètre %s doit valoir true ou false.", name)
}

func (s *Server) getPlace(w http.ResponseWriter, r *http.Request) error {
	at, err := openAt(r.URL.Query())
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = time.Now()
	}
	p, err := s.placeByID(r, r.PathValue("id"), r.URL.Query().Get("source"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.placeJSON(p, at))
}

// placeByID finds the place a producer published under id; source, when
// given, names the producer. Without it, an id that several producers use
// is an errs.Conflict error listing their sources.
func (s *Server) placeByID(r *http.Request, id, source string) (*places.Place, error) {
	if source != "" {
		return s.Places.GetByID(r.Context(), source, id)
	}
	found, err := s.Places.ListByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return nil, errs.Errorf(errs.NotFound, "Aucun lieu ne porte l'identifiant « %s ».", id)
	case 1:
		return &found[0], nil
	}
	sources := make([]string, len(found))
	for i, p := range found {
		sources[i] = p.Source
	}
	return nil, errs.Errorf(errs.Conflict, "Plusieurs lieux portent l'identifiant « %s » : précisez leur source, par exemple ?source=%s. Sources : %s.",
		id, url.QueryEscape(sources[0]), strings.Join(sources, ", "))
}

// placeJSON is a place with every field of the standard v1 (texts as
// strings, multiple values joined by "|", "" when not given; coordinates as
// numbers or null), its opening at at and its page's address.
func (s *Server) placeJSON(p *places.Place, at time.Time) map[string]any {
	out := map[string]any{}
	names := places.Fields()
	for i, text := range places.StandardValues(p) {
		out[names[i]] = text
	}
	out[places.FieldLatitude], out[places.FieldLongitude] = p.Latitude, p.Longitude
	open, status := p.OpenAt(at)
	out["open"], out["status"], out["url"] = open, status, s.placeURL(p)
	return out
}
