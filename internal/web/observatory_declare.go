package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/observatory"
)

// observatoryDeclareView is the model of the owner's declaration page.
type observatoryDeclareView struct {
	Page
	Procedure        catalogue.Summary
	ListURL, EditURL string
	Action, Public   string
	Edition          string
	Form             *Form
	Saved            bool
	MaxNote          int
}

func (s *Server) observatoryDeclareView(r *http.Request) (*observatoryDeclareView, ownerScope, error) {
	o, err := ownerOf(r)
	if err != nil {
		return nil, o, err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return nil, o, err
	}
	ed := s.Observatory.Current()
	return &observatoryDeclareView{Page: s.page(r, "Déclaration pour l'observatoire – « "+p.Title+" »"), Procedure: p,
		ListURL: o.listURL(), EditURL: o.editURL(p.Slug), Action: o.editURL(p.Slug) + "/observatoire",
		Public: "/observatoire/" + p.Slug, Edition: ed.Label(), Form: emptyForm(), MaxNote: observatory.MaxNote}, o, nil
}

// declaredForm fills the form with what the owner declared for the
// current edition, so that saving again changes only what they change.
func (s *Server) declaredForm(r *http.Request, slug string) (*Form, error) {
	f := emptyForm()
	decls, err := s.Observatory.Declarations(r.Context(), s.Observatory.Current())
	if err != nil {
		return nil, err
	}
	d := decls[slug]
	if d == nil {
		return f, nil
	}
	if d.RGAARate != nil {
		f.Values.Set("rgaa_rate", strings.Replace(strconv.FormatFloat(*d.RGAARate, 'f', -1, 64), ".", ",", 1))
		f.Values.Set("rgaa_audited_on", d.RGAAAuditedOn)
	}
	if d.OtherChannels != nil {
		f.Values.Set("other_channels", strconv.Itoa(*d.OtherChannels))
	}
	f.Values.Set("note", d.Note)
	return f, nil
}

// observatoryDeclarePage shows the owner the form of what they declare to
// the observatory for the current edition.
func (s *Server) observatoryDeclarePage(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.observatoryDeclareView(r)
	if err != nil {
		return err
	}
	v.Saved = r.URL.Query().Get("enregistre") == "1"
	if v.Form, err = s.declaredForm(r, v.Procedure.Slug); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "observatory-declare", v)
}

// observatoryDeclare stores the owner's declaration: the RGAA rate with its
// audit date, and the requests through other channels.
func (s *Server) observatoryDeclare(w http.ResponseWriter, r *http.Request) error {
	v, o, err := s.observatoryDeclareView(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	v.Form = f
	var d observatory.Declaration
	if raw := strings.ReplaceAll(f.Get("rgaa_rate"), ",", "."); raw != "" {
		if x, err := strconv.ParseFloat(raw, 64); err != nil {
			f.Fail("rgaa_rate", "Écrivez le taux de conformité RGAA en chiffres, par exemple 75 ou 82,5.")
		} else {
			d.RGAARate = &x
		}
	}
	d.RGAAAuditedOn = f.Get("rgaa_audited_on")
	if d.RGAARate == nil && d.RGAAAuditedOn != "" {
		if f.ErrorFor("rgaa_rate") == "" {
			f.Fail("rgaa_rate", "Donnez le taux de conformité RGAA de l'audit daté.")
		}
	}
	if raw := f.Get("other_channels"); raw != "" {
		if n, err := strconv.Atoi(strings.ReplaceAll(raw, " ", "")); err != nil {
			f.Fail("other_channels", "Écrivez le nombre de demandes en chiffres, par exemple 1200.")
		} else {
			d.OtherChannels = &n
		}
	}
	d.Note = strings.ReplaceAll(f.Get("note"), "\r\n", "\n")
	// Every problem at once, in the order of the form.
	f.Errors = append(f.Errors, d.Problems()...)
	order := map[string]int{"rgaa_rate": 0, "rgaa_audited_on": 1, "other_channels": 2, "note": 3}
	slices.SortStableFunc(f.Errors, func(a, b errs.FieldError) int { return order[a.Field] - order[b.Field] })
	if f.Valid() {
		err = s.Observatory.Declare(r.Context(), o.Editor.UserID, v.Procedure.Slug, s.Observatory.Current(), d)
		if !f.FailWith(err) && err != nil {
			return err
		}
	}
	if !f.Valid() {
		return s.render(w, http.StatusUnprocessableEntity, "observatory-declare", v)
	}
	http.Redirect(w, r, v.Action+"?enregistre=1", http.StatusSeeOther)
	return nil
}
