package api

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"guichet/internal/database"
	"guichet/internal/notify"
	"guichet/internal/sms"
	"guichet/internal/testkit"
)

// newNotify is the notification service of API tests: SMS to an outbox.
func newNotify(t testing.TB, db *database.DB) *notify.Service {
	return notify.New(db, notify.Options{SMS: sms.NewOutbox(filepath.Join(t.TempDir(), "sms"), nil),
		Box: testkit.Box(t), Logger: slog.New(slog.DiscardHandler)})
}

// A receipt for a provider that is not the configured one is not found;
// the outbox sends no receipts.
func TestReceiptsRouteNeedsTheConfiguredProvider(t *testing.T) {
	t.Parallel()
	s := newPlacesAPI(t)
	for _, path := range []string{"/api/v1/notifications/receipts/brevo", "/api/v1/notifications/receipts/outbox"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
}
