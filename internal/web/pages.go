package web

import "net/http"

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	v, err := s.homeView(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "home", v)
}

// staticPage serves a page whose text lives entirely in its template.
func (s *Server) staticPage(name, title string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		return s.render(w, http.StatusOK, name, s.page(r, title))
	}
}
