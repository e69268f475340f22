package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"guichet/internal/config"
	"guichet/internal/errs"
)

// command is one sub-command's command line: its own flags and the groups
// of settings it reads, registered on one flag set so that --help lists
// exactly what it accepts and `--data` works on every command that opens
// the data.
type command struct {
	name     string // as typed: "places import"
	synopsis string // the line after "Utilisation :"
	summary  string // what the command does, in a sentence
	fs       *flag.FlagSet
	settings *config.Flags
	own      []string // the command's own flags, in the order --help shows them
}

func newCommand(name, synopsis, summary string, groups config.Group, e env) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package writes English: errors and help are printed here.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	c := &command{name: name, synopsis: synopsis, summary: summary, fs: fs}
	if groups != 0 {
		c.settings = config.Register(fs, groups, e.getenv)
	}
	return c
}

// stringFlag adds one of the command's own flags taking a value.
func (c *command) stringFlag(name, help string) *string {
	c.own = append(c.own, name)
	return c.fs.String(name, "", help)
}

// boolFlag adds one of the command's own flags that stands alone.
func (c *command) boolFlag(name, help string) *bool {
	c.own = append(c.own, name)
	return c.fs.Bool(name, false, help)
}

// intFlag adds one of the command's own flags taking a whole number.
func (c *command) intFlag(name string, value int, help string) *int {
	c.own = append(c.own, name)
	return c.fs.Int(name, value, help)
}

// parse reads args, where flags and positional arguments may come in any
// order (`places import FICHIER --format v1-csv`), and returns the
// positional ones. On --help it prints the help on stdout and returns
// flag.ErrHelp.
func (c *command) parse(args []string, e env) ([]string, error) {
	var positional []string
	for {
		if err := c.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.printUsage(e.stdout)
				return nil, flag.ErrHelp
			}
			return nil, c.usageError(frenchFlagError(err))
		}
		rest := c.fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
}

// parseNone parses a command that takes no positional argument.
func (c *command) parseNone(args []string, e env) error {
	rest, err := c.parse(args, e)
	if err == nil && len(rest) > 0 {
		err = c.usageError(fmt.Sprintf("argument inattendu « %s »", rest[0]))
	}
	return err
}

// config returns the settings read from the flags and the environment.
func (c *command) config() (config.Config, error) {
	cfg, err := c.settings.Config()
	if err != nil {
		return cfg, c.usageError(err.Error())
	}
	return cfg, nil
}

// printUsage writes the command's help: its own flags, then the settings
// it reads with their environment variables.
func (c *command) printUsage(w io.Writer) {
	fmt.Fprintf(w, "Utilisation : %s\n\n%s\n", c.synopsis, c.summary)
	if len(c.own) > 0 {
		fmt.Fprintln(w, "\nOptions de la commande :")
		for _, name := range c.own {
			fmt.Fprintf(w, "  --%-24s %s\n", name, c.fs.Lookup(name).Usage)
		}
	}
	first := true
	for _, s := range config.Settings {
		if c.fs.Lookup(s.Flag) == nil {
			continue
		}
		if first {
			fmt.Fprintln(w, "\nRéglages (chacun aussi par sa variable d'environnement ; l'option l'emporte) :")
			first = false
		}
		fmt.Fprintf(w, "  --%-24s %-32s %s\n", s.Flag, s.Env, s.Help)
	}
}

// usageError is a mistake on the command line: exit status 2, with a hint
// to read the command's help.
type usageError struct{ cmd, msg string }

func (e usageError) Error() string { return e.msg }

func (c *command) usageError(msg string) error { return usageError{cmd: c.name, msg: msg} }

// exitStatus ends a command whose messages are already printed.
type exitStatus int

func (s exitStatus) Error() string { return fmt.Sprintf("code de sortie %d", int(s)) }

// exitCode prints err for the person at the terminal and returns the exit
// status: 0 on success or help, 2 for a command-line mistake, 1 otherwise.
func exitCode(err error, stderr io.Writer) int {
	var usage usageError
	var status exitStatus
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &status):
		return int(status)
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "guichet %s : %s\nLancez « guichet %s --help » pour voir ses options.\n", usage.cmd, usage.msg, usage.cmd)
		return 2
	default:
		// An application error carries a French message meant for people;
		// any other error is shown whole, for the operator.
		if msg := errs.MessageOf(err); msg != "" && errs.KindOf(err) != errs.Internal {
			fmt.Fprintln(stderr, "guichet :", msg)
			// A form's problems say what to change: the summary alone does not.
			for _, f := range errs.FieldsOf(err) {
				if f.Message != msg {
					fmt.Fprintln(stderr, "  –", f.Message)
				}
			}
		} else {
			fmt.Fprintln(stderr, "guichet :", err)
		}
		return 1
	}
}

// frenchFlagError says in French what the flag package found wrong.
func frenchFlagError(err error) string {
	msg := err.Error()
	for _, t := range []struct{ prefix, french string }{
		{"flag provided but not defined: -", "option inconnue --%s"},
		{"flag needs an argument: -", "l'option --%s attend une valeur"},
		{"bad flag syntax: ", "option mal écrite : %s"},
		{"invalid boolean value ", "valeur invalide %s"},
		{"invalid value ", "valeur invalide %s"},
	} {
		if rest, ok := strings.CutPrefix(msg, t.prefix); ok {
			return fmt.Sprintf(t.french, rest)
		}
	}
	return msg
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
