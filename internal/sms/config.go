package sms

import (
	"fmt"
	"net/http"
	"path/filepath"
	"time"
)

// Config chooses and sets up the provider.
type Config struct {
	// Provider is "outbox" (the default), "smsfactor" or "brevo".
	Provider string
	// DataDir is the data directory; the outbox writes to DataDir/outbox/sms.
	DataDir string
	// APIKey is the provider's token (not used by the outbox).
	APIKey string
	// Sender is the default sender name ("Guichet" when empty).
	Sender string
	// BaseURL replaces the provider's public API address (tests point it at
	// the simulator).
	BaseURL string
	// CallbackSecret authenticates delivery receipts: the secret the
	// callback URL carries (or the bearer token, or the basic-auth password),
	// compared in constant time. Without one, every receipt is refused.
	CallbackSecret string
	// CallbackURL is Guichet's public address for delivery receipts, given
	// to providers that take it per message (Brevo's webUrl); the secret is
	// added to it. Providers configured in their dashboard (SMSFactor) are
	// given this address with "?secret=…" there by the operator.
	CallbackURL string
	// HTTPClient sends the requests; nil uses one with a 15 s timeout.
	HTTPClient *http.Client
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Provider names, as the configuration spells them.
const (
	ProviderOutbox    = "outbox"
	ProviderSMSFactor = "smsfactor"
	ProviderBrevo     = "brevo"
)

// New builds the provider cfg names.
func New(cfg Config) (Provider, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sender == "" {
		cfg.Sender = "Guichet"
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	switch cfg.Provider {
	case "", ProviderOutbox:
		if cfg.DataDir == "" {
			return nil, fmt.Errorf("sms: the outbox needs a data directory")
		}
		return NewOutbox(filepath.Join(cfg.DataDir, "outbox", "sms"), cfg.Now), nil
	case ProviderSMSFactor:
		return newSMSFactor(cfg)
	case ProviderBrevo:
		return newBrevo(cfg)
	}
	return nil, fmt.Errorf("sms: unknown provider %q (outbox, smsfactor or brevo)", cfg.Provider)
}
