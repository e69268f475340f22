package app

import (
	"context"
	"fmt"

	"guichet/internal/changes"
	"guichet/internal/consent"
	"guichet/internal/dossiers"
	"guichet/internal/profile"
	"guichet/internal/webhooks"
)

// onceOnly is the observatory's "Dites-le-nous une fois" count of a
// procedure, from the bindings of its published form.
func (a *App) onceOnly(ctx context.Context, slug string) (asked, unbound int, ok bool, err error) {
	counts, err := a.Prefill.Indicator(ctx, []string{slug})
	if err != nil || len(counts) == 0 {
		return 0, 0, false, err
	}
	return counts[0].Asked, len(counts[0].Unbound), true, nil
}

// publishChange hands a change declared once to the administration's
// systems as the webhook event profile.changed, in the transaction of the
// change; an administration without an endpoint for it still has the task
// in its agents' queue.
func (a *App) publishChange(ctx context.Context, orgID int64, e changes.Event) error {
	_, err := a.Webhooks.Publish(ctx, orgID, webhooks.Event{Type: webhooks.ProfileChanged,
		Key: fmt.Sprintf("change-%d-org-%d", e.ChangeID, orgID), Data: e})
	return err
}

// dispatchChange runs in the submission of a changement-adresse dossier
// (dossiers.Options.OnSubmit): the sent dossier becomes a change delivered
// to each administration ticked, in the same transaction, so that no
// dossier is sent without its change.
func (a *App) dispatchChange(ctx context.Context, d *dossiers.Dossier) error {
	p, err := a.Profile.Get(ctx, d.UserID)
	if err != nil {
		return err
	}
	id := p[profile.Identity].Value
	person := map[string]string{"given_name": id.GivenName, "family_name": id.FamilyName, "birthdate": id.Birthdate}
	if pivots, err := a.Identity.Pivots(ctx, d.UserID); err == nil && len(pivots) > 0 {
		person = map[string]string{"given_name": pivots[0].GivenName, "family_name": pivots[0].FamilyName,
			"birthdate": pivots[0].Birthdate}
	}
	return a.Changes.Dispatch(ctx, changes.Declared{UserID: d.UserID, DossierID: d.ID, Reference: d.ShownReference(),
		Answers: d.Answers, Person: person})
}

// relations lists the organisations a person deals with: those of their
// dossiers and those whose data they allowed to be shared, so that a
// change is offered to them first.
func (a *App) relations(ctx context.Context, userID int64) ([]string, error) {
	var out []string
	list, err := a.Dossiers.List(ctx, userID, 0)
	if err != nil {
		return nil, err
	}
	sn, err := a.Catalogue.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range list {
		if p, ok := sn.Procedure(d.Procedure); ok && d.State != dossiers.Draft {
			out = append(out, p.Org.Slug)
		}
	}
	cs, err := a.Consent.OfPerson(ctx, userID)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.Active() && c.Purpose == consent.PurposePrefill {
			out = append(out, c.Party)
		}
	}
	return out, nil
}
