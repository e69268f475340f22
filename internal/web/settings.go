package web

import "strings"

// Settings are the few settings of the configuration that the pages use.
// internal/app fills them from config.Config, which web does not import, so
// that a page cannot come to depend on a setting without it being said here.
type Settings struct {
	// BaseURL is the public address, like "https://guichet.example"; https
	// turns on secure cookies and HSTS.
	BaseURL string
}

// TLS tells whether Guichet is served over https.
func (s Settings) TLS() bool { return strings.HasPrefix(s.BaseURL, "https://") }
