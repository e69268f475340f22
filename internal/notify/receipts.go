package notify

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"guichet/internal/errs"
	"guichet/internal/sms"
)

// ProviderName is the configuration name of the SMS provider, which the
// URL of its delivery receipts carries; "" when none is configured.
func (s *Service) ProviderName() string {
	if s.sms == nil {
		return ""
	}
	return s.sms.Name()
}

// A receipt moves a message on only from a status that is not settled, so
// that a late "sending" never undoes a "delivered", and receipts arriving
// twice or out of order change nothing.
const receiptSQL = `UPDATE notify_messages SET status = $1, updated_at = $2
WHERE (provider_id = $3 AND $3 <> '' OR idempotency_key = $4 AND $4 <> '')
AND status IN ('created', 'sending', 'temporary-failure')`

// Receipts reads a delivery-receipt callback of the provider named
// provider (the last segment of its URL), checks it comes from the provider
// and records the statuses it carries. It returns how many messages changed.
// An unauthenticated callback is errs.Unauthorized and changes nothing.
func (s *Service) Receipts(ctx context.Context, provider string, r *http.Request) (int, error) {
	if s.sms == nil || provider != s.sms.Name() {
		return 0, errs.E(errs.NotFound, "Ce fournisseur n'est pas configuré.")
	}
	receipts, err := s.sms.Receipts(r)
	switch {
	case errors.Is(err, sms.ErrUnauthenticated):
		return 0, errs.Wrap(errs.Unauthorized, "Accusé de réception non authentifié.", err)
	case errors.Is(err, sms.ErrNoReceipts):
		return 0, errs.Wrap(errs.NotFound, "Ce fournisseur n'envoie pas d'accusé de réception.", err)
	case err != nil:
		return 0, errs.Wrap(errs.Invalid, "Accusé de réception illisible.", err)
	}
	return s.applyReceipts(ctx, receipts)
}

func (s *Service) applyReceipts(ctx context.Context, receipts []sms.Receipt) (int, error) {
	changed := 0
	for _, rc := range receipts {
		switch string(rc.Status) {
		case StatusSending, StatusDelivered, StatusPermanentFailure, StatusTemporaryFailure, StatusTechnicalFailure:
		default:
			s.log.Warn("notify: receipt with an unknown status", "provider_id", rc.ProviderID, "status", rc.Status)
			continue
		}
		res, err := s.db.ExecContext(ctx, receiptSQL, string(rc.Status), s.now(), rc.ProviderID, rc.Key)
		if err != nil {
			return changed, fmt.Errorf("record receipt %s: %w", rc.ProviderID, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changed += int(n)
		}
	}
	return changed, nil
}
