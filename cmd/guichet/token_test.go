package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/database/dbtest"
)

func TestTokenCreate(t *testing.T) {
	data, dbURL := t.TempDir(), dbtest.URL(t)
	env := func(k string) string {
		switch k {
		case "GUICHET_PASSWORD":
			return "un-mot-de-passe-solide"
		case "GUICHET_DATABASE_URL":
			return dbURL
		}
		return ""
	}
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"user", "create", "--data", data, "--email", "admin@exemple.fr",
		"--role", "admin", "--org", "observatoire", "--name", "Admin"}, &out, &errOut, env); code != 0 {
		t.Fatalf("user create: %s", errOut.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"token", "create", "--data", data, "--org", "observatoire",
		"--name", "Import des avis"}, &out, &errOut, env); code != 0 {
		t.Fatalf("token create: %d %s", code, errOut.String())
	}
	secret := strings.TrimSpace(out.String())
	cfg, err := config.Parse("serve", []string{"--data", data}, env, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tok, err := a.Identity.APITokenBySecret(context.Background(), secret)
	if err != nil || tok.Org.Slug != "observatoire" || tok.Name != "Import des avis" {
		t.Fatalf("the printed token does not work: %q, %+v, %v", secret, tok, err)
	}
	if tok.ReadOnly {
		t.Fatal("a token made without --read-only is read-only")
	}
	out.Reset()
	if code := run(context.Background(), []string{"token", "create", "--data", data, "--org", "observatoire",
		"--name", "Lecture", "--read-only"}, &out, &errOut, env); code != 0 {
		t.Fatalf("token create --read-only: %d %s", code, errOut.String())
	}
	if ro, err := a.Identity.APITokenBySecret(context.Background(), strings.TrimSpace(out.String())); err != nil || !ro.ReadOnly {
		t.Fatalf("--read-only made %+v, %v", ro, err)
	}
	if code := run(context.Background(), []string{"token", "create", "--data", data, "--org", "inconnue",
		"--name", "x"}, &out, &errOut, env); code == 0 {
		t.Error("a token for an unknown organisation was made")
	}
}
