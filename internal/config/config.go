// Package config reads Guichet's configuration from command-line flags and
// GUICHET_* environment variables; a flag given on the command line wins.
// Each sub-command registers the groups of settings it uses on its own
// flag set, so that its --help lists exactly what it reads.
package config

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Config is the whole configuration of a Guichet process.
type Config struct {
	Addr        string // HTTP listen address
	DataDir     string // where SQLite, the secret key and the mail outbox live
	DatabaseURL string // postgres://… to use PostgreSQL; empty for SQLite
	Demo        bool   // load the demo organisations, accounts and content
	DemoPublic  bool   // allow --demo on an address other than loopback
	BaseURL     string // public address, for links in e-mails; https enables HSTS
	SecretKey   string // base64 key sealing sensitive fields; else DataDir/secret.key
	Workers     int    // in-process job workers; 0 leaves jobs to `guichet worker`

	// Files is where the dossiers' files are kept: a folder (default
	// DATA/files; the nodes of a cluster share one) or s3://bucket/prefix
	// with the S3 settings below.
	Files string
	// S3: the endpoint (https://… or http://… of an S3-compatible store),
	// its region and the access key pair, for Files = s3://….
	S3Endpoint, S3Region, S3AccessKey, S3SecretKey string

	LogFormat string // text or json
	LogLevel  string // debug, info, warn, error

	SMTPAddr, SMTPUser, SMTPPassword, SMTPFrom string
	SMTPRequireTLS                             bool // refuse to send without STARTTLS

	// SMS: the provider (outbox, smsfactor, brevo), its API key, the sender
	// name, its API address (tests point it at the simulator) and the
	// secret its delivery-receipt callbacks carry.
	SMSProvider, SMSAPIKey, SMSSender, SMSBaseURL, SMSCallbackSecret string

	// The citizens' identity provider (FranceConnect): profile, issuer
	// (an address, or "sandbox"/"production" for the profile's presets).
	OIDCProfile, OIDCIssuer, OIDCClientID, OIDCClientSecret, OIDCName string
	// OIDCKeys is the JWKS file of Guichet's private keys FranceConnect+
	// encrypts to (default DATA/oidc-keys.json, created).
	OIDCKeys string
	// The staff's identity provider (ProConnect).
	ProConnectIssuer, ProConnectClientID, ProConnectClientSecret string

	LoginLock time.Duration // first lock after repeated wrong passwords

	// DrainWait is how long a stopping `serve` keeps serving with /readyz
	// red, so that the load balancer stops sending before the listener
	// closes; 0 closes at once (a single node has no balancer to wait for).
	DrainWait time.Duration

	// /metrics is never public: on its own address, or behind a bearer token, or off.
	MetricsAddr  string // listen address of /metrics alone; empty = not on a separate address
	MetricsToken string // bearer token for /metrics on the main address; empty = not there

	// AccessibilityStatement is the JSON file of the accessibility statement; empty for
	// Guichet's own default (package statement).
	AccessibilityStatement string

	// WebhookAllowPrivate lets webhook endpoints be on loopback, private
	// and link-local addresses: for tests and development only. Off, an
	// organisation's administrator cannot make Guichet call the machines
	// of its own network (its database, a cloud's metadata service).
	WebhookAllowPrivate bool

	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// tells the address of the person; empty means none is believed.
	TrustedProxies []netip.Prefix
}

// Group says which sub-commands read a setting.
type Group uint8

// The groups of settings. Storage is read by every command that opens the
// database; the others only by the commands that need them.
const (
	Storage Group = 1 << iota // data folder, database, secret key, logs
	Web                       // listening, public address, demo, sign-in
	Mail                      // SMTP and SMS: what sends messages
	Jobs                      // background workers
	All     = Storage | Web | Mail | Jobs
)

// Setting documents one configuration item for --help.
type Setting struct {
	Flag, Env, Help string
	Group           Group
	Bool            bool // may stand alone on the command line (--demo)
}

