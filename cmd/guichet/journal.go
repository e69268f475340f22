package main

import (
	"context"
	"fmt"

	"guichet/internal/accesslog"
	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/mediation"
)

// journalCmd runs `guichet journal verify` on the storage alone: it walks
// the hash chains of the mediation journal and of the access log, with no key and no web server,
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

// journalVerify checks each hash-chained journal, the mandate journal and
// the access log, and prints one line for each: "<journal>: N entries,
// chain intact", or "<journal>: N entries, chain broken at entry S: why".
// It exits 1 when either is broken.
func journalVerify(ctx context.Context, args []string, e env) error {
	c := newCommand("journal verify", "guichet journal verify [options]",
		"Vérifie la chaîne du journal des mandats et celle du journal des accès aux données : chaque entrée doit porter l'empreinte de la précédente et la sienne.",
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
	mandates, err := mediation.VerifyJournal(ctx, st.DB)
	if err != nil {
		return err
	}
	access, err := accesslog.Verify(ctx, st.DB)
	if err != nil {
		return err
	}
	// A typed nil *Break in an error would not be nil: set only the broken ones.
	var mandatesBroken, accessBroken error
	if mandates.Broken != nil {
		mandatesBroken = mandates.Broken
	}
	if access.Broken != nil {
		accessBroken = access.Broken
	}
	broken := false
	for _, j := range []struct {
		name    string
		entries int64
		broken  error
	}{{"mandate journal", mandates.Entries, mandatesBroken}, {"access log", access.Entries, accessBroken}} {
		if j.broken != nil {
			broken = true
			fmt.Fprintf(e.stdout, "%s: %d entries, chain broken at %v\n", j.name, j.entries, j.broken)
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %d entries, chain intact\n", j.name, j.entries)
	}
	if broken {
		return exitStatus(1)
	}
	return nil
}
