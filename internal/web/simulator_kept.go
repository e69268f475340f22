package web

import (
	"net/http"
	"strconv"
	"time"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

// simulatorKeep keeps the answers of a result for the signed-in person, who asked for it.
func (s *Server) simulatorKeep(w http.ResponseWriter, r *http.Request) error {
	form := newForm(r)
	a, _ := eligibility.ParseAnswers(form.Values)
	if _, more := eligibility.Next(a); more {
		return errs.E(errs.Invalid, "Il manque des réponses : refaites le questionnaire jusqu'au résultat, puis gardez-le.")
	}
	if _, err := s.Catalogue.KeepResult(r.Context(), currentUser(r).ID, a); err != nil {
		return err
	}
	http.Redirect(w, r, "/mes-droits/gardes?garde=1", http.StatusSeeOther)
	return nil
}

// keptItem is a kept result in the list.
type keptItem struct {
	ID        int64
	CreatedAt time.Time
	URL       string
	Summary   string
}

func (s *Server) simulatorKept(w http.ResponseWriter, r *http.Request) error {
	kept, err := s.Catalogue.KeptResults(r.Context(), currentUser(r).ID)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Items []keptItem
	}{Page: s.page(r, "Mes résultats gardés")}
	if r.URL.Query().Get("garde") == "1" {
		v.Notice = "Votre résultat est gardé. Vous seul pouvez le voir, et vous pouvez le supprimer quand vous voulez."
	}
	for _, k := range kept {
		v.Items = append(v.Items, keptItem{ID: k.ID, CreatedAt: k.CreatedAt, URL: resultURL(k.Answers),
			Summary: keptSummary(k.Answers)})
	}
	return s.render(w, http.StatusOK, "simulator-kept", v)
}

// keptSummary recalls a situation in a few words: age and household.
func keptSummary(a eligibility.Answers) string {
	var text string
	if age, ok := a.Int("age"); ok {
		text = strconv.Itoa(age) + " ans"
	}
	if couple, ok := a.Bool("couple"); ok {
		if couple {
			text += ", en couple"
		} else {
			text += ", seul"
		}
	}
	if n, ok := a.Int("enfants"); ok && n > 0 {
		text += ", " + strconv.Itoa(n) + " enfant"
		if n > 1 {
			text += "s"
		}
	}
	return text
}

func (s *Server) simulatorForget(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Ce résultat n'existe pas.")
	}
	if err := s.Catalogue.ForgetResult(r.Context(), currentUser(r).ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/mes-droits/gardes", http.StatusSeeOther)
	return nil
}
