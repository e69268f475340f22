package app

import (
	"net/http"
	"time"

	"guichet/internal/config"
	"guichet/internal/sms"
)

// smsConfig turns the SMS settings into the sms package's configuration.
// callbackPath is the route that takes delivery receipts (the notify module
// mounts it); Brevo is given BaseURL+callbackPath with each message, and an
// SMSFactor operator enters the same address with "?secret=…" in its
// dashboard.
func smsConfig(c config.Config, callbackPath string) sms.Config {
	cfg := sms.Config{
		Provider: c.SMSProvider, DataDir: c.DataDir, APIKey: c.SMSAPIKey, Sender: c.SMSSender,
		BaseURL: c.SMSBaseURL, CallbackSecret: c.SMSCallbackSecret,
		HTTPClient: &http.Client{Timeout: 15 * time.Second},
	}
	if callbackPath != "" && cfg.Provider != sms.ProviderOutbox && cfg.Provider != "" {
		cfg.CallbackURL = c.BaseURL + callbackPath
	}
	return cfg
}

// newSMSProvider builds the configured SMS provider.
func newSMSProvider(c config.Config, callbackPath string) (sms.Provider, error) {
	return sms.New(smsConfig(c, callbackPath))
}
