package mediation

import (
	"context"
	"database/sql"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// DossierJournal returns the journal of the dossiers module
// (dossiers.Options.Assisted): each action a mediator does on a dossier is
// appended to the mandate's journal in the action's transaction, after
// Record checks again that the mandate is the structure's, is in force and
// covers the category of the dossier's procedure (categoryOf, "" for a
// procedure no longer published, which no mandate covers).
func (s *Service) DossierJournal(categoryOf func(ctx context.Context, slug string) string) dossiers.Assisted {
	return func(ctx context.Context, tx *sql.Tx, a dossiers.Assist) error {
		cat := categoryOf(ctx, a.Procedure)
		if cat == "" {
			return errs.E(errs.Forbidden, "Cette démarche n'est plus en ligne : elle ne peut pas être faite sous un mandat.")
		}
		return s.Record(ctx, tx, Action{MandateID: a.MandateID, ActorUserID: a.MediatorID, OrgID: a.OrgID,
			Category: Category(cat), Event: a.Event, Detail: a.Detail})
	}
}
