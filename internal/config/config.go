// Package config reads Guichet's configuration from command-line flags and
// GUICHET_* environment variables; a flag given on the command line wins.
package config

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration of a Guichet process.
type Config struct {
	Addr        string // HTTP listen address
	DataDir     string // where SQLite, the secret key and the mail outbox live
	DatabaseURL string // postgres://… to use PostgreSQL; empty for SQLite
	Demo        bool   // load the demo organisations, accounts and content
	BaseURL     string // public address, for links in e-mails; https enables HSTS
	SecretKey   string // base64 key sealing sensitive fields; else DataDir/secret.key
	Workers     int    // in-process job workers; 0 leaves jobs to `guichet worker`

	LogFormat string // text or json
	LogLevel  string // debug, info, warn, error

	SMTPAddr, SMTPUser, SMTPPassword, SMTPFrom string

	OIDCIssuer, OIDCClientID, OIDCClientSecret, OIDCName string

	LoginLock time.Duration // first lock after repeated wrong passwords
}

// Setting documents one configuration item for --help.
type Setting struct {
	Flag, Env, Help string
}

// Settings lists every setting in the order --help shows them.
var Settings = []Setting{
	{"addr", "GUICHET_ADDR", "address to listen on (default 127.0.0.1:8080)"},
	{"data", "GUICHET_DATA", "data folder: SQLite database, secret key, mail outbox (default ./data)"},
	{"database-url", "GUICHET_DATABASE_URL", "postgres://user:password@host:5432/db to use PostgreSQL instead of SQLite"},
	{"demo", "GUICHET_DEMO", "load demo organisations, accounts and content (true/false)"},
	{"base-url", "GUICHET_BASE_URL", "public address used in e-mailed links (default http://ADDR); https turns on HSTS"},
	{"secret-key", "GUICHET_SECRET_KEY", "base64 32-byte key sealing sensitive fields (default: DATA/secret.key, created)"},
	{"workers", "GUICHET_WORKERS", "background job workers in this process (default 2; 0 = none)"},
	{"log-format", "GUICHET_LOG_FORMAT", "text or json (default text)"},
	{"log-level", "GUICHET_LOG_LEVEL", "debug, info, warn or error (default info)"},
	{"smtp-addr", "GUICHET_SMTP_ADDR", "SMTP server host:port; without it e-mails go to DATA/outbox"},
	{"smtp-user", "GUICHET_SMTP_USER", "SMTP user name"},
	{"smtp-password", "GUICHET_SMTP_PASSWORD", "SMTP password"},
	{"smtp-from", "GUICHET_SMTP_FROM", "sender address of e-mails (default guichet@localhost)"},
	{"oidc-issuer", "GUICHET_OIDC_ISSUER", "OpenID Connect provider for citizens' sign-in (issuer URL)"},
	{"oidc-client-id", "GUICHET_OIDC_CLIENT_ID", "OpenID Connect client id"},
	{"oidc-client-secret", "GUICHET_OIDC_CLIENT_SECRET", "OpenID Connect client secret"},
	{"oidc-name", "GUICHET_OIDC_NAME", "name of the provider on the sign-in button (default FranceConnect)"},
	{"login-lock", "GUICHET_LOGIN_LOCK", "first lock after 5 wrong passwords, doubled each time (default 30s)"},
}

// Parse reads the flags in args (after the sub-command name) over the
// environment read by getenv. Errors name the setting at fault.
func Parse(name string, args []string, getenv func(string) string, output io.Writer) (Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() { Usage(output, name) }
	values := make(map[string]*string, len(Settings))
	for _, s := range Settings {
		v := getenv(s.Env)
		values[s.Flag] = &v
		if s.Flag == "demo" {
			fs.Var(boolFlag{&v}, s.Flag, s.Help)
			continue
		}
		fs.StringVar(&v, s.Flag, v, s.Help)
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return fromValues(func(flag string) string { return strings.TrimSpace(*values[flag]) })
}

func fromValues(v func(string) string) (Config, error) {
	c := Config{
		Addr: or(v("addr"), "127.0.0.1:8080"), DataDir: or(v("data"), "data"),
		DatabaseURL: v("database-url"), BaseURL: v("base-url"), SecretKey: v("secret-key"),
		LogFormat: or(v("log-format"), "text"), LogLevel: or(v("log-level"), "info"),
		SMTPAddr: v("smtp-addr"), SMTPUser: v("smtp-user"), SMTPPassword: v("smtp-password"),
		SMTPFrom:   or(v("smtp-from"), "guichet@localhost"),
		OIDCIssuer: v("oidc-issuer"), OIDCClientID: v("oidc-client-id"),
		OIDCClientSecret: v("oidc-client-secret"), OIDCName: or(v("oidc-name"), "FranceConnect"),
	}
	var err error
	if c.Demo, err = parseBool("demo", v("demo")); err != nil {
		return c, err
	}
	if c.Workers, err = parseInt("workers", or(v("workers"), "2"), 0, 64); err != nil {
		return c, err
	}
	if c.LoginLock, err = parseDuration("login-lock", or(v("login-lock"), "30s")); err != nil {
		return c, err
	}
	return c, c.check()
}

func (c *Config) check() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("addr: %q is not HOST:PORT", c.Addr)
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return fmt.Errorf("database-url: must start with postgres://")
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base-url: %q is not an http(s) address", c.BaseURL)
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("log-format: %q is neither text nor json", c.LogFormat)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log-level: %q is not debug, info, warn or error", c.LogLevel)
	}
	if (c.OIDCIssuer == "") != (c.OIDCClientID == "") {
		return fmt.Errorf("oidc-issuer and oidc-client-id go together")
	}
	c.DataDir = filepath.Clean(c.DataDir)
	return nil
}

// TLS tells whether the public address is https.
func (c Config) TLS() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Usage prints the settings of a sub-command.
func Usage(w io.Writer, name string) {
	fmt.Fprintf(w, "Usage: guichet %s [flags]\n\nEach flag can also be set by its environment variable; the flag wins.\n\n", name)
	for _, s := range Settings {
		fmt.Fprintf(w, "  --%-20s %-28s %s\n", s.Flag, s.Env, s.Help)
	}
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func parseBool(name, v string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s: %q is not true or false", name, v)
	}
	return b, nil
}

func parseInt(name, v string, min, max int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, fmt.Errorf("%s: %q is not a whole number from %d to %d", name, v, min, max)
	}
	return n, nil
}

func parseDuration(name, v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s: %q is not a duration such as 30s or 2m", name, v)
	}
	return d, nil
}

// boolFlag lets --demo stand alone while keeping the raw text for checking.
type boolFlag struct{ v *string }

func (b boolFlag) String() string {
	if b.v == nil {
		return ""
	}
	return *b.v
}
func (b boolFlag) Set(s string) error { *b.v = s; return nil }
func (b boolFlag) IsBoolFlag() bool   { return true }
