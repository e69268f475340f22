package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/identity"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `Guichet: public services online, without leaving anyone behind.

Usage:
  guichet serve [--addr HOST:PORT] [--data DIR] [--demo]   serve the site and run jobs
  guichet worker [--once]                                   run background jobs only
  guichet migrate                                           apply database migrations
  guichet user create --email E --role R [--org SLUG] [--name N]
                                                            create an account (password read from stdin or GUICHET_PASSWORD)
  guichet places import FILE [--format F]                   import help places
  guichet places export --format v1-csv|v1-json [--output FILE]
  guichet totp SECRET                                       print the current code of a TOTP secret (demo)
  guichet version                                           print the version

Every command that touches data takes --data DIR and GUICHET_DATABASE_URL like serve.
Run "guichet serve --help" for every setting and its environment variable.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, rest, stdout, stderr, getenv)
	case "worker":
		err = worker(ctx, rest, stderr, getenv)
	case "migrate":
		err = migrate(ctx, rest, stdout, stderr, getenv)
	case "user":
		err = user(ctx, rest, stdout, stderr, getenv)
	case "places":
		return placesCmd(ctx, rest, stdout, stderr, getenv)
	case "totp":
		err = totp(rest, stdout)
	case "version":
		fmt.Fprintln(stdout, "guichet", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "guichet:", err)
		return 1
	}
	return 0
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo,
		"warn": slog.LevelWarn, "error": slog.LevelError}[cfg.LogLevel]
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// splitFlags separates the common settings (config flags) from the flags a
// sub-command adds, so `--data` works the same on every command.
func splitFlags(args []string, own ...string) (common, mine []string) {
	isOwn := map[string]bool{}
	for _, o := range own {
		isOwn[o] = true
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		if j := strings.Index(name, "="); j >= 0 {
			name = name[:j]
		}
		target := &common
		if strings.HasPrefix(a, "-") && isOwn[name] {
			target = &mine
		} else if !strings.HasPrefix(a, "-") {
			target = &mine
		}
		*target = append(*target, a)
		if strings.HasPrefix(a, "-") && !strings.Contains(a, "=") && name != "demo" && name != "once" &&
			i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
			i++
			*target = append(*target, args[i])
		}
	}
	return common, mine
}

func openApp(ctx context.Context, name string, args []string, stderr io.Writer, getenv func(string) string) (*app.App, error) {
	cfg, err := config.Parse(name, args, getenv, stderr)
	if err != nil {
		return nil, err
	}
	return app.Open(ctx, cfg, newLogger(cfg, stderr))
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	a, err := openApp(ctx, "serve", args, stderr, getenv)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Listen(); err != nil {
		return err
	}
	if a.Config.Demo {
		if err := a.LoadDemo(ctx, stdout); err != nil {
			return err
		}
	}
	return a.Run(ctx)
}

func worker(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	common, mine := splitFlags(args, "once")
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	once := fs.Bool("once", false, "run the jobs that are due, then stop")
	if err := fs.Parse(mine); err != nil {
		return err
	}
	a, err := openApp(ctx, "worker", common, stderr, getenv)
	if err != nil {
		return err
	}
	defer a.Close()
	if *once {
		for {
			ran, err := a.Jobs.Work(ctx)
			if err != nil || !ran {
				return err
			}
		}
	}
	if a.Config.Workers == 0 {
		a.Config.Workers = 2
	}
	return a.Jobs.Run(ctx)
}

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	a, err := openApp(ctx, "migrate", args, stderr, getenv)
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Fprintf(stdout, "database %s (%s) is up to date\n", a.DB.Source, a.DB.Dialect)
	return nil
}

func user(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("usage: guichet user create --email E --role R [--org SLUG] [--name N]")
	}
	common, mine := splitFlags(args[1:], "email", "role", "org", "name")
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	email := fs.String("email", "", "e-mail address (sign-in name)")
	role := fs.String("role", "", "citizen, mediator, agent, procedure_owner, observatory or admin")
	org := fs.String("org", "", "organisation slug (created as an administration if missing, for admin)")
	name := fs.String("name", "", "full name")
	if err := fs.Parse(mine); err != nil {
		return err
	}
	password := getenv("GUICHET_PASSWORD")
	if password == "" {
		fmt.Fprint(stderr, "Password (at least 12 characters): ")
		b, err := io.ReadAll(io.LimitReader(os.Stdin, 1024))
		if err != nil {
			return err
		}
		password = strings.TrimRight(string(b), "\r\n")
	}
	a, err := openApp(ctx, "user create", common, stderr, getenv)
	if err != nil {
		return err
	}
	defer a.Close()
	if *org != "" && identity.Role(*role) == identity.RoleAdmin {
		if _, err := a.Identity.OrganisationBySlug(ctx, *org); err != nil {
			if _, err := a.Identity.CreateOrganisation(ctx, *org, *org, identity.KindAdministration); err != nil {
				return err
			}
		}
	}
	u, err := a.Identity.CreateUser(ctx, identity.NewUser{Email: *email, Name: *name, Password: password,
		Role: identity.Role(*role), OrgSlug: *org})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created account %d for %s (%s)\n", u.ID, u.Email, *role)
	if u.IsStaff() {
		fmt.Fprintln(stdout, "this staff account will enrol its TOTP second factor at first sign-in")
	}
	return nil
}

func totp(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: guichet totp SECRET")
	}
	code, err := identity.TOTPCode(args[0], time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, code)
	return nil
}
