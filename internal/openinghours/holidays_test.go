package openinghours

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year  int
		month time.Month
		day   int
	}{
		{2000, time.April, 23},
		{2019, time.April, 21},
		{2023, time.April, 9},
		{2024, time.March, 31},
		{2025, time.April, 20},
		{2026, time.April, 5},
		{2038, time.April, 25},
	}
	for _, tt := range tests {
		got := easter(tt.year).t
		if got.Month() != tt.month || got.Day() != tt.day {
			t.Errorf("easter(%d) = %s; want %s %d", tt.year, got.Format("January 2"), tt.month, tt.day)
		}
	}
}

func TestPublicHolidays2025(t *testing.T) {
	want := []string{
		"2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09",
		"2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25",
	}
	var got []string
	for d := newDay(2025, time.January, 1); d.t.Year() == 2025; d = d.add(1) {
		if isPublicHoliday(d) {
			got = append(got, d.t.Format(time.DateOnly))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("public holidays of 2025 mismatch (-want +got):\n%s", diff)
	}
}
