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
	}
}

// checkAnswers checks a dossier's answers against the form version it was
// started on, inside the submission's transaction.
func (a *App) checkAnswers(ctx context.Context, procedure string, version int, answers dossiers.Answers) error {
	f, err := a.Forms.Version(ctx, procedure, version)
	if err != nil {
		return err
	}
	fa := forms.Answers{}
	for k, raw := range answers {
		var v forms.Value
		if json.Unmarshal(raw, &v) == nil {
			fa[k] = v
		}
	}
	_, problems := f.ValidateAll(fa)
	return errs.InvalidFields("Il reste des réponses à corriger avant d'envoyer votre dossier.", problems)
}

// contactOf gives the address the expiry notice of a draft goes to.
func (a *App) contactOf(ctx context.Context, userID int64) (string, string, error) {
	u, err := a.Identity.UserByID(ctx, userID)
	if err != nil {
		return "", "", err
	}
	return u.Email, u.Name, nil
}
