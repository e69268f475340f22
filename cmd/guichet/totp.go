package main

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/identity"
)

// totp runs `guichet totp SECRET`: the code an authenticator app would
// show now, for the demo accounts whose secrets are public.
func totp(_ context.Context, args []string, e env) error {
	c := newCommand("totp", "guichet totp SECRET",
		"Affiche le code TOTP actuel d'un secret (pour les comptes de démonstration).", 0, e)
	rest, err := c.parse(args, e)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return c.usageError("indiquez un seul secret")
	}
	code, err := identity.TOTPCode(rest[0], time.Now())
	if err != nil {
		return fmt.Errorf("ce secret TOTP n'est pas valable : %w", err)
	}
	fmt.Fprintln(e.stdout, code)
	return nil
}
