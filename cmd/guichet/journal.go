package main

import (
	"context"
	"fmt"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/mediation"
)

// journalCmd runs `guichet journal verify` on the storage alone: it walks
// the hash chain of the mediation journal, with no key and no web server,
// so that anyone holding a copy of the database can check it.
func journalCmd(ctx context.Context, args []string, e env) error {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "verify":
		return journalVerify(ctx, args, e)
	case "--help", "-h", "help":
		fmt.Fprint(e.stdout, journalUsage)
		return nil
	case "":
		return usageError{cmd: "journal", msg: "indiquez verify"}
	}
	return usageError{cmd: "journal", msg: fmt.Sprintf("commande inconnue « %s » : indiquez verify", sub)}
}

const journalUsage = `Utilisation :
  guichet journal verify [options]

« guichet journal verify --help » détaille les options.
`

// journalVerify prints "N entries, chain intact" and exits 0, or names the
// first broken entry and exits 1.
func journalVerify(ctx context.Context, args []string, e env) error {
	c := newCommand("journal verify", "guichet journal verify [options]",
		"Vérifie la chaîne du journal des mandats : chaque entrée doit porter l'empreinte de la précédente et la sienne.",
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
	v, err := mediation.VerifyJournal(ctx, st.DB)
	if err != nil {
		return err
	}
	if v.Broken != nil {
		fmt.Fprintf(e.stdout, "%d entries, chain broken at %v\n", v.Entries, v.Broken)
		return exitStatus(1)
	}
	fmt.Fprintf(e.stdout, "%d entries, chain intact\n", v.Entries)
	return nil
}
