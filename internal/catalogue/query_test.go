package catalogue

import "testing"

func TestPlainQuery(t *testing.T) {
	t.Parallel()
	tests := []struct{ query, want string }{
		{"licencié que faire", "licencie"},
		{"Je suis au chômage, que faire ?", "je suis au chomage"},
		{"je me suis fait licensier", "licensier"},
		{"Comment faire pour toucher les allocations", "pour toucher les allocations"},
		{"qu'est-ce que je dois faire après un décès", "apres un deces"},
		{"que faire", "que faire"},
		{"faire une procuration", "faire une procuration"},
		{"carte vitale", "carte vitale"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := plainQuery(tt.query); got != tt.want {
				t.Errorf("plainQuery(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}
