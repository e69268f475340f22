package web

import (
	"bytes"
	"net/http"
	"strings"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/pdf"
)

// receiptView is the receipt shown right after sending.
type receiptView struct {
	Page
	*dossierCtx
	Reference string
	NextSteps string
	Lines     []forms.SummaryLine
}

// dossierReceipt is the receipt: reference, date and time, what happens
// next, the expected delay; printable, with its PDF.
func (s *Server) dossierReceipt(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if dc.D.State == dossiers.Draft {
		return errs.E(errs.NotFound, "Ce dossier n'est pas encore envoyé : il n'a pas de récépissé.")
	}
	v := receiptView{Page: s.page(r, "Dossier envoyé — "+dc.ProcTitle), dossierCtx: dc, Reference: dc.D.ShownReference(),
		NextSteps: s.nextSteps(r, dc), Lines: dc.Form.Summary(dc.Answers)}
	return s.render(w, http.StatusOK, "dossiers-receipt", v)
}

// dossierReceiptPDF is the receipt as a PDF: the reference, the date and
// every answer.
func (s *Server) dossierReceiptPDF(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if dc.D.State == dossiers.Draft {
		return errs.E(errs.NotFound, "Ce dossier n'est pas encore envoyé : il n'a pas de récépissé.")
	}
	doc := receiptDocument(dc, s.nextSteps(r, dc))
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="recepisse-`+dc.D.ShownReference()+`.pdf"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, err = buf.WriteTo(w)
	return err
}

// receiptDocument lays the receipt out for the PDF writer.
func receiptDocument(dc *dossierCtx, next string) pdf.Document {
	d := dc.D
	org := ""
	if dc.Proc != nil {
		org = dc.Proc.Org.Name
	}
	doc := pdf.Document{Title: "Récépissé du dossier " + d.ShownReference(), Author: org, Created: d.SubmittedAt}
	add := func(b pdf.Block) { doc.Blocks = append(doc.Blocks, b) }
	add(pdf.Block{Kind: pdf.Heading, Text: "Récépissé de dépôt"})
	add(pdf.Block{Text: dc.ProcTitle})
	add(pdf.Block{Kind: pdf.Pair, Label: "Numéro de dossier", Value: d.ShownReference()})
	add(pdf.Block{Kind: pdf.Pair, Label: "Envoyé le", Value: frenchDateTime(d.SubmittedAt)})
	if org != "" {
		add(pdf.Block{Kind: pdf.Pair, Label: "Administration", Value: org})
	}
	add(pdf.Block{Text: next})
	add(pdf.Block{Kind: pdf.Rule})
	add(pdf.Block{Kind: pdf.Heading, Text: "Vos réponses"})
	for _, l := range dc.Form.Summary(dc.Answers) {
		add(pdf.Block{Kind: pdf.Pair, Label: l.Label, Value: l.Value})
		for _, it := range l.Items {
			var parts []string
			for _, c := range it.Lines {
				parts = append(parts, c.Label+" : "+c.Value)
			}
			add(pdf.Block{Kind: pdf.Pair, Label: it.Title, Value: strings.Join(parts, "\n")})
		}
	}
	return doc
}