// Settings lists every setting in the order --help shows them.
var Settings = []Setting{
	{Flag: "addr", Env: "GUICHET_ADDR", Help: "adresse d'écoute (par défaut 127.0.0.1:8080)", Group: Web},
	{Flag: "data", Env: "GUICHET_DATA", Help: "dossier des données : base SQLite, clé secrète, boîte d'envoi (par défaut ./data)", Group: Storage},
	{Flag: "database-url", Env: "GUICHET_DATABASE_URL", Help: "postgres://utilisateur:mot-de-passe@hôte:5432/base pour utiliser PostgreSQL au lieu de SQLite", Group: Storage},
	{Flag: "demo", Env: "GUICHET_DEMO", Help: "charge les organisations, comptes et contenus de démonstration (adresse locale seulement)", Group: Web, Bool: true},
	{Flag: "demo-public", Env: "GUICHET_DEMO_PUBLIC", Help: "autorise --demo sur une adresse accessible depuis le réseau (mots de passe publics)", Group: Web, Bool: true},
	{Flag: "base-url", Env: "GUICHET_BASE_URL", Help: "adresse publique des liens envoyés par e-mail (par défaut http://ADDR) ; https active HSTS", Group: Web},
	{Flag: "secret-key", Env: "GUICHET_SECRET_KEY", Help: "clé de 32 octets en base64 qui scelle les champs sensibles (par défaut DATA/secret.key, créée)", Group: Storage},
	{Flag: "secret-key-file", Env: "GUICHET_SECRET_KEY_FILE", Help: "fichier qui contient la clé secrète (elle n'apparaît alors pas dans ps)", Group: Storage},
	{Flag: "files", Env: "GUICHET_FILES", Help: "où garder les pièces jointes : un dossier partagé par tous les nœuds (par défaut DATA/files) ou s3://seau/préfixe", Group: Storage},
	{Flag: "s3-endpoint", Env: "GUICHET_S3_ENDPOINT", Help: "adresse du stockage compatible S3 (https://… ; http:// pour un essai local), avec --files s3://…", Group: Storage},
	{Flag: "s3-region", Env: "GUICHET_S3_REGION", Help: "région du stockage S3 (par défaut us-east-1)", Group: Storage},
	{Flag: "s3-access-key", Env: "GUICHET_S3_ACCESS_KEY", Help: "identifiant de la clé d'accès S3", Group: Storage},
	{Flag: "s3-secret-key", Env: "GUICHET_S3_SECRET_KEY", Help: "clé secrète S3", Group: Storage},
	{Flag: "s3-secret-key-file", Env: "GUICHET_S3_SECRET_KEY_FILE", Help: "fichier qui contient la clé secrète S3", Group: Storage},
	{Flag: "workers", Env: "GUICHET_WORKERS", Help: "exécutants de tâches de fond dans ce processus (par défaut 2 ; 0 = aucun)", Group: Jobs},
	{Flag: "webhook-allow-private", Env: "GUICHET_WEBHOOK_ALLOW_PRIVATE", Help: "accepte des webhooks vers cette machine ou un réseau privé (tests et développement seulement ; refusé par défaut)", Group: Storage, Bool: true},
	{Flag: "log-format", Env: "GUICHET_LOG_FORMAT", Help: "text ou json (par défaut text)", Group: Storage},
	{Flag: "log-level", Env: "GUICHET_LOG_LEVEL", Help: "debug, info, warn ou error (par défaut info)", Group: Storage},
	{Flag: "smtp-addr", Env: "GUICHET_SMTP_ADDR", Help: "serveur SMTP hôte:port ; sans lui, les e-mails vont dans DATA/outbox", Group: Mail},
	{Flag: "smtp-user", Env: "GUICHET_SMTP_USER", Help: "nom d'utilisateur SMTP", Group: Mail},
	{Flag: "smtp-password", Env: "GUICHET_SMTP_PASSWORD", Help: "mot de passe SMTP", Group: Mail},
	{Flag: "smtp-password-file", Env: "GUICHET_SMTP_PASSWORD_FILE", Help: "fichier qui contient le mot de passe SMTP", Group: Mail},
	{Flag: "smtp-from", Env: "GUICHET_SMTP_FROM", Help: "expéditeur des e-mails (par défaut guichet@localhost)", Group: Mail},
	{Flag: "smtp-require-tls", Env: "GUICHET_SMTP_REQUIRE_TLS", Help: "n'envoie rien si le serveur SMTP ne propose pas STARTTLS ou si TLS échoue", Group: Mail, Bool: true},
	{Flag: "sms-provider", Env: "GUICHET_SMS_PROVIDER", Help: "fournisseur de SMS : outbox, smsfactor ou brevo (par défaut outbox : les SMS vont dans DATA/outbox/sms)", Group: Mail},
	{Flag: "sms-api-key", Env: "GUICHET_SMS_API_KEY", Help: "clé d'API du fournisseur de SMS", Group: Mail},
	{Flag: "sms-api-key-file", Env: "GUICHET_SMS_API_KEY_FILE", Help: "fichier qui contient la clé d'API du fournisseur de SMS", Group: Mail},
	{Flag: "sms-sender", Env: "GUICHET_SMS_SENDER", Help: "nom d'expéditeur des SMS, 11 lettres ou chiffres au plus (par défaut Guichet)", Group: Mail},
	{Flag: "sms-base-url", Env: "GUICHET_SMS_BASE_URL", Help: "adresse de l'API du fournisseur de SMS, pour un simulateur", Group: Mail},
	{Flag: "sms-callback-secret", Env: "GUICHET_SMS_CALLBACK_SECRET", Help: "secret des accusés de réception du fournisseur de SMS", Group: Mail},
	{Flag: "sms-callback-secret-file", Env: "GUICHET_SMS_CALLBACK_SECRET_FILE", Help: "fichier qui contient le secret des accusés de réception", Group: Mail},
	{Flag: "oidc-profile", Env: "GUICHET_OIDC_PROFILE", Help: "fournisseur d'identité des usagers : franceconnect, franceconnect-plus, proconnect ou generic (par défaut generic)", Group: Web},
	{Flag: "oidc-issuer", Env: "GUICHET_OIDC_ISSUER", Help: "URL de son émetteur, ou sandbox / production pour l'adresse connue du profil", Group: Web},
	{Flag: "oidc-client-id", Env: "GUICHET_OIDC_CLIENT_ID", Help: "identifiant client OpenID Connect", Group: Web},
	{Flag: "oidc-client-secret", Env: "GUICHET_OIDC_CLIENT_SECRET", Help: "secret client OpenID Connect", Group: Web},
	{Flag: "oidc-client-secret-file", Env: "GUICHET_OIDC_CLIENT_SECRET_FILE", Help: "fichier qui contient le secret client OpenID Connect", Group: Web},
	{Flag: "oidc-name", Env: "GUICHET_OIDC_NAME", Help: "nom du fournisseur sur le bouton, pour le profil generic (par défaut FranceConnect)", Group: Web},
	{Flag: "oidc-keys", Env: "GUICHET_OIDC_KEYS", Help: "fichier JWKS des clés privées de déchiffrement pour FranceConnect+ (par défaut DATA/oidc-keys.json, créé)", Group: Web},
	{Flag: "proconnect-issuer", Env: "GUICHET_PROCONNECT_ISSUER", Help: "ProConnect pour la connexion des agents : URL de l'émetteur, ou sandbox / production", Group: Web},
	{Flag: "proconnect-client-id", Env: "GUICHET_PROCONNECT_CLIENT_ID", Help: "identifiant client ProConnect", Group: Web},
	{Flag: "proconnect-client-secret", Env: "GUICHET_PROCONNECT_CLIENT_SECRET", Help: "secret client ProConnect", Group: Web},
	{Flag: "proconnect-client-secret-file", Env: "GUICHET_PROCONNECT_CLIENT_SECRET_FILE", Help: "fichier qui contient le secret client ProConnect", Group: Web},
	{Flag: "login-lock", Env: "GUICHET_LOGIN_LOCK", Help: "premier blocage après 5 mauvais mots de passe, doublé à chaque fois (par défaut 30s)", Group: Web},
	{Flag: "drain-wait", Env: "GUICHET_DRAIN_WAIT", Help: "à l'arrêt, durée pendant laquelle /readyz répond 503 et les requêtes sont encore servies, le temps que le répartiteur de charge retire ce nœud (par défaut 0s ; 3s derrière HAProxy qui vérifie chaque seconde)", Group: Web},
	{Flag: "metrics-addr", Env: "GUICHET_METRICS_ADDR", Help: "adresse à part qui sert /metrics, par exemple 127.0.0.1:9090 (par défaut aucune)", Group: Web},
	{Flag: "metrics-token", Env: "GUICHET_METRICS_TOKEN", Help: "jeton (Authorization: Bearer) pour lire /metrics sur l'adresse principale (par défaut aucun : /metrics n'y est pas servi)", Group: Web},
	{Flag: "accessibility-statement", Env: "GUICHET_ACCESSIBILITY_STATEMENT", Help: "fichier JSON de la déclaration d'accessibilité (par défaut celle de Guichet, « non conforme »)", Group: Web},
	{Flag: "trusted-proxies", Env: "GUICHET_TRUSTED_PROXIES", Help: "adresses ou plages CIDR, séparées par des virgules, des relais inverses dont l'en-tête X-Forwarded-For est cru (par défaut aucun)", Group: Web},
}

