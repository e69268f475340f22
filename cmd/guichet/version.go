package main

import (
	"context"
	"fmt"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// versionCmd runs `guichet version`.
func versionCmd(_ context.Context, args []string, e env) error {
	c := newCommand("version", "guichet version", "Affiche la version de Guichet.", 0, e)
	if err := c.parseNone(args, e); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "guichet", version)
	return nil
}
