package places

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

// importNow is the instant the tests import at.
var importNow = time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportRealFiles(t *testing.T) {
	tests := []struct {
		file        string
		format      Format
		minImported int
		maxRejected int
	}{
		{"exemple-valide-v1.csv", V1CSV, 1, 0},
		{"conseillers-numeriques-lieux-2023.json", CartographieJSON, 2700, 5},
		{"france-services-2022-12.csv", FranceServicesCSV, 2640, 40},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := dbtest.Open(t)
			data := readTestdata(t, tt.file)
			first, err := Import(ctx, db, bytes.NewReader(data), tt.format, importNow)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			t.Logf("%s: first run %s, %d warnings", tt.file, first, len(first.Warnings))
			for i, r := range first.Rejections {
				if i < 5 {
					t.Logf("rejection: %s", r)
				}
			}
			if first.Imported < tt.minImported || first.Rejected > tt.maxRejected || first.Updated != 0 {
				t.Errorf("first run = %s, want at least %d imported, at most %d rejected, none updated", first, tt.minImported, tt.maxRejected)
			}
			second, err := Import(ctx, db, bytes.NewReader(data), tt.format, importNow.Add(time.Hour))
			if err != nil {
				t.Fatalf("second Import: %v", err)
			}
			t.Logf("%s: second run %s", tt.file, second)
			if second.Imported != 0 || second.Updated != first.Imported || second.Rejected != first.Rejected {
				t.Errorf("second run = %s, want imported 0, updated %d, rejected %d", second, first.Imported, first.Rejected)
			}
			var n int
			if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM places`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != first.Imported {
				t.Errorf("places in the table = %d, want %d", n, first.Imported)
			}
		})
	}
}
