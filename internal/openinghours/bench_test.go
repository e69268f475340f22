package openinghours

import (
	"testing"
	"time"
)

func BenchmarkParseAndStatus(b *testing.B) {
	const value = "Mo-Th 08:30-12:30,13:30-17:30; Fr 08:30-12:30,13:30-16:30; PH off"
	now := time.Date(2024, time.March, 15, 18, 0, 0, 0, paris) // Friday evening: looks ahead to Monday
	for b.Loop() {
		s, err := Parse(value)
		if err != nil {
			b.Fatal(err)
		}
		if s.Status(now) == "" {
			b.Fatal("empty status")
		}
	}
}

// BenchmarkStatusSummerClosing measures the slowest common case: a place
// closed for weeks, whose next opening is searched day by day.
func BenchmarkStatusSummerClosing(b *testing.B) {
	s, err := Parse("Mo-Fr 09:00-12:00,14:00-17:00; Jul-Aug off; PH off")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2024, time.July, 1, 10, 0, 0, 0, paris)
	for b.Loop() {
		s.Status(now)
	}
}
