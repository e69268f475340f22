package web

import (
	"context"
	"net/http"
	"slices"

	"guichet/internal/dossiers"
	"guichet/internal/forms"
	"guichet/internal/prefill"
)

// prefillDraft fills a new draft's bound fields from the person's profile
// and the administrations they allowed, in one transaction with the marks
// that the pages show as « déjà connu, vérifiez ».
func (s *Server) prefillDraft(r *http.Request, d *dossiers.Dossier) error {
	f, err := s.Forms.Version(r.Context(), d.Procedure, d.FormVersion)
	if err != nil {
		return err
	}
	userID := currentUser(r).ID
	return s.Prefill.Fill(r.Context(), userID, d.ID, f, func(ctx context.Context, a forms.Answers) error {
		keys := make([]string, 0, len(a))
		for k := range a {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		_, err := s.Dossiers.SavePage(ctx, userID, d.ID, dossiers.Page{Number: 0, Fields: keys,
			Values: dossierAnswers(a, keys), Next: 0})
		return err
	})
}

// withPrefillHints puts before each pre-filled field's help where its
// value came from, or why the person is asked to type it: the help is
// tied to the input, so a screen reader says it with the field.
func (s *Server) withPrefillHints(r *http.Request, d *dossiers.Dossier, answers forms.Answers, fp *FormPageView) error {
	marks, err := s.Prefill.Marks(r.Context(), d.ID)
	if err != nil || len(marks) == 0 {
		return err
	}
	for i := range fp.Fields {
		fv := &fp.Fields[i]
		m, ok := marks[fv.Name]
		if !ok {
			continue
		}
		if hint := prefillHint(m, answers[fv.Name]); hint != "" {
			fv.Help = joinSentences(hint, fv.Help)
		}
	}
	return nil
}

// prefillHint says in words what pre-filling did with a field.
func prefillHint(m prefill.Mark, current forms.Value) string {
	switch {
	case m.Status == prefill.Filled && current.Empty():
		return ""
	case m.Status == prefill.Filled && len(m.Value.List) > 0:
		return "Nous avons coché les organismes avec lesquels vous avez une démarche ou un partage de données : vérifiez, cochez ou décochez."
	case m.Status == prefill.Filled && m.Corrected(current):
		return "Vous avez corrigé la réponse " + m.Source + ". La correction vaut pour ce dossier : elle ne change pas la source."
	case m.Status == prefill.Filled:
		return "Déjà connu, vérifiez : " + m.Source + " le " + frenchDate(m.At) + ". Corrigez si ce n'est plus juste."
	case m.Status == prefill.NoConsent:
		return "Vous n'avez pas autorisé " + m.Source + " à nous le transmettre : indiquez-le vous-même, ou donnez votre accord dans « Mes autorisations de partage » de votre compte."
	}
	return capitalize(m.Source) + " n'a pas pu nous le transmettre : indiquez-le vous-même."
}

func joinSentences(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}
