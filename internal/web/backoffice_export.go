package web

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/csvsafe"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/identity"
)

// exportColumn is a column of the CSV export for the answers of one
// procedure: a field, or one child of one item of a repeatable block.
type exportColumn struct {
	procedure string
	header    string
	value     func(forms.Answers) string
}

// exportFixed are the first columns of every export, before the answers.
var exportFixed = []string{"Référence", "Démarche", "État", "Nom de la personne", "Adresse e-mail",
	"Reçu le", "Décidé le", "Attribué à"}

// exportDossiers streams the queue's filtered list as CSV (one line per
// dossier, one column per field of the form, repeatable blocks flattened
// into one column per item and child, every cell through csvsafe) or as
// JSON: each dossier is written as the database returns it, never the
// whole list held. The service writes the read to the audit log.
func (s *Server) exportDossiers(format string) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error { return s.export(w, r, format) }
}

func (s *Server) export(w http.ResponseWriter, r *http.Request, format string) error {
	o, err := scopeOf(r, identity.RoleAgent)
	if err != nil {
		return err
	}
	f := &Form{Values: r.URL.Query()}
	filter := queueFilter(f.Values, f)
	if len(f.Errors) > 0 {
		return errs.E(errs.Invalid, "Les dates du filtre sont mal écrites : corrigez-les dans la liste des dossiers, puis téléchargez-la de nouveau.")
	}
	filter.Page = 0
	titles, err := s.procedureTitles(r, o.OrgID)
	if err != nil {
		return err
	}
	h := w.Header()
	name := fmt.Sprintf("dossiers-%s-%s.%s", o.OrgSlug, s.Now().Format("2006-01-02"), format)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	switch format {
	case "csv":
		cols, err := s.exportColumns(r, o, filter.Procedure, titles)
		if err != nil {
			return err
		}
		h.Set("Content-Type", "text/csv; charset=utf-8")
		return s.exportCSV(w, r, o, filter, titles, cols)
	case "json":
		h.Set("Content-Type", "application/json")
		return s.exportJSON(w, r, o, filter, titles)
	}
	return errs.E(errs.NotFound, "Ce format n'existe pas : choisissez CSV ou JSON.")
}

// exportColumns lists the answer columns of the procedures of the export:
// the one filtered on, or every procedure of the agent's teams (each
// header then starts with its procedure's title).
func (s *Server) exportColumns(r *http.Request, o orgScope, only string, titles map[string]string) ([]exportColumn, error) {
	slugs, err := s.Backoffice.Procedures(r.Context(), o.OrgID, o.UserID)
	if err != nil {
		return nil, err
	}
	var cols []exportColumn
	for _, slug := range slugs {
		if only != "" && slug != only {
			continue
		}
		form, err := s.Forms.Published(r.Context(), slug)
		if errs.Is(err, errs.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		prefix := ""
		if only == "" && len(slugs) > 1 {
			prefix = titles[slug] + " — "
		}
		cols = append(cols, formColumns(slug, prefix, form)...)
	}
	return cols, nil
}

// formColumns are the columns of one form: a repeatable block gives one
// column per child for each of its possible items.
func formColumns(slug, prefix string, form *forms.Form) []exportColumn {
	var cols []exportColumn
	for p := range form.Pages {
		for i := range form.Pages[p].Fields {
			fd := &form.Pages[p].Fields[i]
			if !fd.Type.Answered() {
				continue
			}
			if fd.Type != forms.Repeat {
				cols = append(cols, exportColumn{slug, prefix + fd.Label, func(a forms.Answers) string { return exportValue(fd, a[fd.Key]) }})
				continue
			}
			for item := range fd.MaxItems() {
				for c := range fd.Children {
					ch := &fd.Children[c]
					if !ch.Type.Answered() {
						continue
					}
					cols = append(cols, exportColumn{slug, fmt.Sprintf("%s%s — %s %d — %s", prefix, fd.Label, fd.ItemName(), item+1, ch.Label),
						func(a forms.Answers) string {
							if rows := a[fd.Key].Rows; item < len(rows) {
								return exportValue(ch, rows[item][ch.Key])
							}
							return ""
						}})
				}
			}
		}
	}
	return cols
}

// exportValue writes an answer for a spreadsheet: dates and numbers as
// they sort (2026-03-05, 12.5), the rest in words.
func exportValue(fd *forms.Field, v forms.Value) string {
	switch {
	case v.Empty():
		return ""
	case fd.Type == forms.Date || fd.Type == forms.Number:
		return v.Text
	}
	return forms.Display(fd, v)
}

// exportTime is a date and time in the server's zone, as a spreadsheet
// reads it; "" for none.
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(time.Local).Format("2006-01-02 15:04")
}

