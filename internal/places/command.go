package places

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// commandUsage is printed when the arguments cannot be understood.
const commandUsage = `usage: guichet places import FICHIER [--format v1-csv|v1-json|cartographie-json|france-services-csv]
       guichet places export [--format v1-csv|v1-json] [--output FICHIER]
`

// detectSize is how much of a file DetectFormat looks at.
const detectSize = 64 << 10

// RunImportCommand runs "places import FILE [--format F]" and "places export
// [--format v1-csv|v1-json] [--output FILE]" (args may start with "places"
// or directly with "import" or "export"). Import guesses the format from
// the content when --format is not given, prints each rejected row and each
// dropped value on stderr and "imported N, updated M, rejected K" on stdout.
// Export writes the places to stdout, or to FILE (replaced only once written
// whole). The exit status is 0 on success, even when rows were rejected; 1
// when nothing could be read or written; 2 when the arguments are wrong.
func RunImportCommand(ctx context.Context, db *database.DB, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "places" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, commandUsage)
		return 2
	}
	opts, err := parseCommandArgs(args[1:])
	if err != nil {
		fmt.Fprintf(stderr, "%s\n%s", err, commandUsage)
		return 2
	}
	switch args[0] {
	case "import":
		return runImport(ctx, db, opts, stdout, stderr)
	case "export":
		return runExport(ctx, db, opts, stdout, stderr)
	}
	fmt.Fprintf(stderr, "commande inconnue « %s »\n%s", args[0], commandUsage)
	return 2
}

// commandArgs are the parsed arguments of an import or export.
type commandArgs struct {
	files  []string
	format string
	output string
}

func parseCommandArgs(args []string) (commandArgs, error) {
	var c commandArgs
	for i := 0; i < len(args); i++ {
		if !strings.HasPrefix(args[i], "-") || args[i] == "-" {
			c.files = append(c.files, args[i])
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		var dst *string
		switch name {
		case "format", "f":
			dst = &c.format
		case "output", "o":
			dst = &c.output
		default:
			return c, fmt.Errorf("option inconnue %s", args[i])
		}
		if !hasValue {
			if i+1 >= len(args) {
				return c, fmt.Errorf("l'option %s attend une valeur", args[i])
			}
			i++
			value = args[i]
		}
		*dst = value
	}
	return c, nil
}

func runImport(ctx context.Context, db *database.DB, c commandArgs, stdout, stderr io.Writer) int {
	if len(c.files) != 1 || c.output != "" {
		fmt.Fprint(stderr, "indiquez un seul fichier à importer\n"+commandUsage)
		return 2
	}
	data, err := os.ReadFile(c.files[0])
	if err != nil {
		fmt.Fprintf(stderr, "Le fichier %s n'a pas pu être lu : %v\n", c.files[0], err)
		return 1
	}
	var f Format
	if c.format != "" {
		if f, err = ParseFormat(c.format); err != nil {
			fmt.Fprintf(stderr, "%s\n%s", errs.MessageOf(err), commandUsage)
			return 2
		}
	} else {
		if f, err = DetectFormat(data[:min(len(data), detectSize)]); err != nil {
			fmt.Fprintln(stderr, errs.MessageOf(err))
			return 1
		}
		fmt.Fprintf(stderr, "format détecté : %s\n", f)
	}
	rep, err := Import(ctx, db, bytes.NewReader(data), f, time.Now())
	for _, r := range rep.Rejections {
		fmt.Fprintf(stderr, "rejeté : %s\n", r)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "avertissement : %s\n", w)
	}
	if err != nil {
		msg := errs.MessageOf(err)
		if msg == "" || errs.KindOf(err) == errs.Internal {
			msg = err.Error()
		}
		fmt.Fprintf(stderr, "%s\n", msg)
		fmt.Fprintln(stdout, rep)
		return 1
	}
	fmt.Fprintln(stdout, rep)
	return 0
}

func runExport(ctx context.Context, db *database.DB, c commandArgs, stdout, stderr io.Writer) int {
	if len(c.files) > 0 {
		fmt.Fprint(stderr, "l'export n'attend pas de fichier en argument : utilisez --output\n"+commandUsage)
		return 2
	}
	export := ExportCSV
	switch c.format {
	case "", string(V1CSV):
	case string(V1JSON):
		export = ExportJSON
	default:
		fmt.Fprintf(stderr, "l'export se fait en v1-csv ou v1-json, pas en « %s »\n%s", c.format, commandUsage)
		return 2
	}
	if c.output == "" || c.output == "-" {
		if err := export(ctx, db, stdout); err != nil {
			fmt.Fprintf(stderr, "L'export a échoué : %v\n", err)
			return 1
		}
		return 0
	}
	if err := exportToFile(ctx, db, c.output, export); err != nil {
		fmt.Fprintf(stderr, "L'export vers %s a échoué : %v\n", c.output, err)
		return 1
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM places`).Scan(&n); err == nil {
		fmt.Fprintf(stdout, "exported %d places to %s\n", n, c.output)
	}
	return 0
}

// exportToFile writes a temporary file beside path and renames it, so that
// path is never left half written.
func exportToFile(ctx context.Context, db *database.DB, path string, export func(context.Context, *database.DB, io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil { // the places are public data
		tmp.Close()
		return err
	}
	if err := export(ctx, db, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
