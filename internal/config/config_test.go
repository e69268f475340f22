package config

import (
	"flag"
	"io"
	"os"
	"path/filepath"
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
		{"trusted proxies", []string{"--trusted-proxies", "10.0.0.0/8, 192.168.1.7,::1"}, nil, func(c Config) bool {
			return len(c.TrustedProxies) == 3 && c.TrustedProxies[1].String() == "192.168.1.7/32" &&
				c.TrustedProxies[2].String() == "::1/128"
		}, ""},
		{"bad trusted proxy", []string{"--trusted-proxies", "10.0.0.0/8,proxy.example"}, nil, nil, "trusted-proxies"},
		{"oidc half", nil, map[string]string{"GUICHET_OIDC_ISSUER": "https://id.example"}, nil, "oidc"},
		{"stray argument", []string{"extra"}, nil, nil, "inattendu"},
		{"demo on every interface", []string{"--demo", "--addr", "0.0.0.0:8080"}, nil, nil, "--demo-public"},
		{"demo on a public name", nil, map[string]string{"GUICHET_DEMO": "1", "GUICHET_ADDR": "guichet.example:80"}, nil, "adresse locale"},
		{"demo on an empty host", []string{"--demo", "--addr", ":8080"}, nil, nil, "--demo-public"},
		{"demo public on purpose", []string{"--demo", "--demo-public", "--addr", "0.0.0.0:8080"}, nil,
			func(c Config) bool { return c.Demo && c.DemoPublic }, ""},
		{"demo on localhost and IPv6 loopback", []string{"--demo", "--addr", "[::1]:8080"}, nil,
			func(c Config) bool { return c.Demo && !c.DemoPublic }, ""},
		{"sms defaults to the outbox", nil, nil, func(c Config) bool {
			return c.SMSProvider == "outbox" && c.SMSSender == "Guichet" && c.SMSAPIKey == "" && c.SMSBaseURL == ""
		}, ""},
		{"sms provider", []string{"--sms-provider", "brevo", "--sms-api-key", "k", "--sms-sender", "Mairie 69",
			"--sms-base-url", "http://127.0.0.1:9999"}, map[string]string{"GUICHET_SMS_CALLBACK_SECRET": "0123456789abcdef"},
			func(c Config) bool {
				return c.SMSProvider == "brevo" && c.SMSAPIKey == "k" && c.SMSSender == "Mairie 69" &&
					c.SMSBaseURL == "http://127.0.0.1:9999" && c.SMSCallbackSecret == "0123456789abcdef"
			}, ""},
		{"sms unknown provider", []string{"--sms-provider", "twilio"}, nil, nil, "sms-provider"},
		{"sms provider without key", []string{"--sms-provider", "smsfactor", "--sms-callback-secret", "0123456789abcdef"}, nil, nil, "sms-api-key"},
		{"sms provider without secret", []string{"--sms-provider", "smsfactor", "--sms-api-key", "k"}, nil, nil, "sms-callback-secret"},
		{"sms short secret", []string{"--sms-provider", "brevo", "--sms-api-key", "k", "--sms-callback-secret", "short"}, nil, nil, "16 caractères"},
		{"sms sender too long", []string{"--sms-sender", "Mairie de Lyon"}, nil, nil, "sms-sender"},
		{"sms sender with accent", []string{"--sms-sender", "Préfecture"}, nil, nil, "sms-sender"},
		{"sms numeric sender", []string{"--sms-sender", "33612345678"}, nil, func(c Config) bool { return c.SMSSender == "33612345678" }, ""},
		{"sms bad base url", []string{"--sms-base-url", "api.smsfactor.com"}, nil, nil, "sms-base-url"},
		{"smtp requires TLS", []string{"--smtp-require-tls"}, nil, func(c Config) bool { return c.SMTPRequireTLS }, ""},
		{"identity providers", []string{"--oidc-profile", "franceconnect", "--oidc-issuer", "sandbox", "--oidc-client-id", "a",
			"--oidc-client-secret", "b", "--proconnect-issuer", "https://pc.example", "--proconnect-client-id", "c"}, nil,
			func(c Config) bool {
				return c.OIDCProfile == "franceconnect" && c.OIDCIssuer == "sandbox" && c.OIDCClientSecret == "b" &&
					c.ProConnectIssuer == "https://pc.example" && c.ProConnectClientID == "c" && c.OIDCKeys == "data/oidc-keys.json"
			}, ""},
		{"unknown profile", []string{"--oidc-profile", "inconnu"}, nil, nil, "oidc-profile"},
		{"proconnect half", []string{"--proconnect-issuer", "sandbox"}, nil, nil, "proconnect"},
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

func TestSecretsFromFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	key := write("key", "c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1mb3ItdGVzdHM=\n")
	smtp := write("smtp", "mot de passe avec espaces \r\n")
	oidc := write("oidc", "client-secret")
	empty := write("empty", "\n")
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(Config) bool
		wantErr string
	}{
		{"flags", []string{"--secret-key-file", key, "--smtp-password-file", smtp, "--oidc-client-secret-file", oidc}, nil,
			func(c Config) bool {
				return c.SecretKey == "c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1mb3ItdGVzdHM=" &&
					c.SMTPPassword == "mot de passe avec espaces " && c.OIDCClientSecret == "client-secret"
			}, ""},
		{"environment", nil, map[string]string{"GUICHET_SECRET_KEY_FILE": key, "GUICHET_SMTP_PASSWORD_FILE": smtp,
			"GUICHET_OIDC_CLIENT_SECRET_FILE": oidc}, func(c Config) bool {
			return c.SecretKey != "" && c.SMTPPassword != "" && c.OIDCClientSecret == "client-secret"
		}, ""},
		{"value and file", []string{"--smtp-password", "x", "--smtp-password-file", smtp}, nil, nil, "pas les deux"},
		{"missing file", []string{"--secret-key-file", filepath.Join(dir, "absent")}, nil, nil, "n'a pas pu être lu"},
		{"empty file", []string{"--oidc-client-secret-file", empty}, nil, nil, "est vide"},
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

func TestRegisterOnlyTheGroupsAsked(t *testing.T) {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := Register(fs, Storage, env(map[string]string{"GUICHET_ADDR": "0.0.0.0:1", "GUICHET_DEMO": "true"}))
	if err := fs.Parse([]string{"--data", "/tmp/d"}); err != nil {
		t.Fatal(err)
	}
	c, err := f.Config()
	if err != nil {
		t.Fatalf("a storage command must not check the web settings it ignores: %v", err)
	}
	if c.DataDir != "/tmp/d" {
		t.Errorf("data = %q", c.DataDir)
	}
	for _, name := range []string{"addr", "demo", "smtp-addr", "workers"} {
		if fs.Lookup(name) != nil {
			t.Errorf("migrate registers --%s", name)
		}
	}
	if err := fs.Parse([]string{"--addr", "x:1"}); err == nil {
		t.Error("--addr accepted by a storage command")
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
