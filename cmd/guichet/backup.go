package main

import (
	"context"
	"errors"
	"fmt"

	"guichet/internal/app"
	"guichet/internal/backup"
	"guichet/internal/config"
	"guichet/internal/database"
)

// backupCmd runs `guichet backup --out DOSSIER`: a consistent copy of the
// database, the dossiers' files and the secret key, while servers go on.
func backupCmd(ctx context.Context, args []string, e env) error {
	c := newCommand("backup", "guichet backup --out DOSSIER [options]",
		"Copie la base de données, les pièces jointes et la clé secrète dans un dossier nouveau, avec un manifeste "+
			"(nombre de lignes et empreinte de chaque table), pendant que les serveurs continuent. "+
			"SQLite : VACUUM INTO. PostgreSQL : pg_dump sur un instantané. Gardez la copie en lieu sûr : elle contient la clé.",
		config.Storage, e)
	out := c.stringFlag("out", "dossier de la sauvegarde (nouveau ou vide)")
	if err := c.parseNone(args, e); err != nil {
		return err
	}
	if *out == "" {
		return c.usageError("indiquez --out DOSSIER")
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
	m, err := backup.Create(ctx, st.DB, *out, backup.Options{DataDir: cfg.DataDir, DatabaseURL: cfg.DatabaseURL})
	if errors.Is(err, backup.ErrNoPgDump) {
		fmt.Fprintf(e.stdout, "manifeste écrit dans %s (%d tables), sans copie de la base\n", *out, len(m.Tables))
		return err
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sauvegarde dans %s : %d tables, %d lignes, %d pièces jointes (%.1f Mo)%s\n",
		*out, len(m.Tables), rowsOf(m), m.Files, float64(m.FileBytes)/1e6, keyNote(m))
	return nil
}

// restoreCmd runs `guichet restore --from DOSSIER`: the backup back in
// place, checked against its manifest; --check compares only.
func restoreCmd(ctx context.Context, args []string, e env) error {
	c := newCommand("restore", "guichet restore --from DOSSIER [--force | --check] [options]",
		"Remet en place une sauvegarde de guichet backup (base, pièces jointes, clé) puis compare chaque table au manifeste. "+
			"Sur SQLite, arrêtez d'abord les serveurs. Avec --check, compare seulement la base actuelle à la sauvegarde.",
		config.Storage, e)
	from := c.stringFlag("from", "dossier de la sauvegarde")
	force := c.boolFlag("force", "remplace la base SQLite et la clé existantes")
	check := c.boolFlag("check", "compare la base actuelle au manifeste de la sauvegarde, sans rien changer")
	if err := c.parseNone(args, e); err != nil {
		return err
	}
	if *from == "" {
		return c.usageError("indiquez --from DOSSIER")
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	if *check {
		db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
		if err != nil {
			return err
		}
		defer db.Close()
		diff, err := backup.Check(ctx, db, *from)
		if err != nil {
			return err
		}
		for _, d := range diff {
			fmt.Fprintln(e.stdout, d)
		}
		if len(diff) > 0 {
			return exitStatus(1)
		}
		fmt.Fprintln(e.stdout, "la base est identique à la sauvegarde")
		return nil
	}
	m, err := backup.Restore(ctx, *from, backup.Options{DataDir: cfg.DataDir, DatabaseURL: cfg.DatabaseURL, Force: *force})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sauvegarde du %s restaurée : %d tables, %d lignes, identiques au manifeste\n",
		m.At.Format("2006-01-02 15:04:05 MST"), len(m.Tables), rowsOf(m))
	return nil
}

func rowsOf(m backup.Manifest) int64 {
	var n int64
	for _, t := range m.Tables {
		n += t.Rows
	}
	return n
}

func keyNote(m backup.Manifest) string {
	if m.Key {
		return ", clé secrète comprise"
	}
	return ", sans clé (donnée par GUICHET_SECRET_KEY : gardez-la à part)"
}
