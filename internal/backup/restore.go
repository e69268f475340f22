package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"guichet/internal/database"
)

// Restore brings the backup in from back into the instance of opts: the
// database (on SQLite in place of DATA/guichet.db, which must not exist
// unless opts.Force, and which no server may have open; on PostgreSQL
// through pg_restore, replacing what the dump holds), the files and the
// secret key. It then opens the restored database and compares every
// table with the manifest; a difference is an error naming the tables.
func Restore(ctx context.Context, from string, opts Options) (Manifest, error) {
	m, err := ReadManifest(from)
	if err != nil {
		return m, err
	}
	if !m.Dumped {
		return m, errors.New("cette sauvegarde ne contient que le manifeste (pg_dump manquait) : restaurez la copie faite par ailleurs, puis vérifiez-la avec --check")
	}
	isPG := opts.DatabaseURL != ""
	if isPG != (m.Dialect == database.Postgres) {
		return m, fmt.Errorf("cette sauvegarde vient de %s : restaurez-la sur la même sorte de base", m.Dialect)
	}
	if err := os.MkdirAll(opts.DataDir, 0o700); err != nil {
		return m, err
	}
	if err := restoreKey(from, opts); err != nil {
		return m, err
	}
	if isPG {
		err = restorePostgres(ctx, from, opts)
	} else {
		err = restoreSQLite(from, opts)
	}
	if err != nil {
		return m, err
	}
	if _, _, err := copyFiles(filepath.Join(from, FilesName), filepath.Join(opts.DataDir, FilesName), false); err != nil {
		return m, err
	}
	db, err := database.Open(ctx, opts.DatabaseURL, opts.DataDir)
	if err != nil {
		return m, err
	}
	defer db.Close()
	got, err := Digest(ctx, db, db.Dialect)
	if err != nil {
		return m, err
	}
	if diff := Compare(m.Tables, got); len(diff) > 0 {
		return m, fmt.Errorf("la base restaurée diffère de la sauvegarde : %v", diff)
	}
	return m, nil
}

// restoreKey puts the backup's secret key in place. An instance that has
// another key keeps it unless Force: the sealed fields of the backup open
// only with the key they were sealed with.
func restoreKey(from string, opts Options) error {
	want, err := os.ReadFile(filepath.Join(from, KeyName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // the key is given by GUICHET_SECRET_KEY, outside the data folder
	}
	if err != nil {
		return err
	}
	target := filepath.Join(opts.DataDir, KeyName)
	have, err := os.ReadFile(target)
	if err == nil && string(have) != string(want) && !opts.Force {
		return fmt.Errorf("%s existe avec une autre clé : ajoutez --force pour la remplacer par celle de la sauvegarde", target)
	}
	_, err = copyFile(filepath.Join(from, KeyName), target, true)
	return err
}

// restoreSQLite copies the backup's database in place of DATA/guichet.db,
// removing the WAL and shared-memory files of the replaced one.
func restoreSQLite(from string, opts Options) error {
	target := filepath.Join(opts.DataDir, SQLiteName)
	if _, err := os.Stat(target); err == nil && !opts.Force {
		return fmt.Errorf("%s existe déjà : arrêtez le serveur et ajoutez --force pour la remplacer", target)
	}
	for _, p := range []string{target + "-wal", target + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	_, err := copyFile(filepath.Join(from, SQLiteName), target, true)
	return err
}
