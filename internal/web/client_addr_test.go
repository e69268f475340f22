package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// TestClientIP reads the address of the person from X-Forwarded-For only
// when the direct peer is a trusted proxy: anyone else could write any
// address there and escape the per-address limits.
func TestClientIP(t *testing.T) {
	s := &Server{Deps: Deps{Settings: Settings{TrustedProxies: []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}}}}
	tests := []struct {
		name, peer, forwarded, want string
	}{
		{"no proxy", "203.0.113.9:5000", "", "203.0.113.9"},
		{"spoofed by an untrusted peer", "203.0.113.9:5000", "198.51.100.1", "203.0.113.9"},
		{"trusted proxy", "10.1.2.3:5000", "198.51.100.1", "198.51.100.1"},
		{"trusted proxy over IPv6", "[::1]:5000", "198.51.100.1", "198.51.100.1"},
		{"spoof before the trusted proxy", "10.1.2.3:5000", "6.6.6.6, 198.51.100.1", "198.51.100.1"},
		{"chain of trusted proxies", "10.1.2.3:5000", "198.51.100.1, 10.9.9.9", "198.51.100.1"},
		{"header split in two", "10.1.2.3:5000", "6.6.6.6\n198.51.100.1", "198.51.100.1"},
		{"garbage from the proxy", "10.1.2.3:5000", "not-an-address", "10.1.2.3"},
		{"only proxies", "10.1.2.3:5000", "10.4.4.4", "10.4.4.4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for _, v := range splitLines(tt.forwarded) {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := s.clientIP(r); got != tt.want {
				t.Errorf("clientIP = %q, want %q", got, tt.want)
			}
		})
	}
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
