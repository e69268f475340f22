package observatory

import (
	"fmt"
	"time"

	"guichet/internal/errs"
)

// Edition is a calendar quarter, the unit the observatory publishes in.
// Quarters are cut in UTC.
type Edition struct {
	Year    int
	Quarter int // 1 to 4
}

// EditionOf returns the quarter t falls in.
func EditionOf(t time.Time) Edition {
	t = t.UTC()
	return Edition{Year: t.Year(), Quarter: (int(t.Month())-1)/3 + 1}
}

// ParseEdition reads an edition written "2026-T4".
func ParseEdition(s string) (Edition, error) {
	var e Edition
	if n, err := fmt.Sscanf(s, "%4d-T%1d", &e.Year, &e.Quarter); err != nil || n != 2 ||
		e.Quarter < 1 || e.Quarter > 4 || e.Year < 2000 || e.Year > 2999 || e.String() != s {
		return Edition{}, errs.InvalidField("edition",
			fmt.Sprintf("L'édition « %s » n'existe pas : écrivez l'année et le trimestre, par exemple 2026-T4.", s))
	}
	return e, nil
}

// String writes the edition as "2026-T4".
func (e Edition) String() string { return fmt.Sprintf("%04d-T%d", e.Year, e.Quarter) }

// Label says the edition in French: "4e trimestre 2026".
func (e Edition) Label() string {
	if e.Quarter == 1 {
		return fmt.Sprintf("1er trimestre %d", e.Year)
	}
	return fmt.Sprintf("%de trimestre %d", e.Quarter, e.Year)
}

// Start is the first instant of the quarter.
func (e Edition) Start() time.Time {
	return time.Date(e.Year, time.Month(3*(e.Quarter-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// End is the first instant after the quarter.
func (e Edition) End() time.Time { return e.Start().AddDate(0, 3, 0) }

// endAt is the end of what is known of the edition at now: its end, or
// now while the quarter runs.
func (e Edition) endAt(now time.Time) time.Time {
	if now.Before(e.End()) {
		return now
	}
	return e.End()
}

// Prev is the quarter before.
func (e Edition) Prev() Edition { return EditionOf(e.Start().Add(-time.Hour)) }

// Next is the quarter after.
func (e Edition) Next() Edition { return EditionOf(e.End()) }
