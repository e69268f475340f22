package backup

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"guichet/internal/database"
)

// The parts of a backup folder.
const (
	ManifestName = "manifest.json"
	SQLiteName   = "guichet.db"
	DumpName     = "guichet.dump" // pg_dump's custom format
	FilesName    = "files"
	KeyName      = "secret.key"
)

// Options say where an instance keeps what a backup copies.
type Options struct {
	// DataDir holds the SQLite database, the files folder and secret.key.
	DataDir string
	// DatabaseURL is the PostgreSQL database (postgres://…), "" on SQLite.
	DatabaseURL string
	// PgDump and PgRestore are the commands, looked up in PATH when "".
	PgDump, PgRestore string
	// Force lets Restore replace an existing SQLite database and key.
	Force bool
	Now   func() time.Time
}

// Manifest describes a backup: when, from which database, and every
// table's row count and digest at the moment of the copy.
type Manifest struct {
	At      time.Time        `json:"at"`
	Dialect database.Dialect `json:"dialect"`
	// Files and FileBytes count the dossiers' files copied.
	Files     int              `json:"files"`
	FileBytes int64            `json:"file_bytes"`
	Key       bool             `json:"secret_key"`
	Tables    map[string]Table `json:"tables"`
	// Dumped is false when pg_dump was missing: the manifest is then the
	// check of a copy made by other means.
	Dumped bool `json:"dumped"`
}

// ErrNoPgDump says that pg_dump is not installed: Create then wrote the
// manifest only, and its error carries what to do.
var ErrNoPgDump = errors.New("pg_dump introuvable")

const vacuumIntoSQL = `VACUUM INTO $1`

// Create copies db, the files folder and the secret key into the folder
// out (created; it must be empty), while the instance keeps serving, and
// writes the manifest of the copied state.
func Create(ctx context.Context, db *database.DB, out string, opts Options) (Manifest, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := Manifest{At: opts.Now().UTC(), Dialect: db.Dialect}
	if err := emptyDir(out); err != nil {
		return m, err
	}
	var err error
	if db.Dialect == database.Postgres {
		err = dumpPostgres(ctx, db, out, opts, &m)
	} else {
		err = copySQLite(ctx, db, out, &m)
	}
	if err != nil && !errors.Is(err, ErrNoPgDump) {
		return m, err
	}
	// Files after the database: a file uploaded meanwhile is copied without
	// its row, which is harmless; a row copied finds its file.
	if m.Files, m.FileBytes, err = copyFiles(filepath.Join(opts.DataDir, FilesName), filepath.Join(out, FilesName), false); err != nil {
		return m, err
	}
	if m.Key, err = copyFile(filepath.Join(opts.DataDir, KeyName), filepath.Join(out, KeyName), false); err != nil {
		return m, err
	}
	if werr := writeManifest(out, m); werr != nil {
		return m, werr
	}
	if !m.Dumped && db.Dialect == database.Postgres {
		return m, fmt.Errorf("%w : %s", ErrNoPgDump, pgGuidance)
	}
	return m, nil
}

// copySQLite writes a snapshot of the database with VACUUM INTO, which
// reads in one transaction while writers go on, then digests the copy
// itself: the manifest describes exactly what was copied.
func copySQLite(ctx context.Context, db *database.DB, out string, m *Manifest) error {
	path := filepath.Join(out, SQLiteName)
	if _, err := db.ExecContext(ctx, vacuumIntoSQL, path); err != nil {
		return fmt.Errorf("copie de la base : %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return err
	}
	cp, err := openCopy(ctx, path)
	if err != nil {
		return err
	}
	defer cp.Close()
	m.Tables, err = Digest(ctx, cp, database.SQLite)
	m.Dumped = err == nil
	return err
}

// openCopy opens a copied SQLite file read-only, so that reading it leaves
// it byte for byte as it was.
func openCopy(ctx context.Context, path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ouvrir la copie %s : %w", path, err)
	}
	return db, nil
}

func writeManifest(dir string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestName), append(b, '\n'), 0o600)
}

// ReadManifest reads the manifest of the backup in dir.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m, fmt.Errorf("ce dossier n'est pas une sauvegarde de Guichet : %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("manifeste illisible : %w", err)
	}
	return m, nil
}

// Check compares db with the manifest of the backup in dir: nothing when
// every table holds the same rows.
func Check(ctx context.Context, db *database.DB, dir string) ([]Difference, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	got, err := Digest(ctx, db, db.Dialect)
	if err != nil {
		return nil, err
	}
	return Compare(m.Tables, got), nil
}
