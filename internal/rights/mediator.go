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

// ForMediator returns, with the mandate, the suggestions of the person of
// the mandate mandateID to a mediator of the structure v.OrgID: the
// mandate must be the structure's, in force now and cover social or
// argent, and the person's consent must last; the view is written in the
// person's access log in the same transaction. Otherwise it is
// errs.Forbidden (errs.NotFound for another structure's mandate), with the
// reason in plain French.
func (s *Service) ForMediator(ctx context.Context, v Viewer, mandateID int64) (*mediation.Mandate, []Suggestion, error) {
	at := s.opts.Mediation.Now()
	m, err := s.opts.Mediation.Allows(ctx, mandateID, v.OrgID, mediation.Social, at)
	if errs.Is(err, errs.Forbidden) {
		m, err = s.opts.Mediation.Allows(ctx, mandateID, v.OrgID, mediation.Argent, at)
		if errs.Is(err, errs.Forbidden) && m != nil && m.StatusAt(at) == mediation.Active {
			err = errs.E(errs.Forbidden, "Ce mandat ne couvre ni le social ni l'argent : vous ne pouvez pas voir les aides suggérées à cette personne.")
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if m.PersonUserID == 0 {
		return nil, nil, errs.E(errs.Forbidden, "Cette personne n'a pas de compte Guichet : aucune aide ne lui est suggérée.")
	}
	ok, err := s.Allowed(ctx, m.PersonUserID)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, errs.E(errs.Forbidden, "Cette personne n'a pas autorisé Guichet à chercher des aides pour elle, ou a retiré son accord.")
	}
	var out []Suggestion
	err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := s.opts.AccessLog.Record(ctx, tx, accesslog.Entry{PersonUserID: m.PersonUserID, OrgID: v.OrgID,
			ActorKind: accesslog.ByMediator, ActorID: v.MediatorID, Action: accesslog.Read,
			Category: "aides suggérées", Purpose: "accompagnement sous le mandat n° " + itoa(m.ID)}); err != nil {
			return err
		}
		var err error
		out, err = s.list(ctx, tx, m.PersonUserID)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return m, out, nil
}
