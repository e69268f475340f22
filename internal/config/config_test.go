package config

import (
	"io"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(Config) bool
		wantErr string
	}{
		{"defaults", nil, nil, func(c Config) bool {
			return c.Addr == "127.0.0.1:8080" && c.DataDir == "data" && !c.Demo && c.Workers == 2 &&
				c.BaseURL == "http://127.0.0.1:8080" && c.LoginLock == 30*time.Second
		}, ""},
		{"demo flag alone", []string{"--demo", "--addr", "127.0.0.1:9999"}, nil, func(c Config) bool {
			return c.Demo && c.Addr == "127.0.0.1:9999" && c.BaseURL == "http://127.0.0.1:9999"
		}, ""},
		{"environment", nil, map[string]string{"GUICHET_DEMO": "true", "GUICHET_WORKERS": "0",
			"GUICHET_DATABASE_URL": "postgres://u@h/db", "GUICHET_BASE_URL": "https://guichet.example/"},
			func(c Config) bool {
				return c.Demo && c.Workers == 0 && c.DatabaseURL == "postgres://u@h/db" && c.TLS() &&
					c.BaseURL == "https://guichet.example"
			}, ""},
		{"flag beats environment", []string{"--data", "/tmp/x"}, map[string]string{"GUICHET_DATA": "/tmp/y"},
			func(c Config) bool { return c.DataDir == "/tmp/x" }, ""},
		{"bad address", []string{"--addr", "8080"}, nil, nil, "addr"},
		{"bad database", nil, map[string]string{"GUICHET_DATABASE_URL": "mysql://x"}, nil, "database-url"},
		{"bad workers", []string{"--workers", "many"}, nil, nil, "workers"},
		{"bad demo", nil, map[string]string{"GUICHET_DEMO": "oui"}, nil, "demo"},
		{"bad duration", []string{"--login-lock", "soon"}, nil, nil, "login-lock"},
		{"oidc half", nil, map[string]string{"GUICHET_OIDC_ISSUER": "https://id.example"}, nil, "oidc"},
		{"stray argument", []string{"extra"}, nil, nil, "unexpected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("serve", tt.args, env(tt.env), io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c) {
				t.Errorf("unexpected config %+v", c)
			}
		})
	}
}

func TestUsageListsEveryVariable(t *testing.T) {
	var b strings.Builder
	Usage(&b, "serve")
	for _, s := range Settings {
		if !strings.Contains(b.String(), s.Env) || !strings.Contains(b.String(), "--"+s.Flag) {
			t.Errorf("usage lacks %s / --%s", s.Env, s.Flag)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("--addr 127.0.0.1:1 --demo", "postgres://a@b/c", "2", "https://x")
	f.Add("--workers=-1", "", "x", "ftp://")
	f.Fuzz(func(t *testing.T, args, dbURL, workers, base string) {
		c, err := Parse("serve", strings.Fields(args), env(map[string]string{
			"GUICHET_DATABASE_URL": dbURL, "GUICHET_WORKERS": workers, "GUICHET_BASE_URL": base,
		}), io.Discard)
		if err == nil && (c.Workers < 0 || c.BaseURL == "" || c.Addr == "") {
			t.Fatalf("accepted an unusable config: %+v", c)
		}
	})
}
