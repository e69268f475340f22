package web

import (
	"context"
	"time"

	"guichet/internal/changes"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// deliveryRow is one administration told of the person's change.
type deliveryRow struct {
	Org    string
	Status string
	Since  time.Time
	By     string
}

// changeDeliveries returns, for a sent changement-adresse, each
// administration told and where its delivery stands; nil otherwise.
func (s *Server) changeDeliveries(ctx context.Context, d *dossiers.Dossier) ([]deliveryRow, error) {
	if d.Procedure != changes.Procedure || d.SubmittedAt.IsZero() {
		return nil, nil
	}
	c, err := s.Changes.OfDossier(ctx, d.UserID, d.ID)
	if errs.Is(err, errs.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows := make([]deliveryRow, 0, len(c.Deliveries))
	for _, dl := range c.Deliveries {
		row := deliveryRow{Status: dl.Label(), Since: dl.UpdatedAt, By: dl.ReceivedBy}
		if o, err := s.Identity.OrganisationByID(ctx, dl.OrgID); err == nil {
			row.Org = o.Name
		}
		rows = append(rows, row)
	}
	return rows, nil
}
