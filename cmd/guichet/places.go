package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/errs"
	"guichet/internal/places"
)

// placesCmd runs `guichet places import|export` on the storage alone: no
// OpenID Connect discovery, no web server, so an import works while the
// identity provider is out of reach.
func placesCmd(ctx context.Context, args []string, e env) error {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "import":
		return placesImport(ctx, args, e)
	case "export":
		return placesExport(ctx, args, e)
	case "--help", "-h", "help":
		fmt.Fprint(e.stdout, placesUsage)
		return nil
	case "":
		return usageError{cmd: "places", msg: "indiquez import ou export"}
	}
	return usageError{cmd: "places", msg: fmt.Sprintf("commande inconnue « %s » : indiquez import ou export", sub)}
}

const placesUsage = `Utilisation :
  guichet places import FICHIER [--format v1-csv|v1-json|cartographie-json|france-services-csv] [options]
  guichet places export [--format v1-csv|v1-json] [--output FICHIER] [options]

« guichet places import --help » et « guichet places export --help » détaillent les options.
`

// placesImport runs "places import FILE [--format F]". It guesses the
// format from the content when --format is not given, prints each rejected
// row and each dropped value on stderr and the counts on stdout. The exit
// status is 0 even when rows were rejected, 1 when nothing could be read.
func placesImport(ctx context.Context, args []string, e env) error {
	c := newCommand("places import", "guichet places import FICHIER [--format F] [options]",
		"Importe des lieux d'aide depuis un fichier : un lieu déjà connu (même source, même identifiant) est mis à jour.",
		config.Storage, e)
	format := c.stringFlag("format", "v1-csv, v1-json, cartographie-json ou france-services-csv (deviné d'après le contenu sinon)")
	files, err := c.parse(args, e)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return c.usageError("indiquez un seul fichier à importer")
	}
	var f places.Format
	if *format != "" {
		if f, err = places.ParseFormat(*format); err != nil {
			return c.usageError(errs.MessageOf(err))
		}
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return fmt.Errorf("le fichier %s n'a pas pu être lu : %w", files[0], err)
	}
	if f == "" {
		if f, err = places.DetectFormat(data[:min(len(data), places.DetectSize)]); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "format détecté : %s\n", f)
	}
	st, err := app.OpenStorage(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := places.New(st.DB, places.Options{}).Import(ctx, bytes.NewReader(data), f)
	for _, r := range rep.Rejections {
		fmt.Fprintf(e.stderr, "rejeté : %s\n", r)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(e.stderr, "avertissement : %s\n", w)
	}
	fmt.Fprintln(e.stdout, importSummary(rep))
	return err
}

// importSummary sums a report up in French: "importés N, mis à jour M,
// rejetés K", followed by ", conservés L" when places claimed by a help
// structure were left as they are.
func importSummary(r places.Report) string {
	s := fmt.Sprintf("importés %d, mis à jour %d, rejetés %d", r.Imported, r.Updated, r.Rejected)
	if r.Kept > 0 {
		s += fmt.Sprintf(", conservés %d", r.Kept)
	}
	return s
}

// placesExport runs "places export [--format v1-csv|v1-json] [--output
// FILE]": the places on stdout, or in FILE, replaced only once written whole.
func placesExport(ctx context.Context, args []string, e env) error {
	c := newCommand("places export", "guichet places export [--format v1-csv|v1-json] [--output FICHIER] [options]",
		"Exporte tous les lieux d'aide au format du standard, sur la sortie standard ou dans un fichier.",
		config.Storage, e)
	format := c.stringFlag("format", "v1-csv (par défaut) ou v1-json")
	output := c.stringFlag("output", "fichier à écrire (remplacé une fois écrit en entier) ; la sortie standard sinon")
	if err := c.parseNone(args, e); err != nil {
		return err
	}
	export := (*places.Service).ExportCSV
	switch *format {
	case "", string(places.V1CSV):
	case string(places.V1JSON):
		export = (*places.Service).ExportJSON
	default:
		return c.usageError(fmt.Sprintf("l'export se fait en v1-csv ou v1-json, pas en « %s »", *format))
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	st, err := app.OpenStorage(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	svc := places.New(st.DB, places.Options{})
	if *output == "" || *output == "-" {
		if err := export(svc, ctx, e.stdout); err != nil {
			return fmt.Errorf("l'export a échoué : %w", err)
		}
		return nil
	}
	if err := exportToFile(ctx, svc, *output, export); err != nil {
		return fmt.Errorf("l'export vers %s a échoué : %w", *output, err)
	}
	fmt.Fprintf(e.stdout, "lieux exportés dans %s\n", *output)
	return nil
}

// exportToFile writes a temporary file beside path and renames it, so that
// path is never left half written.
func exportToFile(ctx context.Context, svc *places.Service, path string, export func(*places.Service, context.Context, io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil { // the places are public data
		tmp.Close()
		return err
	}
	if err := export(svc, ctx, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
