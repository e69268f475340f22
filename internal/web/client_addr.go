package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientIP is the address of the person making r, used for the limits per
// address and shown in the account's sessions. It is the direct peer,
// unless the peer is one of the configured trusted proxies: then it is the
// last address of X-Forwarded-For that is not itself a trusted proxy. The
// addresses left of it were written by the client and prove nothing, so a
// header sent by anyone else is ignored.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !s.trustedProxy(peer) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		client = a.Unmap()
		if !s.trustedProxy(client) {
			break
		}
	}
	return client.String()
}

func (s *Server) trustedProxy(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.Settings.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
