package main

import (
	"context"
	"fmt"

	"guichet/internal/app"
	"guichet/internal/config"
)

// migrate runs `guichet migrate`: it opens the storage, which applies the
// migrations, and nothing else.
func migrate(ctx context.Context, args []string, e env) error {
	c := newCommand("migrate", "guichet migrate [options]",
		"Met à jour le schéma de la base de données (serve et worker le font aussi au démarrage).",
		config.Storage, e)
	if err := c.parseNone(args, e); err != nil {
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
	fmt.Fprintf(e.stdout, "la base de données %s (%s) est à jour\n", st.DB.Source, st.DB.Dialect)
	return nil
}
