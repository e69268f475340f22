package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"guichet/internal/changes"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/filestore"
	"guichet/internal/forms"
	"guichet/internal/mediation"
)

// fileStore is where the dossiers' files go: the folder of --files
// (DATA/files by default, outside anything the web server serves; one
// folder every node shares in a cluster) or the S3-compatible bucket of
// --files s3://….
func (a *App) fileStore() (filestore.Store, error) {
	c := a.Config
	return filestore.Open(c.Files, filestore.S3Config{Endpoint: c.S3Endpoint, Region: c.S3Region,
		AccessKey: c.S3AccessKey, SecretKey: c.S3SecretKey})
}

// dossiersOptions wires the dossiers to the rest of Guichet.
func (a *App) dossiersOptions(files filestore.Store) dossiers.Options {
	return dossiers.Options{
		Files:    files,
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
		OnSubmit: map[string]dossiers.SubmitHook{changes.Procedure: a.dispatchChange},
		Assisted: a.Mediation.DossierJournal(a.procedureCategory),
		// A closed dossier deleted at the end of its retention leaves
		// tombstones in the mandate journal, in the deletion's transaction.
		EraseJournal: func(ctx context.Context, tx *sql.Tx, personID int64, reference string) error {
			_, err := mediation.EraseDossier(ctx, tx, time.Now(), personID, reference)
			return err
		},
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
