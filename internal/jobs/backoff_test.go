package jobs

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDefaultBackoffGrowsWithJitter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		attempt int
		max     time.Duration
	}{
		{0, 10 * time.Second},
		{1, 10 * time.Second},
		{2, 20 * time.Second},
		{3, 40 * time.Second},
		{9, 2560 * time.Second},
		{10, time.Hour},
		{100, time.Hour},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("attempt %d", tt.attempt), func(t *testing.T) {
			seen := map[time.Duration]bool{}
			for range 50 {
				got := DefaultBackoff(tt.attempt)
				if got < tt.max/2 || got > tt.max {
					t.Fatalf("attempt %d: got %v, want between %v and %v", tt.attempt, got, tt.max/2, tt.max)
				}
				seen[got] = true
			}
			if len(seen) < 2 {
				t.Errorf("attempt %d: 50 draws gave %d distinct delays, want jitter", tt.attempt, len(seen))
			}
		})
	}
}

func TestTruncateKeepsUTF8Whole(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"short", "délai dépassé", len("délai dépassé")},
		{"ascii long", strings.Repeat("a", maxErrorLen+10), maxErrorLen},
		{"accent across the cut", strings.Repeat("a", maxErrorLen-1) + "é", maxErrorLen - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(truncate(tt.in)); got != tt.want {
				t.Errorf("got %d bytes, want %d", got, tt.want)
			}
		})
	}
}
