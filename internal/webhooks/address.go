package webhooks

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// maxURL bounds the length of an endpoint's address.
const maxURL = 2000

// checkURL returns the problem with raw as an endpoint's address, in
// French for the form, or "" when it is fine: an absolute http(s) address
// without user or password, and, unless private addresses are allowed,
// not a name or an address of this machine or of a private network.
// Names are not resolved here (the dialler checks what they resolve to at
// each try), so that registering works whatever the DNS says today.
func checkURL(raw string, allowPrivate bool) string {
	if raw == "" {
		return "Donnez l'adresse qui recevra les évènements, par exemple https://si.exemple.fr/guichet/webhooks."
	}
	if len(raw) > maxURL {
		return fmt.Sprintf("L'adresse est trop longue : %d caractères au plus.", maxURL)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "" {
		return "L'adresse doit commencer par https:// (ou http://) suivi du nom du serveur, par exemple https://si.exemple.fr/guichet/webhooks."
	}
	if u.User != nil {
		return "Retirez le nom d'utilisateur et le mot de passe de l'adresse : les envois sont signés, le destinataire vérifie la signature."
	}
	if u.Fragment != "" {
		return "Retirez la partie après # de l'adresse : elle n'est jamais envoyée au serveur."
	}
	if allowPrivate {
		return ""
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return privateMessage
	}
	if ip, err := netip.ParseAddr(host); err == nil && !public(ip) {
		return privateMessage
	}
	return ""
}

const privateMessage = "Cette adresse est celle d'une machine locale ou d'un réseau privé : Guichet n'y envoie rien. Donnez une adresse publique du système qui recevra les évènements."

// errPrivate is the error of a try whose address resolved inside a
// private network.
var errPrivate = errors.New("adresse d'un réseau privé ou de cette machine : refusée")

// nonPublic are ranges that netip's predicates do not cover and that no
// receiver on the Internet uses: shared address space (carrier-grade
// NAT), IETF protocol assignments, benchmarking, reserved, the IPv6
// translation prefixes that embed an IPv4 address, and documentation.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("2002::/16"),
}

// public tells whether ip is an address on the Internet, neither this
// machine, nor a private, link-local (cloud metadata at 169.254.169.254),
// multicast or reserved one.
func public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// newClient returns the HTTP client of deliveries. Its dialler checks the
// address each connection actually goes to, after name resolution, so a
// name that resolves (or is made to resolve, later) to a private address
// is refused as a literal one is. It uses no proxy (a proxy would dial
// for it, unchecked) and follows no redirect: a 3xx is a failed try.
func newClient(timeout time.Duration, allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: timeout, Control: func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !public(ap.Addr()) {
			return errPrivate
		}
		return nil
	}}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: transport, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
