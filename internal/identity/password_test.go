package identity

import (
	"strings"
	"testing"

	"guichet/internal/errs"
)

func TestHashPasswordRoundTrip(t *testing.T) {
	t.Parallel()
	hash, err := HashPassword("correct cheval pile agrafe")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with the OWASP parameters", hash)
	}
	tests := []struct {
		name     string
		password string
		want     bool
	}{
		{"same", "correct cheval pile agrafe", true},
		{"wrong", "correct cheval pile agrafé", false},
		{"case", "Correct cheval pile agrafe", false},
		{"empty", "", false},
		{"prefix", "correct cheval pile", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VerifyPassword(hash, tt.password)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("VerifyPassword(%q) = %v, want %v", tt.password, got, tt.want)
			}
		})
	}
}

func TestHashPasswordSaltsAndNormalises(t *testing.T) {
	t.Parallel()
	a, _ := HashPassword("même mot de passe")
	b, _ := HashPassword("même mot de passe")
	if a == b {
		t.Errorf("two hashes of one password are equal: the salt is not random")
	}
	// "é" composed (U+00E9) and decomposed (e + U+0301) are one character
	// to the person typing it.
	composed, decomposed := "café crème brûlée", "cafe\u0301 cre\u0300me bru\u0302le\u0301e"
	hash, _ := HashPassword(composed)
	if ok, err := VerifyPassword(hash, decomposed); err != nil || !ok {
		t.Errorf("decomposed accents: got %v, %v; want true", ok, err)
	}
}

func TestVerifyPasswordRefusesMalformedHashes(t *testing.T) {
	t.Parallel()
	good, _ := HashPassword("un mot de passe")
	parts := strings.Split(good, "$")
	tests := []string{
		"",
		"plain",
		"$2a$10$abcdefghijklmnopqrstuv",
		"$argon2i$v=19$m=19456,t=2,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=16$m=19456,t=2,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=99999999,t=2,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=19456,t=0,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=19456,t=2,p=1$***$" + parts[5],
		"$argon2id$v=19$m=19456,t=2,p=1$" + parts[4] + "$",
	}
	for _, hash := range tests {
		t.Run(hash, func(t *testing.T) {
			if ok, err := VerifyPassword(hash, "un mot de passe"); err == nil || ok {
				t.Errorf("got %v, %v; want false and an error", ok, err)
			}
		})
	}
}

func TestCheckPasswordHash(t *testing.T) {
	t.Parallel()
	good, _ := HashPassword("un mot de passe")
	parts := strings.Split(good, "$")
	salt8 := "c2VsZHVzZWw" // 8 bytes
	tests := []struct {
		name, hash string
		ok         bool
	}{
		{"made by HashPassword", good, true},
		{"empty", "", false},
		{"bcrypt", "$2a$10$abcdefghijklmnopqrstuv", false},
		{"argon2i", "$argon2i$v=19$m=19456,t=2,p=1$" + parts[4] + "$" + parts[5], false},
		{"less memory", "$argon2id$v=19$m=4096,t=2,p=1$" + parts[4] + "$" + parts[5], false},
		{"more memory", "$argon2id$v=19$m=65536,t=2,p=1$" + parts[4] + "$" + parts[5], false},
		{"one pass", "$argon2id$v=19$m=19456,t=1,p=1$" + parts[4] + "$" + parts[5], false},
		{"two lanes", "$argon2id$v=19$m=19456,t=2,p=2$" + parts[4] + "$" + parts[5], false},
		{"short salt", "$argon2id$v=19$m=19456,t=2,p=1$" + salt8 + "$" + parts[5], false},
		{"short key", "$argon2id$v=19$m=19456,t=2,p=1$" + parts[4] + "$" + parts[5][:22], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPasswordHash(tt.hash)
			if tt.ok && err != nil {
				t.Errorf("got %v, want no error", err)
			}
			if !tt.ok && (!errs.Is(err, errs.Invalid) || errs.FieldOf(err) != "password") {
				t.Errorf("got %v, want an Invalid error about the password", err)
			}
		})
	}
}

func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		password string
		ok       bool
	}{
		{"", false},
		{"court", false},
		{"onze lettre", false},
		{"douze lettre", true},
		{"éééééééééééé", true}, // 12 characters, 24 bytes
		{strings.Repeat("a", MaxPasswordLength), true},
		{strings.Repeat("a", MaxPasswordLength+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.password, func(t *testing.T) {
			err := checkPasswordPolicy(tt.password)
			if tt.ok && err != nil {
				t.Errorf("got %v, want no error", err)
			}
			if !tt.ok && (!errs.Is(err, errs.Invalid) || errs.FieldOf(err) != "password") {
				t.Errorf("got %v, want an Invalid error about the password", err)
			}
		})
	}
}

// BenchmarkHashPassword measures one argon2id hash with the production
// parameters; it is slow on purpose.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct cheval pile agrafe"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyPassword(b *testing.B) {
	hash, _ := HashPassword("correct cheval pile agrafe")
	for b.Loop() {
		VerifyPassword(hash, "correct cheval pile agrafe")
	}
}
