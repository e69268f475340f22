package main

import (
	"context"

	"guichet/internal/app"
	"guichet/internal/config"
)

// worker runs `guichet worker`: the background jobs without the site.
func worker(ctx context.Context, args []string, e env) error {
	c := newCommand("worker", "guichet worker [--once] [options]",
		"Exécute les tâches de fond (e-mails…) sans servir le site, jusqu'à l'arrêt (SIGINT ou SIGTERM).",
		config.Storage|config.Mail|config.Jobs, e)
	once := c.boolFlag("once", "exécute les tâches dues, puis s'arrête")
	if err := c.parseNone(args, e); err != nil {
		return err
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	if cfg.Workers == 0 && !*once {
		return c.usageError("--workers 0 ne lancerait aucun exécutant : donnez-en au moins 1 (2 par défaut)")
	}
	a, err := app.Open(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	if *once {
		// The sweeps first, so that the notices they enqueue go out now.
		a.Sweep(ctx)
		for {
			ran, err := a.Jobs.Work(ctx)
			if err != nil || !ran {
				return err
			}
		}
	}
	return a.RunWorker(ctx)
}
