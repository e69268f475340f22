package api

import (
	"context"
	"guichet/internal/consent"
	"guichet/internal/mediation"
	"guichet/internal/rights"
	"testing"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/backoffice"
	"guichet/internal/changes"
	"guichet/internal/database"
	"guichet/internal/dossiers"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/listening"
	"guichet/internal/observatory"
	"guichet/internal/profile"
	"guichet/internal/testkit"
)

// modules fills the services every API needs that a test leaves unset.
func modules(t testing.TB, db *database.DB, d Deps) Deps {
	t.Helper()
	if d.Identity == nil {
		d.Identity = identity.NewService(db, testkit.Box(t), identity.Config{Issuer: "Guichet"}, time.Now)
	}
	if d.Notify == nil {
		d.Notify = newNotify(t, db)
	}
	if d.Listening == nil {
		d.Listening = listening.New(db, listening.Options{})
	}
	if d.Changes == nil {
		ids := d.Identity
		d.Changes = changes.New(db, changes.Options{Box: testkit.Box(t),
			Profile: profile.New(db, profile.Options{Box: testkit.Box(t)}), AccessLog: accesslog.New(db, accesslog.Options{}),
			OrgID: func(ctx context.Context, slug string) (int64, error) {
				o, err := ids.OrganisationBySlug(ctx, slug)
				if err != nil {
					return 0, err
				}
				return o.ID, nil
			}})
	}
	if d.Dossiers == nil {
		d.Dossiers = dossiers.New(db, dossiers.Options{})
	}
	if d.Backoffice == nil {
		d.Backoffice = backoffice.New(db, backoffice.Options{})
	}
	if d.Observatory == nil {
		procs := func(context.Context) ([]observatory.Procedure, error) { return nil, nil }
		if d.Catalogue != nil {
			procs = observatory.FromCatalogue(d.Catalogue, forms.New(db, forms.Options{}).OnlineSlugs)
		}
		d.Observatory = observatory.New(db, observatory.Options{Procedures: procs, Listening: d.Listening, Figures: d.Backoffice})
	}
	if d.Rights == nil && d.Catalogue != nil {
		d.Rights = rights.New(db, rights.Options{Catalogue: d.Catalogue,
			Profile: profile.New(db, profile.Options{Box: testkit.Box(t)}), Consent: consent.New(db, consent.Options{}),
			Mediation: mediation.New(db, mediation.Options{Key: testkit.Key()}), AccessLog: accesslog.New(db, accesslog.Options{}),
			Notify: d.Notify})
	}
	return d
}
