package main

import (
	"context"
	"fmt"
	"strings"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/webhooks"
)

// webhookCmd runs `guichet webhook create`: an endpoint of an
// organisation registered by the operator. Its secret is printed once.
func webhookCmd(ctx context.Context, args []string, e env) error {
	var names []string
	for _, t := range webhooks.EventTypes() {
		names = append(names, t.Name)
	}
	c := newCommand("webhook create", "guichet webhook create --org SLUG --url URL [--events E1,E2] [options]",
		"Enregistre un point de réception des webhooks d'une organisation et affiche son secret (whsec_…) une seule fois :\n"+
			"le logiciel qui reçoit s'en sert pour vérifier la signature des envois (norme Standard Webhooks).\n"+
			"Un administrateur de l'organisation voit ses envois, le désactive ou le supprime sur /espace/SLUG/webhooks.",
		config.Storage, e)
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			c.printUsage(e.stdout)
			return nil
		}
		return c.usageError("la seule sous-commande est « guichet webhook create »")
	}
	org := c.stringFlag("org", "organisation (son identifiant court)")
	url := c.stringFlag("url", "adresse https qui recevra les évènements")
	events := c.stringFlag("events", "évènements, séparés par des virgules, parmi "+strings.Join(names, ", ")+
		" (par défaut tous ceux des dossiers)")
	if err := c.parseNone(args[1:], e); err != nil {
		return err
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	st, err := app.OpenStorage(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	o, err := st.Identity().OrganisationBySlug(ctx, *org)
	if err != nil {
		return err
	}
	chosen := []string{*events}
	if strings.TrimSpace(*events) == "" {
		chosen = []string{webhooks.DossierSubmitted, webhooks.DossierStateChanged, webhooks.DossierMessage, webhooks.DossierCorrected}
	}
	secret, _, err := st.Webhooks().Create(ctx, 0, o.ID, *url, chosen)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, secret)
	return nil
}