// EnvOf returns the environment variable of a flag, or "" for a flag that
// is not a setting (a sub-command's own flag).
func EnvOf(flagName string) string {
	for _, s := range Settings {
		if s.Flag == flagName {
			return s.Env
		}
	}
	return ""
}

// Flags holds the settings registered on a sub-command's flag set until
// they are read with Config.
type Flags struct {
	values map[string]*string
}

// Register adds the settings of groups to fs, each defaulting to its
// environment variable read by getenv. Call Config after fs.Parse.
func Register(fs *flag.FlagSet, groups Group, getenv func(string) string) *Flags {
	f := &Flags{values: make(map[string]*string, len(Settings))}
	for _, s := range Settings {
		// A setting outside groups keeps its default: a storage command
		// must neither read nor check the web settings of the environment.
		v := ""
		f.values[s.Flag] = &v
		if s.Group&groups == 0 {
			continue
		}
		v = getenv(s.Env)
		if s.Bool {
			fs.Var(boolFlag{&v}, s.Flag, s.Help)
			continue
		}
		fs.StringVar(&v, s.Flag, v, s.Help)
	}
	return f
}

// Config checks the settings and returns the configuration. Errors name
// the setting at fault, in French, for the person at the terminal.
func (f *Flags) Config() (Config, error) {
	return fromValues(func(flag string) string { return strings.TrimSpace(*f.values[flag]) })
}

