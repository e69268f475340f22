package database_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
)

func TestCheckKeyFingerprint(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	if err := db.CheckKeyFingerprint(ctx, "aaaa"); err != nil {
		t.Fatalf("first start: %v", err)
	}
	if err := db.CheckKeyFingerprint(ctx, "aaaa"); err != nil {
		t.Fatalf("same key again: %v", err)
	}
	if err := db.CheckKeyFingerprint(ctx, "bbbb"); !errors.Is(err, database.ErrOtherKey) {
		t.Fatalf("another key: got %v, want ErrOtherKey", err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM instance`).Scan(&n); err != nil || n != 1 {
		t.Errorf("instance rows: %d (%v), want 1", n, err)
	}
}

func TestSQLiteFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	db, err := database.Open(ctx, "", data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A write makes SQLite create the WAL and shared-memory files.
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{data: 0o700}
	for _, name := range []string{"guichet.db", "guichet.db-wal", "guichet.db-shm"} {
		want[filepath.Join(data, name)] = 0o600
	}
	for path, mode := range want {
		info, err := os.Stat(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if got := info.Mode().Perm(); got != mode {
			t.Errorf("%s: mode %04o, want %04o", filepath.Base(path), got, mode)
		}
	}
}

func TestSQLiteTightensAnOpenDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	path := filepath.Join(t.TempDir(), "guichet.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := database.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("an existing database readable by others stays %04o, want 0600", info.Mode().Perm())
	}
}
