package webhooks

import (
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

// FuzzCheckURL: whatever an administrator types, an accepted address is an
// absolute http(s) one without credentials, and, private addresses
// refused, never names this machine nor gives an address outside the
// Internet.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://si.caf.fr/x", "http://127.0.0.1/", "http://[::ffff:10.0.0.1]/", "http://0x7f.1/",
		"https://u:p@h/", "http://localhost./", "HTTP://LOCALHOST/", "http://[fe80::1%25eth0]/", "https://h:99999/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if checkURL(raw, false) != "" {
			return
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			t.Fatalf("accepted %q", raw)
		}
		host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
		if host == "localhost" || strings.HasSuffix(host, ".localhost") {
			t.Fatalf("accepted this machine's name in %q", raw)
		}
		if ip, err := netip.ParseAddr(host); err == nil && !public(ip) {
			t.Fatalf("accepted a private address in %q", raw)
		}
	})
}
