package app

import (
	"context"
	"encoding/json"
	"path/filepath"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// dossiersOptions wires the dossiers to the rest of Guichet: files in
// DATA/files, outside anything the web server serves.
func (a *App) dossiersOptions() dossiers.Options {
	return dossiers.Options{
		FilesDir: filepath.Join(a.Config.DataDir, "files"),
		BaseURL:  a.Config.BaseURL,
		Validate: a.checkAnswers,
		// Built before dossiers (New): receipts, state changes and the rest
		// go out by the person's chosen channel, or to the help structure
		// of a domiciled person.
		Notifier: a.Mediation.Redirect(a.Notify),
		// Runs the receipt jobs Submit enqueues.
		Jobs:           a.Jobs,
		Webhooks:       a.Webhooks,
		ProcedureTitle: a.procedureTitle,
		// A sent changement-adresse goes to the administrations ticked.
		OnSubmit: a.dispatchChange,
		Assisted: a.Mediation.DossierJournal(a.procedureCategory),
	}
}

// procedureCategory is the category of a published procedure, "" for one
// no longer published.
func (a *App) procedureCategory(ctx context.Context, slug string) string {
	sn, err := a.Catalogue.Snapshot(ctx)
	if err != nil {
		return ""
	}
	if p, ok := sn.Procedure(slug); ok {
		return p.Category
	}
	return ""
}

// checkAnswers checks a dossier's answers against the form version it was
// started on, inside the submission's transaction; the forms module keeps
// published versions decoded, so that a sending does not read its form.
func (a *App) checkAnswers(ctx context.Context, procedure string, version int, answers dossiers.Answers) error {
	fa := forms.Answers{}
	for k, raw := range answers {
		var v forms.Value
		if json.Unmarshal(raw, &v) == nil {
			fa[k] = v
		}
	}
	problems, err := a.Forms.CheckAnswers(ctx, procedure, version, fa)
	if err != nil {
		return err
	}
	return errs.InvalidFields("Il reste des réponses à corriger avant d'envoyer votre dossier.", problems)
}

// procedureTitle names a procedure in the messages of its dossiers, from
// the published catalogue.
func (a *App) procedureTitle(ctx context.Context, slug string) string {
	sn, err := a.Catalogue.Snapshot(ctx)
	if err != nil {
		return ""
	}
	if p, ok := sn.Procedure(slug); ok {
		return p.Title
	}
	return ""
}
