package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"guichet/internal/errs"
	"guichet/internal/places"
)

// maxImportBytes is the largest file of places the import page takes: the
// national files weigh a few megabytes.
const maxImportBytes = 20 << 20

// maxShownProblems caps the rows of each problem table, so that a file full
// of mistakes still gives a page a phone can open.
const maxShownProblems = 300

// importFormats are the choices of the format list, "" meaning detect.
var importFormats = []choice{
	{"", "Détecter le format"},
	{string(places.V1CSV), "Standard des lieux de médiation numérique, CSV"},
	{string(places.V1JSON), "Standard des lieux de médiation numérique, JSON"},
	{string(places.CartographieJSON), "Cartographie nationale avant le standard, JSON"},
	{string(places.FranceServicesCSV), "Liste des France Services, CSV"},
}

// placesImportView is the model of the import page.
type placesImportView struct {
	Page
	Form    *Form
	Formats []checkOption // the format list, Checked meaning selected
	Done    bool
	// Summary reads "12 lieux ajoutés, 3 mis à jour, 2 refusés".
	Summary, Format string
	Report          places.Report
	// Rejections and Warnings are the first rows of the report's lists.
	Rejections, Warnings []places.Rejection
}

func (s *Server) placesImportView(r *http.Request, f *Form) placesImportView {
	v := placesImportView{Page: s.page(r, "Importer des lieux d'aide"), Form: f}
	for _, c := range importFormats {
		v.Formats = append(v.Formats, checkOption{Value: c.value, Label: c.label, Checked: f.Get("format") == c.value})
	}
	v.HasErrors = !f.Valid()
	return v
}

func (s *Server) placesImportPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "places-import", s.placesImportView(r, emptyForm()))
}

func (s *Server) placesImport(w http.ResponseWriter, r *http.Request) error {
	data, f := readImportUpload(r)
	var format places.Format
	if f.Valid() {
		format = importFormat(f, data)
	}
	if !f.Valid() {
		return s.render(w, http.StatusUnprocessableEntity, "places-import", s.placesImportView(r, f))
	}
	rep, err := s.Places.Import(r.Context(), bytes.NewReader(data), format)
	if errs.Is(err, errs.Invalid) {
		f.Fail("fichier", errs.MessageOf(err))
		return s.render(w, http.StatusUnprocessableEntity, "places-import", s.placesImportView(r, f))
	}
	if err != nil {
		return err
	}
	s.Logger.Info("places imported", "user", currentUser(r).ID, "format", format, "imported", rep.Imported,
		"updated", rep.Updated, "kept", rep.Kept, "rejected", rep.Rejected)
	v := s.placesImportView(r, f)
	v.Done, v.Report, v.Format = true, rep, formatLabel(format)
	v.Summary = plural(rep.Imported, "lieu ajouté", "lieux ajoutés") + ", " + fmt.Sprintf("%d mis à jour", rep.Updated) +
		", " + plural(rep.Rejected, "refusé", "refusés")
	if rep.Kept > 0 {
		v.Summary += ", " + plural(rep.Kept, "laissé tel quel car géré par une structure", "laissés tels quels car gérés par une structure")
	}
	v.Rejections = rep.Rejections[:min(len(rep.Rejections), maxShownProblems)]
	v.Warnings = rep.Warnings[:min(len(rep.Warnings), maxShownProblems)]
	return s.render(w, http.StatusOK, "places-import", v)
}

// readImportUpload reads the posted file and format; problems go into the
// returned form.
func readImportUpload(r *http.Request) ([]byte, *Form) {
	// The route's body rule (routes.go) caps the body at maxImportBytes,
	// with room for the other fields and the multipart envelope.
	f := &Form{Values: url.Values{}}
	err := r.ParseMultipartForm(1 << 20)
	if r.MultipartForm != nil {
		f.Values = url.Values(r.MultipartForm.Value)
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		f.Fail("fichier", "Le fichier dépasse 20 Mo. Découpez-le en plusieurs fichiers, puis importez-les l'un après l'autre.")
		return nil, f
	case err != nil && !errors.Is(err, http.ErrNotMultipart):
		f.Fail("fichier", "Le fichier n'a pas pu être reçu. Réessayez.")
		return nil, f
	}
	file, hdr, err := r.FormFile("fichier")
	if err != nil {
		f.Fail("fichier", "Choisissez le fichier des lieux à importer.")
		return nil, f
	}
	defer file.Close()
	if hdr.Size > maxImportBytes {
		f.Fail("fichier", "Le fichier dépasse 20 Mo. Découpez-le en plusieurs fichiers, puis importez-les l'un après l'autre.")
		return nil, f
	}
	data, err := io.ReadAll(file)
	if err != nil {
		f.Fail("fichier", "Le fichier n'a pas pu être lu. Réessayez.")
		return nil, f
	}
	return data, f
}

// importFormat returns the format chosen, or the one the content shows.
func importFormat(f *Form, data []byte) places.Format {
	if name := f.Get("format"); name != "" {
		format, err := places.ParseFormat(name)
		if err != nil {
			f.Fail("format", "Choisissez un format dans la liste.")
		}
		return format
	}
	if len(bytes.TrimSpace(data)) == 0 {
		f.Fail("fichier", "Le fichier est vide. Choisissez le fichier des lieux à importer.")
		return ""
	}
	format, err := places.DetectFormat(data[:min(len(data), 64<<10)])
	if err != nil {
		f.Fail("format", "Le format du fichier n'a pas été reconnu. Choisissez-le dans la liste, ou vérifiez que c'est bien un fichier CSV ou JSON de lieux.")
	}
	return format
}

// formatLabel names a format the way the format list does.
func formatLabel(f places.Format) string {
	for _, c := range importFormats {
		if c.value == string(f) {
			return c.label
		}
	}
	return string(f)
}
