package openinghours

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// placesDir holds the public data sets shared by the project, outside the
// module; tests that need them skip when they are absent.
var placesDir = filepath.Join("..", "..", "..", "shared", "data", "places")

// readPlacesFile returns a data file, or skips the test when it is absent.
func readPlacesFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(placesDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: %v", name, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// minParsedShare is the share of real conseillers numériques values that
// must parse. The rest are broken at the source ("Fr 09:30",
// "Mo 09:00-12:00-14:00") and must be refused, not guessed.
const minParsedShare = 0.98

func TestConseillersNumeriquesValues(t *testing.T) {
	var places []struct {
		Horaires string `json:"horaires"`
	}
	if err := json.Unmarshal(readPlacesFile(t, "conseillers-numeriques-lieux-2023.json"), &places); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, time.March, 11, 10, 0, 0, 0, paris)
	total, parsed := 0, 0
	for _, p := range places {
		if p.Horaires == "" {
			continue
		}
		total++
		s, err := Parse(p.Horaires)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("Parse(%q) error %T; want *SyntaxError", p.Horaires, err)
			}
			continue
		}
		parsed++
		if s.Status(now) == "" {
			t.Errorf("Parse(%q).Status is empty", p.Horaires)
		}
		if _, err := Parse(s.String()); err != nil {
			t.Errorf("Parse(%q).String() = %q, which Parse refuses: %v", p.Horaires, s.String(), err)
		}
	}
	share := float64(parsed) / float64(total)
	t.Logf("parsed %d of %d values (%.2f %%)", parsed, total, 100*share)
	if share < minParsedShare {
		t.Errorf("parsed share %.4f; want at least %.2f", share, minParsedShare)
	}
}

// maxUnreadableRows is how many France Services rows have a day that cannot
// be read ("07:30:12:30", "09:00-13:00-/3:00-16:00").
const maxUnreadableRows = 2

func TestFranceServicesWeekdayColumns(t *testing.T) {
	f, err := os.Open(filepath.Join(placesDir, "france-services-2022-12.csv"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("France Services file is absent: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	names := []string{"h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"}
	converted, unreadable := 0, 0
	for _, row := range rows[1:] {
		var days [7]string
		for i, name := range names {
			days[i] = row[col[name]]
		}
		value, err := FromWeekdayText(days)
		if err != nil {
			unreadable++
			t.Logf("%s: %v", row[col["lib_fs"]], err)
			continue
		}
		if value == "" {
			continue
		}
		converted++
		if _, err := Parse(value); err != nil {
			t.Errorf("FromWeekdayText(%q) = %q, which Parse refuses: %v", days, value, err)
		}
	}
	t.Logf("converted %d of %d rows, %d unreadable", converted, len(rows)-1, unreadable)
	if unreadable > maxUnreadableRows {
		t.Errorf("%d unreadable rows; want at most %d", unreadable, maxUnreadableRows)
	}
}
