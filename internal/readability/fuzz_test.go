package readability

import (
	"math"
	"testing"
)

// FuzzCheck checks that no text makes Check panic and that its counts agree with Score.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{easyText, legalText, "- a\n1. b\n\n# c", "M. etc. … ?!", "CAF (", "(CAF", "l'\u202f1\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := Check(text)
		if r.Words < r.Sentences || (r.Words > 0) != (r.Sentences > 0) {
			t.Fatalf("Check(%q): %d words in %d sentences", text, r.Words, r.Sentences)
		}
		if s := Score(text); s != r.Score || math.IsNaN(s) {
			t.Fatalf("Check(%q).Score = %v, Score = %v", text, r.Score, s)
		}
		for _, w := range r.Warnings {
			if w.Text == "" || w.Message == "" {
				t.Fatalf("Check(%q) gave an empty warning %+v", text, w)
			}
		}
	})
}
