package web

import (
	"net/http"

	"guichet/internal/statement"
)

// accessibilityPage serves the accessibility statement, written from the data a deployment
// fills in (package statement), to the RGAA model.
func (s *Server) accessibilityPage(w http.ResponseWriter, r *http.Request) error {
	v := struct {
		Page
		S *statement.Statement
	}{s.page(r, "Déclaration d'accessibilité"), s.Statement}
	return s.render(w, http.StatusOK, "accessibilite", v)
}
