package web

import (
	"net/http"
	"strconv"
	"time"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

// rightsKeep keeps the answers of the questionnaire under way for the signed-in person, who
// asked for it.
func (s *Server) rightsKeep(w http.ResponseWriter, r *http.Request) error {
	a := s.rightsDraft(r)
	if _, more := eligibility.Next(a); more {
		return errs.E(errs.Invalid, "Il manque des réponses : refaites le questionnaire jusqu'au résultat, puis gardez-le.")
	}
	if _, err := s.Catalogue.KeepResult(r.Context(), currentUser(r).ID, a); err != nil {
		return err
	}
	// The newest kept answers are what suggestions read, with the person's consent.
	if err := s.Rights.Reevaluate(r.Context(), currentUser(r).ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/mes-droits/gardes?garde=1", http.StatusSeeOther)
	return nil
}

// rightsKeptItem is a kept result in the list.
type rightsKeptItem struct {
	ID        int64
	CreatedAt time.Time
	URL       string
	Summary   string
}

func (s *Server) rightsKeptList(w http.ResponseWriter, r *http.Request) error {
	kept, err := s.Catalogue.KeptResults(r.Context(), currentUser(r).ID)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Items []rightsKeptItem
	}{Page: s.page(r, "Mes résultats gardés")}
	if r.URL.Query().Get("garde") == "1" {
		v.Notice = "Votre résultat est gardé. Vous seul pouvez le voir, et vous pouvez le supprimer quand vous voulez."
	}
	for _, k := range kept {
		v.Items = append(v.Items, rightsKeptItem{ID: k.ID, CreatedAt: k.CreatedAt,
			URL: "/mes-droits/gardes/" + strconv.FormatInt(k.ID, 10), Summary: keptSummary(k.Answers)})
	}
	return s.render(w, http.StatusOK, "rights/kept", v)
}

// rightsKeptResult shows a kept result, computed again from its answers.
func (s *Server) rightsKeptResult(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Ce résultat n'existe pas.")
	}
	kept, err := s.Catalogue.KeptResults(r.Context(), currentUser(r).ID)
	if err != nil {
		return err
	}
	for _, k := range kept {
		if k.ID != id {
			continue
		}
		when := frenchDateTime(k.CreatedAt)
		v, err := s.rightsResultView(r, k.Answers, "Mes droits : le résultat gardé le "+when)
		if err != nil {
			return err
		}
		v.Kept = when
		for _, q := range answered(k.Answers) {
			v.Answers = append(v.Answers, rightsAnswerLine{Question: q.Label, Answer: answerText(q, k.Answers)})
		}
		return s.render(w, http.StatusOK, "rights/result", v)
	}
	return errs.E(errs.NotFound, "Ce résultat n'existe pas ou a été supprimé.")
}

// keptSummary recalls a situation in a few words: age and household.
func keptSummary(a eligibility.Answers) string {
	var text string
	if age, ok := a.Int("age"); ok {
		text = plural(age, "an", "ans")
	}
	if couple, ok := a.Bool("couple"); ok {
		if couple {
			text += ", en couple"
		} else {
			text += ", seul"
		}
	}
	if n, ok := a.Int("enfants"); ok {
		text += ", " + plural(n, "enfant", "enfants")
	}
	return text
}

func (s *Server) rightsForget(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Ce résultat n'existe pas.")
	}
	if err := s.Catalogue.ForgetResult(r.Context(), currentUser(r).ID, id); err != nil {
		return err
	}
	if err := s.Rights.Reevaluate(r.Context(), currentUser(r).ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/mes-droits/gardes", http.StatusSeeOther)
	return nil
}
