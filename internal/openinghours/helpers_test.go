package openinghours

import (
	"testing"
	"time"
)

// at returns the instant of a Paris wall-clock time written "2006-01-02 15:04".
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		t.Fatalf("bad test time %q: %v", s, err)
	}
	return v
}

// mustParse parses a value the test expects to be valid.
func mustParse(t *testing.T, s string) *Schedule {
	t.Helper()
	sch, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q) error: %v", s, err)
	}
	return sch
}