// Parse reads every setting from args (after the sub-command name) over
// the environment read by getenv. Tests and tools that want the whole
// configuration use it; sub-commands use Register on their own flag set.
func Parse(name string, args []string, getenv func(string) string, output io.Writer) (Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() { Usage(output, name) }
	f := Register(fs, All, getenv)
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("argument inattendu « %s »", fs.Arg(0))
	}
	return f.Config()
}

// Usage prints every setting, for a sub-command that reads them all.
func Usage(w io.Writer, name string) {
	fmt.Fprintf(w, "Utilisation : guichet %s [options]\n\nChaque option peut aussi être donnée par sa variable d'environnement ; l'option l'emporte.\n\n", name)
	for _, s := range Settings {
		fmt.Fprintf(w, "  --%-24s %-32s %s\n", s.Flag, s.Env, s.Help)
	}
}

func fromValues(v func(string) string) (Config, error) {
	c := Config{
		Addr: or(v("addr"), "127.0.0.1:8080"), DataDir: or(v("data"), "data"),
		DatabaseURL: v("database-url"), BaseURL: v("base-url"),
		LogFormat: or(v("log-format"), "text"), LogLevel: or(v("log-level"), "info"),
		SMTPAddr: v("smtp-addr"), SMTPUser: v("smtp-user"),
		SMTPFrom:    or(v("smtp-from"), "guichet@localhost"),
		OIDCProfile: or(v("oidc-profile"), "generic"), OIDCIssuer: v("oidc-issuer"), OIDCClientID: v("oidc-client-id"),
		OIDCName: or(v("oidc-name"), "FranceConnect"), OIDCKeys: v("oidc-keys"),
		ProConnectIssuer: v("proconnect-issuer"), ProConnectClientID: v("proconnect-client-id"),
		MetricsAddr: v("metrics-addr"), MetricsToken: v("metrics-token"),
		AccessibilityStatement: v("accessibility-statement"),
		Files:                  v("files"), S3Endpoint: v("s3-endpoint"), S3Region: or(v("s3-region"), "us-east-1"), S3AccessKey: v("s3-access-key"),
		SMSProvider: or(v("sms-provider"), "outbox"), SMSSender: or(v("sms-sender"), "Guichet"), SMSBaseURL: v("sms-base-url"),
	}
	var err error
	if c.SecretKey, err = secret(v, "secret-key"); err != nil {
		return c, err
	}
	if c.S3SecretKey, err = secret(v, "s3-secret-key"); err != nil {
		return c, err
	}
	if c.SMTPPassword, err = secret(v, "smtp-password"); err != nil {
		return c, err
	}
	if c.SMSAPIKey, err = secret(v, "sms-api-key"); err != nil {
		return c, err
	}
	if c.SMSCallbackSecret, err = secret(v, "sms-callback-secret"); err != nil {
		return c, err
	}
	if c.OIDCClientSecret, err = secret(v, "oidc-client-secret"); err != nil {
		return c, err
	}
	if c.ProConnectClientSecret, err = secret(v, "proconnect-client-secret"); err != nil {
		return c, err
	}
	for name, dst := range map[string]*bool{"demo": &c.Demo, "demo-public": &c.DemoPublic, "smtp-require-tls": &c.SMTPRequireTLS,
		"webhook-allow-private": &c.WebhookAllowPrivate} {
		if *dst, err = parseBool(name, v(name)); err != nil {
			return c, err
		}
	}
	if c.Workers, err = parseInt("workers", or(v("workers"), "2"), 0, 64); err != nil {
		return c, err
	}
	if c.LoginLock, err = parseDuration("login-lock", or(v("login-lock"), "30s")); err != nil {
		return c, err
	}
	if c.DrainWait, err = parseDuration("drain-wait", or(v("drain-wait"), "0s")); err != nil {
		return c, err
	}
	if c.TrustedProxies, err = parsePrefixes("trusted-proxies", v("trusted-proxies")); err != nil {
		return c, err
	}
	return c, c.check()
}

