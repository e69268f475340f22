package main

import (
	"context"
	"fmt"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/identity"
)

// tokenCmd runs `guichet token create`: an organisation's API token made by
// the operator, for instance the observatory's before it has an
// administrator on the site. The secret is printed once.
func tokenCmd(ctx context.Context, args []string, e env) error {
	c := newCommand("token create", "guichet token create --org SLUG --name NOM [--read-only] [options]",
		"Crée un jeton d'API pour une organisation et l'affiche une seule fois : gardez-le en lieu sûr.\n"+
			"Il s'envoie dans l'en-tête « Authorization: Bearer JETON ». Un administrateur de l'organisation peut le retirer sur /espace/SLUG/jetons.",
		config.Storage, e)
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			c.printUsage(e.stdout)
			return nil
		}
		return c.usageError("la seule sous-commande est « guichet token create »")
	}
	org := c.stringFlag("org", "organisation (son identifiant court)")
	name := c.stringFlag("name", "nom du jeton, qui dit à quoi il sert")
	readOnly := c.boolFlag("read-only", "jeton en lecture seule : il lit les dossiers et ne peut rien changer")
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
	secret, _, err := st.Identity().CreateAPITokenFromCommandLine(ctx, *org, identity.APITokenSpec{Name: *name, ReadOnly: *readOnly})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, secret)
	return nil
}
