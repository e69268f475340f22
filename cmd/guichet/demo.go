package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/demo"
)

// demoCmd runs `guichet demo generate`: the demo, then as many generated
// people, dossiers and feedback answers as asked, to measure the pages and
// the size of the database at the scale of a national service.
func demoCmd(ctx context.Context, args []string, e env) error {
	c := newCommand("demo generate", "guichet demo generate [--dossiers N] [--feedback N] [options]",
		"Charge la démonstration puis y ajoute des usagers, des dossiers dans tous les états et des avis inventés, "+
			"pour mesurer les pages et la taille de la base. Ne le faites jamais sur une instance réelle.",
		config.Storage, e)
	if len(args) == 0 || args[0] != "generate" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			c.printUsage(e.stdout)
			return nil
		}
		return c.usageError("la seule sous-commande est « guichet demo generate »")
	}
	dossiers := c.intFlag("dossiers", 100_000, "nombre de dossiers à ajouter")
	feedback := c.intFlag("feedback", 100_000, "nombre d'avis à ajouter")
	seed := c.intFlag("seed", 1, "graine du hasard : la même graine donne les mêmes données")
	if err := c.parseNone(args[1:], e); err != nil {
		return err
	}
	if *dossiers < 0 || *feedback < 0 {
		return c.usageError("--dossiers et --feedback sont des nombres positifs")
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
	if err := a.LoadDemo(ctx, io.Discard); err != nil {
		return err
	}
	start := time.Now()
	rep, err := a.GenerateDemo(ctx, demo.GenerateOptions{Dossiers: *dossiers, Feedback: *feedback,
		Seed: uint64(*seed), Progress: e.stderr})
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(e.stdout, "%d usagers, %d dossiers, %d évènements, %d messages, %d avis en %.1f s\n",
		rep.People, rep.Dossiers, rep.Events, rep.Messages, rep.Feedback, took.Seconds())
	sizes, err := a.DossierTableBytes(ctx)
	if err != nil {
		return err
	}
	var dossierBytes, feedbackBytes, count, answers int64
	for _, s := range sizes {
		fmt.Fprintf(e.stdout, "%-26s %8.1f Mo\n", s.Table, float64(s.Bytes)/1e6)
		if strings.HasPrefix(s.Table, "listening_") {
			feedbackBytes += s.Bytes
		} else {
			dossierBytes += s.Bytes
		}
	}
	if err := a.DB.QueryRowContext(ctx, countDossiersSQL).Scan(&count); err != nil {
		return err
	}
	if err := a.DB.QueryRowContext(ctx, countFeedbackSQL).Scan(&answers); err != nil {
		return err
	}
	// Per million: bytes per row × 10^6 rows ÷ 10^9 bytes per Go.
	if count > 0 {
		fmt.Fprintf(e.stdout, "%d dossiers en base (avec leurs usagers, évènements et messages) : %.2f Go par million de dossiers (%s)\n",
			count, float64(dossierBytes)/float64(count)/1e3, a.DB.Dialect)
	}
	if answers > 0 {
		fmt.Fprintf(e.stdout, "%d avis en base : %.2f Go par million d'avis (%s)\n",
			answers, float64(feedbackBytes)/float64(answers)/1e3, a.DB.Dialect)
	}
	return nil
}

const (
	countDossiersSQL = `SELECT COUNT(*) FROM dossiers`
	countFeedbackSQL = `SELECT COUNT(*) FROM listening_feedback`
)
