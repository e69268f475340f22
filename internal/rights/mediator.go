package rights

import (
	"context"
	"database/sql"

	"guichet/internal/accesslog"
	"guichet/internal/errs"
	"guichet/internal/mediation"
)

// Viewer is a mediator of a help structure looking at a person's
// suggestions.
type Viewer struct {
	MediatorID int64
	OrgID      int64
}

// ForMediator returns the person's suggestions to a mediator of the
// structure v.OrgID, which must hold a mandate of the person in force now
// covering social or argent, while the person's consent lasts; the view is
// written in the person's access log in the same transaction. Otherwise it
// is errs.Forbidden, with the reason in plain French.
func (s *Service) ForMediator(ctx context.Context, v Viewer, personUserID int64) ([]Suggestion, error) {
	at := s.opts.Mediation.Now()
	m, err := s.opts.Mediation.AllowsFor(ctx, v.OrgID, personUserID, mediation.Social, at)
	if err != nil {
		var err2 error
		if m, err2 = s.opts.Mediation.AllowsFor(ctx, v.OrgID, personUserID, mediation.Argent, at); err2 != nil {
			return nil, errs.E(errs.Forbidden, "Le mandat de cette personne ne couvre ni le social ni l'argent : vous ne pouvez pas voir les aides qui lui sont suggérées.")
		}
	}
	ok, err := s.Allowed(ctx, personUserID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errs.E(errs.Forbidden, "Cette personne n'a pas autorisé Guichet à chercher des aides pour elle, ou a retiré son accord.")
	}
	var out []Suggestion
	err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := s.opts.AccessLog.Record(ctx, tx, accesslog.Entry{PersonUserID: personUserID, OrgID: v.OrgID,
			ActorKind: accesslog.ByMediator, ActorID: v.MediatorID, Action: accesslog.Read,
			Category: "aides suggérées", Purpose: "accompagnement sous le mandat n° " + itoa(m.ID)}); err != nil {
			return err
		}
		var err error
		out, err = s.list(ctx, tx, personUserID)
		return err
	})
	return out, err
}
