package main

import (
	"context"

	"guichet/internal/app"
	"guichet/internal/config"
)

// serve runs `guichet serve`: the site, and the background jobs unless
// --workers 0 leaves them to `guichet worker`.
func serve(ctx context.Context, args []string, e env) error {
	c := newCommand("serve", "guichet serve [options]",
		"Sert le site et, sauf avec --workers 0, exécute les tâches de fond (e-mails…).\n"+
			"Sans --demo, les comptes de démonstration qu'une démonstration aurait laissés sont désactivés.",
		config.All, e)
	if err := c.parseNone(args, e); err != nil {
		return err
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Listen(); err != nil {
		return err
	}
	if cfg.Demo {
		err = a.LoadDemo(ctx, e.stdout)
	} else {
		err = a.EndDemo(ctx)
	}
	if err != nil {
		return err
	}
	return a.Run(ctx)
}
