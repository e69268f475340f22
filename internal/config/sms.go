package config

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// checkSMS checks the SMS settings. A real provider needs its API key and a
// callback secret: without the secret its delivery receipts could not be
// told from forged ones, and every message would stay "sending".
func (c *Config) checkSMS() error {
	switch c.SMSProvider {
	case "outbox":
	case "smsfactor", "brevo":
		if c.SMSAPIKey == "" {
			return fmt.Errorf("sms-api-key : le fournisseur %s demande sa clé d'API", c.SMSProvider)
		}
		if utf8.RuneCountInString(c.SMSCallbackSecret) < 16 {
			return fmt.Errorf("sms-callback-secret : le fournisseur %s demande un secret de 16 caractères au moins "+
				"pour authentifier ses accusés de réception (par exemple : openssl rand -hex 16)", c.SMSProvider)
		}
	default:
		return fmt.Errorf("sms-provider : « %s » n'est pas outbox, smsfactor ou brevo", c.SMSProvider)
	}
	if !validSender(c.SMSSender) {
		return fmt.Errorf("sms-sender : « %s » doit avoir 11 lettres ou chiffres au plus (ou 15 chiffres), sans accent", c.SMSSender)
	}
	if c.SMSBaseURL != "" {
		u, err := url.Parse(c.SMSBaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("sms-base-url : « %s » n'est pas une adresse http(s)", c.SMSBaseURL)
		}
	}
	return nil
}

// validSender is the rule operators apply to an alphanumeric sender: 3 to
// 11 ASCII letters, digits or spaces with at least one letter, or a number
// of up to 15 digits.
func validSender(s string) bool {
	if s == "" || strings.Trim(s, "0123456789") == "" {
		return len(s) > 0 && len(s) <= 15
	}
	if len(s) < 3 || len(s) > 11 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ' ') {
			return false
		}
	}
	return true
}