func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request, o orgScope, filter backoffice.Filter,
	titles map[string]string, cols []exportColumn) error {
	cw := csvsafe.NewWriter(w)
	record := append([]string(nil), exportFixed...)
	for _, c := range cols {
		record = append(record, c.header)
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	answers := forms.Answers{}
	err := s.Backoffice.Export(r.Context(), o.OrgID, o.UserID, filter, "csv", func(row *backoffice.ExportRow) error {
		clear(answers)
		if err := json.Unmarshal(row.Answers, &answers); err != nil {
			return fmt.Errorf("answers of dossier %d: %w", row.ID, err)
		}
		record = append(record[:0], row.ShownReference(), titleOf(titles, row.Procedure), row.Label(), row.Name, shownEmail(row.Email),
			exportTime(row.SubmittedAt), exportTime(row.DecidedAt), row.AssignedName)
		for _, c := range cols {
			if c.procedure != row.Procedure {
				record = append(record, "")
				continue
			}
			record = append(record, c.value(answers))
		}
		return cw.Write(record)
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return err
}

// exportedDossier is a dossier of the JSON export.
type exportedDossier struct {
	Reference   string          `json:"reference"`
	Procedure   string          `json:"procedure"`
	Title       string          `json:"procedure_title"`
	FormVersion int             `json:"form_version"`
	State       string          `json:"state"`
	StateLabel  string          `json:"state_label"`
	Name        string          `json:"name"`
	Email       string          `json:"email"`
	SubmittedAt time.Time       `json:"submitted_at"`
	DecidedAt   *time.Time      `json:"decided_at,omitempty"`
	AssignedTo  string          `json:"assigned_to,omitempty"`
	Answers     json.RawMessage `json:"answers"`
}

func (s *Server) exportJSON(w http.ResponseWriter, r *http.Request, o orgScope, filter backoffice.Filter, titles map[string]string) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	bw.WriteString("[")
	enc := json.NewEncoder(bw)
	n := 0
	err := s.Backoffice.Export(r.Context(), o.OrgID, o.UserID, filter, "json", func(row *backoffice.ExportRow) error {
		if n > 0 {
			bw.WriteString(",")
		}
		n++
		d := exportedDossier{Reference: row.ShownReference(), Procedure: row.Procedure, Title: titleOf(titles, row.Procedure),
			FormVersion: row.FormVersion, State: string(row.State), StateLabel: row.Label(), Name: row.Name, Email: shownEmail(row.Email),
			SubmittedAt: row.SubmittedAt, AssignedTo: row.AssignedName, Answers: row.Answers}
		if !row.DecidedAt.IsZero() {
			d.DecidedAt = &row.DecidedAt
		}
		return enc.Encode(d)
	})
	if err != nil {
		return err
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// titleOf is a procedure's title, its slug when it has none.
func titleOf(titles map[string]string, slug string) string {
	if t := titles[slug]; t != "" {
		return t
	}
	return slug
}

// shownEmail is a person's address as exports show it: none for a person
// record without an account (identity.CreatePersonRecord), whose address
// reaches nobody; the structure that domiciles them is their address.
func shownEmail(email string) string {
	if identity.IsPersonRecord(email) {
		return ""
	}
	return email
}