func (c *Config) check() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("addr : « %s » n'est pas de la forme HÔTE:PORT", c.Addr)
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return fmt.Errorf("database-url : l'adresse doit commencer par postgres://")
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base-url : « %s » n'est pas une adresse http(s)", c.BaseURL)
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("log-format : « %s » n'est ni text ni json", c.LogFormat)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log-level : « %s » n'est ni debug, ni info, ni warn, ni error", c.LogLevel)
	}
	if (c.OIDCIssuer == "") != (c.OIDCClientID == "") {
		return fmt.Errorf("oidc-issuer et oidc-client-id vont ensemble : donnez les deux ou aucun")
	}
	if c.Demo && !c.DemoPublic && !Loopback(c.Addr) {
		return fmt.Errorf("demo : les comptes de démonstration ont des mots de passe publics, "+
			"ils ne peuvent être servis que sur une adresse locale (--addr 127.0.0.1:PORT) ; "+
			"ajoutez --demo-public si vous voulez vraiment les exposer sur %s", c.Addr)
	}
	switch c.OIDCProfile {
	case "franceconnect", "franceconnect-plus", "proconnect", "generic":
	default:
		return fmt.Errorf("oidc-profile : « %s » n'est pas franceconnect, franceconnect-plus, proconnect ou generic", c.OIDCProfile)
	}
	if (c.ProConnectIssuer == "") != (c.ProConnectClientID == "") {
		return fmt.Errorf("proconnect-issuer et proconnect-client-id vont ensemble : donnez les deux ou aucun")
	}
	if err := c.checkSMS(); err != nil {
		return err
	}
	if err := c.checkFiles(); err != nil {
		return err
	}
	if c.OIDCKeys == "" {
		c.OIDCKeys = filepath.Join(c.DataDir, "oidc-keys.json")
	}
	c.DataDir = filepath.Clean(c.DataDir)
	return nil
}

// Loopback tells whether the listen address addr only accepts connections
// from this machine: localhost or a loopback IP. An empty host listens on
// every interface.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// TLS tells whether the public address is https.
func (c Config) TLS() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// checkFiles fills the default folder of the dossiers' files and checks
// that an s3:// store comes with its endpoint and keys.
func (c *Config) checkFiles() error {
	if c.Files == "" {
		c.Files = filepath.Join(c.DataDir, "files")
	}
	if !strings.HasPrefix(c.Files, "s3://") {
		if c.S3Endpoint != "" {
			return fmt.Errorf("s3-endpoint : donnez aussi --files s3://seau/préfixe")
		}
		return nil
	}
	if c.S3Endpoint == "" || c.S3AccessKey == "" || c.S3SecretKey == "" {
		return fmt.Errorf("files : « %s » demande --s3-endpoint, --s3-access-key et --s3-secret-key", c.Files)
	}
	u, err := url.Parse(c.S3Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("s3-endpoint : « %s » n'est pas une adresse http(s)", c.S3Endpoint)
	}
	return nil
}
