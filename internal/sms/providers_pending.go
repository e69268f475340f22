package sms

import "fmt"

func newSMSFactor(cfg Config) (Provider, error) {
	return nil, fmt.Errorf("sms: smsfactor is being written")
}

func newBrevo(cfg Config) (Provider, error) {
	return nil, fmt.Errorf("sms: brevo is being written")
}
