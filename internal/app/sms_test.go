package app

import (
	"os"
	"path/filepath"
	"testing"

	"guichet/internal/config"
	"guichet/internal/sms"
)

func TestSMSProviderFromSettings(t *testing.T) {
	data := t.TempDir()
	c, err := config.Parse("serve", []string{"--data", data}, func(string) string { return "" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newSMSProvider(c, "/sms/accuses")
	if err != nil || p.Name() != sms.ProviderOutbox {
		t.Fatalf("default provider = %v, %v", p, err)
	}
	if _, err := p.Send(t.Context(), sms.Message{Key: "k", To: "+33612345678", Body: "Bonjour"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(data, "outbox", "sms", "k.json")); err != nil {
		t.Errorf("the outbox is not DATA/outbox/sms: %v", err)
	}

	c, err = config.Parse("serve", []string{"--sms-provider", "brevo", "--sms-api-key", "key", "--sms-callback-secret",
		"0123456789abcdef", "--base-url", "https://guichet.example"}, func(string) string { return "" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := smsConfig(c, "/sms/accuses")
	if cfg.Provider != "brevo" || cfg.APIKey != "key" || cfg.Sender != "Guichet" || cfg.CallbackSecret != "0123456789abcdef" ||
		cfg.CallbackURL != "https://guichet.example/sms/accuses" || cfg.HTTPClient == nil {
		t.Errorf("config = %+v", cfg)
	}
	if p, err := newSMSProvider(c, "/sms/accuses"); err != nil || p.Name() != sms.ProviderBrevo {
		t.Errorf("brevo provider = %v, %v", p, err)
	}
}
