package api

import (
	"testing"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/database"
	"guichet/internal/dossiers"
	"guichet/internal/identity"
	"guichet/internal/listening"
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
	if d.Dossiers == nil {
		d.Dossiers = dossiers.New(db, dossiers.Options{})
	}
	if d.Backoffice == nil {
		d.Backoffice = backoffice.New(db, backoffice.Options{})
	}
	return d
}
