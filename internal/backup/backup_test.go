package backup

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
)

// world is a database with its data folder, as an instance has them.
type world struct {
	db      *database.DB
	dataDir string
	url     string
}

func newWorld(t *testing.T) world {
	t.Helper()
	w := world{dataDir: t.TempDir(), url: dbtest.URL(t)}
	db, err := database.Open(context.Background(), w.url, w.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	w.db = db
	return w
}

func (w world) options() Options { return Options{DataDir: w.dataDir, DatabaseURL: w.url} }

// fill writes an organisation, people with dossiers and their events, and
// a file for each dossier in the files folder.
func fill(t *testing.T, w world, from, n int) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 9, 0, 0, 123456000, time.UTC)
	if _, err := w.db.ExecContext(ctx, `INSERT INTO organisations (slug, name, kind, created_at)
VALUES ('caf', 'CAF', 'administration', $1) ON CONFLICT (slug) DO NOTHING`, now); err != nil {
		t.Fatal(err)
	}
	var org int64
	if err := w.db.QueryRowContext(ctx, `SELECT id FROM organisations WHERE slug = 'caf'`).Scan(&org); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(w.dataDir, FilesName), 0o700)
	for i := from; i < from+n; i++ {
		var user, dossier int64
		err := w.db.QueryRowContext(ctx, `INSERT INTO users (email, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
			fmt.Sprintf("p%d@exemple.test", i), "Personne «"+fmt.Sprint(i)+"»", now).Scan(&user)
		if err == nil {
			err = w.db.QueryRowContext(ctx, `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version, state,
answers, created_at, updated_at) VALUES ($1, $2, 'rsa', $3, 1, 'en_construction', $4, $5, $5) RETURNING id`,
				fmt.Sprintf("REF%05d", i), user, org, `{"nom":{"text":"é`+fmt.Sprint(i)+`"}}`, now.Add(time.Duration(i)*time.Second)).Scan(&dossier)
		}
		if err == nil {
			_, err = w.db.ExecContext(ctx, `INSERT INTO dossier_files (dossier_id, name, content_type, size, sha256, stored_name, uploaded_at)
VALUES ($1, 'avis.pdf', 'application/pdf', 4, 'x', $2, $3)`, dossier, fmt.Sprintf("f%05d", i), now)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(w.dataDir, FilesName, fmt.Sprintf("f%05d", i)), []byte(fmt.Sprint("%PDF", i)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBackupWhileServingThenRestore copies an instance while a writer
// keeps adding dossiers, restores the copy elsewhere and finds every table
// with the rows and digest of the manifest, the files and the key; a
// change in the restored database then shows in Check.
func TestBackupWhileServingThenRestore(t *testing.T) {
	ctx := context.Background()
	src := newWorld(t)
	fill(t, src, 0, 60)
	if err := os.WriteFile(filepath.Join(src.dataDir, KeyName), []byte("clé de test\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if src.url != "" {
		if _, err := lookPath("", "pg_dump"); err != nil {
			t.Skip("pg_dump is not installed")
		}
	}
	// A writer keeps going while the copy is made.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	writing := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1000; ; i += 5 {
			select {
			case <-stop:
				return
			default:
			}
			fill(t, src, i, 5)
			if i == 1000 {
				close(writing)
			}
		}
	}()
	<-writing // the copy starts while rows are being written, not before
	out := filepath.Join(t.TempDir(), "sauvegarde")
	m, err := Create(ctx, src.db, out, src.options())
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if m.Tables["dossiers"].Rows < 60 || m.Files < 60 || !m.Key {
		t.Fatalf("manifest: %d dossiers, %d files, key %v", m.Tables["dossiers"].Rows, m.Files, m.Key)
	}

	dst := world{dataDir: t.TempDir(), url: restoreURL(t, src.url)}
	got, err := Restore(ctx, out, dst.options())
	if err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(ctx, dst.url, dst.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, err := Digest(ctx, db, db.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	if diff := Compare(got.Tables, tables); len(diff) > 0 {
		t.Fatalf("restored database differs: %v", diff)
	}
	var dossiers int64
	db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&dossiers)
	if dossiers != m.Tables["dossiers"].Rows {
		t.Errorf("restored %d dossiers, manifest says %d", dossiers, m.Tables["dossiers"].Rows)
	}
	// Every file a restored row names is there, with its bytes.
	rows, err := db.QueryContext(ctx, `SELECT stored_name FROM dossier_files`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		a, _ := os.ReadFile(filepath.Join(src.dataDir, FilesName, name))
		b, err := os.ReadFile(filepath.Join(dst.dataDir, FilesName, name))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("file %s: %v, %q want %q", name, err, b, a)
		}
	}
	rows.Close()
	if k, _ := os.ReadFile(filepath.Join(dst.dataDir, KeyName)); string(k) != "clé de test\n" {
		t.Errorf("key %q", k)
	}

	// One changed answer is a difference Check names.
	if _, err := db.ExecContext(ctx, `UPDATE dossiers SET answers = '{}' WHERE reference = 'REF00003'`); err != nil {
		t.Fatal(err)
	}
	diff, err := Check(ctx, db, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(diff) != 1 || diff[0].Table != "dossiers" || diff[0].Got.Rows != diff[0].Want.Rows {
		t.Errorf("Check after a change: %v", diff)
	}
}

// TestRestoreRefusesToOverwrite keeps an existing SQLite database unless
// told to replace it.
func TestRestoreRefusesToOverwrite(t *testing.T) {
	if os.Getenv(dbtest.EnvURL) != "" {
		t.Skip("SQLite only")
	}
	ctx := context.Background()
	src := newWorld(t)
	fill(t, src, 0, 3)
	out := filepath.Join(t.TempDir(), "b")
	if _, err := Create(ctx, src.db, out, src.options()); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(ctx, src.db, out, src.options()); err == nil || !strings.Contains(err.Error(), "pas vide") {
		t.Errorf("second backup into the same folder: %v", err)
	}
	if _, err := Restore(ctx, out, src.options()); err == nil || !strings.Contains(err.Error(), "existe déjà") {
		t.Errorf("restore over a database: %v", err)
	}
}

// restoreURL is "" on SQLite; on PostgreSQL a fresh database of the same
// server, with the source's schema on its search path (the dump holds that
// schema), dropped when the test ends.
func restoreURL(t *testing.T, src string) string {
	if src == "" {
		return ""
	}
	u, err := url.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", os.Getenv(dbtest.EnvURL))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("restore_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", os.Getenv(dbtest.EnvURL))
		if err == nil {
			a.Exec("DROP DATABASE " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	u.Path = "/" + name
	return u.String()
}
