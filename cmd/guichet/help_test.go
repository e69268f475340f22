package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestHelpShowsEachCommandsOwnFlags: `guichet SUB --help` lists what SUB
// accepts, and nothing it does not.
func TestHelpShowsEachCommandsOwnFlags(t *testing.T) {
	tests := []struct {
		args      []string
		want, not []string
	}{
		{[]string{"serve", "--help"}, []string{"--demo ", "--demo-public", "--workers", "GUICHET_ADDR", "GUICHET_DATABASE_URL",
			"--smtp-require-tls", "--secret-key-file", "GUICHET_SMTP_PASSWORD_FILE", "--oidc-client-secret-file"}, []string{"--once", "--format"}},
		{[]string{"worker", "--help"}, []string{"--once", "--workers", "--data", "--smtp-addr"}, []string{"--addr", "--demo", "--oidc-issuer"}},
		{[]string{"migrate", "--help"}, []string{"--data", "--database-url", "--secret-key-file"}, []string{"--addr", "--demo", "--workers", "--smtp-addr"}},
		{[]string{"user", "create", "--help"}, []string{"--email", "--role", "--org", "--name", "--data", "GUICHET_PASSWORD"}, []string{"--addr", "--demo"}},
		{[]string{"places", "import", "--help"}, []string{"--format", "--data", "FICHIER"}, []string{"--output", "--addr", "--oidc-issuer"}},
		{[]string{"places", "export", "--help"}, []string{"--format", "--output", "--data"}, []string{"--addr"}},
		{[]string{"token", "create", "--help"}, []string{"--org", "--name", "--data", "Authorization: Bearer"}, []string{"--addr", "--demo"}},
		{[]string{"webhook", "create", "--help"}, []string{"--org", "--url", "--events", "--data", "--webhook-allow-private", "whsec_"}, []string{"--addr", "--demo"}},
		{[]string{"totp", "--help"}, []string{"guichet totp SECRET"}, []string{"--data"}},
		{[]string{"sms", "count", "--help"}, []string{"--transliterate", "TEXTE"}, []string{"--data", "--sms-provider"}},
		{[]string{"version", "--help"}, []string{"guichet version"}, []string{"--data"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut strings.Builder
			if code := run(context.Background(), tt.args, &out, &errOut, os.Getenv); code != 0 {
				t.Fatalf("exit code %d, stderr %s", code, errOut.String())
			}
			help := out.String()
			if !strings.HasPrefix(help, "Utilisation : ") {
				t.Errorf("help does not start in French:\n%s", help)
			}
			for _, w := range tt.want {
				if !strings.Contains(help, w) {
					t.Errorf("help lacks %q:\n%s", w, help)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(help, n) {
					t.Errorf("help shows %q, which this command does not take", n)
				}
			}
		})
	}
}

// TestCommandLineMistakesInFrench: every message a mistake gets is French,
// and a flag works wherever the command reads the setting (a boolean flag
// stands alone before another flag, with no hand-written list).
func TestCommandLineMistakesInFrench(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Utilisation :"},
		{[]string{"servir"}, 2, "commande inconnue « servir »"},
		{[]string{"serve", "--port", "80"}, 2, "option inconnue --port"},
		{[]string{"serve", "--addr"}, 2, "l'option --addr attend une valeur"},
		{[]string{"serve", "--addr", "8080"}, 2, "n'est pas de la forme HÔTE:PORT"},
		{[]string{"serve", "extra"}, 2, "argument inattendu « extra »"},
		{[]string{"migrate", "--demo"}, 2, "option inconnue --demo"},
		{[]string{"worker", "--workers", "0"}, 2, "au moins 1"},
		{[]string{"worker", "--once", "--workers", "many"}, 2, "n'est pas un nombre entier"},
		{[]string{"user", "delete"}, 2, "guichet user create"},
		{[]string{"totp"}, 2, "indiquez un seul secret"},
		{[]string{"totp", "pas-un-secret!"}, 1, "n'est pas valable"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut strings.Builder
			code := run(context.Background(), tt.args, &out, &errOut, func(string) string { return "" })
			if code != tt.code || !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("code %d, stderr %q; want code %d and %q", code, errOut.String(), tt.code, tt.want)
			}
		})
	}
}
