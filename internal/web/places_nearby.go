package web

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/places"
)

// paramNearTown is the parameter a catalogue page reads the person's town
// from, to show the nearest help places.
const paramNearTown = "commune"

// nearbyPlaces returns the n help places nearest to town (a town name or a
// postcode), nearest first, with their opening status now. It returns an
// errs.NotFound error, whose message can be shown, when the town is
// unknown, and errs.Invalid when town is empty.
func (s *Server) nearbyPlaces(r *http.Request, town string, n int) ([]placeCard, error) {
	if strings.TrimSpace(town) == "" {
		return nil, errs.E(errs.Invalid, "Indiquez votre commune ou votre code postal.")
	}
	results, _, _, err := s.Places.Search(r.Context(), places.Query{Text: town, Limit: n, At: s.Now()})
	if err != nil {
		return nil, err
	}
	cards := make([]placeCard, len(results))
	for i, res := range results {
		cards[i] = cardOf(res)
	}
	return cards, nil
}

// placesNearby is the model of the "places-nearby" partial: a small form
// asking the town, then the nearest places.
type placesNearby struct {
	// Action is the page the form comes back to, Keep the other
	// parameters of its address (a catalogue search, for instance).
	Action string
	Keep   []hiddenField
	// Intro says what a person can get help with; for a procedure page, doing it.
	Intro string
	Town  string
	Cards []placeCard
	// Message explains an unknown town.
	Message string
	// MoreURL leads to the full search for the same town.
	MoreURL string
}

// placesNearbyFor reads the town from the address of r (parameter
// "commune") and finds the n nearest places, for a page that includes the
// "places-nearby" partial. An unknown town gives a message, not an error;
// only a database failure is returned.
func (s *Server) placesNearbyFor(r *http.Request, n int) (placesNearby, error) {
	q := r.URL.Query()
	v := placesNearby{Action: r.URL.Path, Town: strings.TrimSpace(q.Get(paramNearTown)),
		Intro: "Une personne peut vous aider à faire cette démarche, souvent gratuitement."}
	for _, name := range slices.Sorted(maps.Keys(q)) {
		if name == paramNearTown {
			continue
		}
		for _, val := range q[name] {
			v.Keep = append(v.Keep, hiddenField{name, val})
		}
	}
	if v.Town == "" {
		return v, nil
	}
	v.MoreURL = "/lieux?" + url.Values{paramText: {v.Town}}.Encode()
	cards, err := s.nearbyPlaces(r, v.Town, n)
	switch {
	case errs.Is(err, errs.NotFound) || errs.Is(err, errs.Invalid):
		v.Message = errs.MessageOf(err)
	case err != nil:
		return v, err
	}
	v.Cards = cards
	return v, nil
}
