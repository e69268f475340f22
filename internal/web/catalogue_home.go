package web

import "net/http"

// homeView is the model of the home page: the search form, then the moments of life and the
// categories, so that a person who does not know what to type can still start.
type homeView struct {
	Page
	Events     []eventCard
	Categories []categoryCard
}

// homeView builds the home page's model from the public catalogue.
func (s *Server) homeView(r *http.Request) (homeView, error) {
	v := homeView{Page: s.page(r, "Accueil")}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return v, err
	}
	v.Events = eventCards(sn.LifeEvents())
	v.Categories = categoryCards(sn)
	return v, nil
}
