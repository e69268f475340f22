package dossiers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"guichet/internal/notify"
)

// Notifier stores the messages of an event in the caller's transaction
// (database.InTx): internal/notify's Service. The dossiers module tells
// people through it, so that their preferences (e-mail, SMS, none) and
// their organisation's wording apply.
type Notifier interface {
	Notify(ctx context.Context, ev notify.Event) error
}

// CorrectionDelay is the date given to the person to send a correction by:
// the message says "avant le …", a month after the request.
const CorrectionDelay = 30 * 24 * time.Hour

// notifyOwner tells the dossier's person of kind in the transaction of ctx,
// with the data every dossier event gives (reference, procedure, link) and
// extra. key makes the event once only, whatever retries happen.
func (s *Service) notifyOwner(ctx context.Context, d *Dossier, kind notify.Kind, key string, extra map[string]string) error {
	if s.opts.Notifier == nil {
		return nil
	}
	data := map[string]string{
		"reference": d.ShownReference(),
		"procedure": s.procedureTitle(ctx, d.Procedure),
		"link":      s.link(d.ID),
	}
	for k, v := range extra {
		data[k] = v
	}
	return s.opts.Notifier.Notify(ctx, notify.Event{Kind: kind, OrgID: d.OrgID,
		Recipient: notify.Recipient{UserID: d.UserID}, Data: data,
		IdempotencyKey: eventKey(d.Reference, key)})
}

// eventKey names the event what of the dossier of reference ref, once
// whatever retries happen: by its reference, never by its id, which SQLite
// gives again to a new dossier when the last one was deleted (a closed
// dossier past its retention), whose person would then hear nothing.
func eventKey(ref, what string) string { return "dossier-" + ref + "-" + what }

// link is the person's page of a dossier.
func (s *Service) link(id int64) string {
	return fmt.Sprintf("%s/mes-demarches/%d", strings.TrimRight(s.opts.BaseURL, "/"), id)
}

// procedureTitle names a procedure in the person's words, its slug when no
// title is known.
func (s *Service) procedureTitle(ctx context.Context, slug string) string {
	if s.opts.ProcedureTitle != nil {
		if t := s.opts.ProcedureTitle(ctx, slug); t != "" {
			return t
		}
	}
	return slug
}
