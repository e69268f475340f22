package web

import (
	"net/http"
	"strconv"

	"guichet/internal/catalogue"
)

// fieldSynonyms is the text area of the synonyms page.
const fieldSynonyms = "synonymes"

// synonymsView is the model of the synonyms page.
type synonymsView struct {
	Page
	Form   *Form
	Lines  []catalogue.SynonymError
	Author string
	Saved  string // Saved is when the list in use was saved, in French; "" when never.
}

func (s *Server) synonymsPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Catalogue.Synonyms(r.Context())
	if err != nil {
		return err
	}
	v := synonymsView{Page: s.page(r, "Synonymes de la recherche"), Form: emptyForm(), Author: list.AuthorName}
	v.Form.Values.Set(fieldSynonyms, list.Text)
	if !list.SavedAt.IsZero() {
		v.Saved = frenchDateTime(list.SavedAt)
	}
	if r.URL.Query().Get("fait") == "1" {
		v.Notice = "La liste est enregistrée. La recherche l'utilise déjà."
	}
	return s.render(w, http.StatusOK, "catalogue-synonyms", v)
}

func (s *Server) synonymsSave(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	err := s.Catalogue.SaveSynonyms(r.Context(), currentUser(r).ID, f.Raw(fieldSynonyms))
	if bad, ok := err.(catalogue.SynonymErrors); ok {
		v := synonymsView{Page: s.page(r, "Synonymes de la recherche"), Form: f, Lines: bad}
		v.HasErrors = true
		for _, e := range bad {
			f.Fail(fieldSynonyms, "Ligne "+strconv.Itoa(e.Line)+" : "+e.Message)
		}
		return s.render(w, http.StatusUnprocessableEntity, "catalogue-synonyms", v)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/catalogue/synonymes?fait=1", http.StatusSeeOther)
	return nil
}
