package dossiers

import (
	"context"
	"time"

	"guichet/internal/webhooks"
)

// Publisher hands the events of dossiers to the administration's own
// systems, in the caller's transaction (database.InTx): internal/webhooks'
// Service. An event exists exactly when its change does.
type Publisher interface {
	Publish(ctx context.Context, orgID int64, ev webhooks.Event) ([]int64, error)
	// Listens tells whether the organisation wants events of that type
	// at all: a sending that has nothing to publish needs no transaction.
	Listens(ctx context.Context, orgID int64, eventType string) (bool, error)
}

// publish tells the webhooks of the dossier's administration of typ, in
// the transaction of ctx, with the data every dossier event gives
// (reference, procedure, state) and extra. key makes the event once only.
// The data name the dossier, never the person nor their answers: the
// administration's system reads those through the API.
func (s *Service) publish(ctx context.Context, d *Dossier, typ, key string, at time.Time, extra map[string]any) error {
	if s.opts.Webhooks == nil {
		return nil
	}
	data := map[string]any{"reference": d.ShownReference(), "procedure": d.Procedure, "state": string(d.State)}
	for k, v := range extra {
		data[k] = v
	}
	_, err := s.opts.Webhooks.Publish(ctx, d.OrgID, webhooks.Event{Type: typ, Key: eventKey(d.Reference, key),
		At: at, Data: data})
	return err
}
