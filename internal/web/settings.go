package web

import (
	"net/netip"
	"strings"
)

// Settings are the few settings of the configuration that the pages use.
// internal/app fills them from config.Config, which web does not import, so
// that a page cannot come to depend on a setting without it being said here.
type Settings struct {
	// BaseURL is the public address, like "https://guichet.example"; https
	// turns on secure cookies and HSTS.
	BaseURL string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// tells the address of the person (see clientIP).
	TrustedProxies []netip.Prefix
}

// TLS tells whether Guichet is served over https.
func (s Settings) TLS() bool { return strings.HasPrefix(s.BaseURL, "https://") }
