// Command oidctest serves strict test identity providers for the browser
// journeys: one playing FranceConnect v2 and one playing ProConnect, from
// internal/identity/oidctest. It prints their issuers, one a line
// ("franceconnect URL", "proconnect URL"), and runs until stopped.
// Never point a real Guichet at it: it signs anyone in as Camille Martin.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"guichet/internal/identity/oidctest"
)

func main() {
	base := flag.String("guichet", "http://127.0.0.1:8080", "Guichet's public address, for the registered return addresses")
	flag.Parse()
	for _, mode := range []string{"franceconnect", "proconnect"} {
		path := "/connexion/oidc"
		if mode == "proconnect" {
			path = "/connexion/proconnect"
		}
		p, err := oidctest.Start(oidctest.Options{Mode: mode, PathPrefix: "/api/v2",
			RedirectURI: *base + path + "/retour", PostLogoutRedirectURI: *base + "/deconnexion/retour"})
		if err != nil {
			fmt.Fprintln(os.Stderr, "oidctest:", err)
			os.Exit(1)
		}
		if mode == "proconnect" {
			// The demo agent of the CAF, signed in with multi-factor.
			p.Set(map[string]any{"sub": "agent-caf", "email": "alex.durand@caf.test", "given_name": "Alex",
				"usual_name": "Durand", "siret": "12345678900011", "uid": "agent-caf", "idp_id": "fia1",
				"organization_label": "Caisse d'allocations familiales du Rhône"})
			p.ACR = "eidas1-mfa"
		}
		defer p.Close()
		fmt.Printf("%s %s\n", mode, p.Issuer)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
