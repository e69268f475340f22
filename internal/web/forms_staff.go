package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/forms"
)

// formEditor is the procedure whose online form an owner edits, with its draft.
type formEditor struct {
	Scope ownerScope
	Slug  string
	Title string
	Draft *forms.Form
}

// formURL is the address of the form editor of the procedure.
func (e *formEditor) formURL() string { return e.Scope.editURL(e.Slug) + "/formulaire" }

// openFormEditor checks that the person owns the procedure of the path and reads its draft.
func (s *Server) openFormEditor(r *http.Request) (*formEditor, error) {
	o, err := ownerOf(r)
	if err != nil {
		return nil, err
	}
	slug := r.PathValue("slug")
	ed, err := s.Catalogue.Edited(r.Context(), o.Editor, slug)
	if err != nil {
		return nil, err
	}
	draft, err := s.Forms.Draft(r.Context(), slug)
	if err != nil {
		return nil, err
	}
	return &formEditor{Scope: o, Slug: slug, Title: ed.Latest.Procedure.Title, Draft: draft}, nil
}

// save stores the draft as the owner's edit.
func (s *Server) saveFormDraft(ctx context.Context, e *formEditor) error {
	_, err := s.Forms.SaveDraft(ctx, e.Slug, e.Scope.Editor.UserID, *e.Draft)
	return err
}

// formEditorView is the model of the form editor's main page.
type formEditorView struct {
	Page
	Scope            ownerScope
	ProcedureTitle   string
	EditURL, FormURL string
	Version          int
	Published        int // the newest published version, 0 when none
	HasDraft         bool
	Pages            []editorPage
	Warnings         []forms.Warning
	Problems         []errs.FieldError
	Versions         []forms.VersionInfo
	Types            []forms.Type
	Problem          string
}

// editorPage is one page of the form in the editor.
type editorPage struct {
	Index, Number int
	Title         string
	Fields        []editorField
	First, Last   bool
}

// editorField is one field of the form in the editor.
type editorField struct {
	Key, Label, TypeName, Condition string
	Required                        bool
	Children                        []editorField
	Actions                         fieldActions
}

// fieldActions are the buttons that move or remove a field, each a small form.
type fieldActions struct {
	URL, Key, Block, FieldLabel string
	Page                        int
	Buttons                     []actionButton
}

type actionButton struct{ Action, Label string }

// actionsFor lists the buttons that make sense for field i of n on page p of pages.
func actionsFor(url string, p, pages, i, n int, key, block, label string) fieldActions {
	a := fieldActions{URL: url, Key: key, Block: block, FieldLabel: label, Page: p}
	if i > 0 {
		a.Buttons = append(a.Buttons, actionButton{"monter", "Monter"})
	}
	if i < n-1 {
		a.Buttons = append(a.Buttons, actionButton{"descendre", "Descendre"})
	}
	if block == "" {
		if p > 0 {
			a.Buttons = append(a.Buttons, actionButton{"page-precedente", "Mettre sur la page précédente"})
		}
		if p < pages-1 {
			a.Buttons = append(a.Buttons, actionButton{"page-suivante", "Mettre sur la page suivante"})
		}
		if n > 1 {
			a.Buttons = append(a.Buttons, actionButton{"page-seule", "Mettre sur une page à part"})
		}
	}
	a.Buttons = append(a.Buttons, actionButton{"retirer", "Retirer"})
	return a
}

func (s *Server) formEditorPage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.openFormEditor(r)
	if err != nil {
		return err
	}
	v, err := s.formEditorView(r, e)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("fait") {
	case "enregistre":
		v.Notice = "Brouillon enregistré : version " + strconv.Itoa(e.Draft.Version) + ". Les usagers ne le voient pas encore."
	case "publie":
		v.Notice = "La version " + strconv.Itoa(v.Published) + " du formulaire est publiée. Les dossiers déjà commencés gardent leur version."
	case "abandonne":
		v.Notice = "Le brouillon est abandonné : le formulaire reprend la version publiée."
	}
	return s.render(w, http.StatusOK, "forms-staff-edit", v)
}

func (s *Server) formEditorView(r *http.Request, e *formEditor) (formEditorView, error) {
	f := e.Draft
	v := formEditorView{Page: s.page(r, "Formulaire en ligne : "+e.Title), Scope: e.Scope, ProcedureTitle: e.Title,
		EditURL: e.Scope.editURL(e.Slug), FormURL: e.formURL(), Version: f.Version, Types: forms.Types,
		Warnings: f.Warnings()}
	versions, err := s.Forms.Versions(r.Context(), e.Slug)
	if err != nil {
		return v, err
	}
	v.Versions = versions
	for _, x := range versions {
		if !x.Published {
			v.HasDraft = true
		} else if v.Published == 0 {
			v.Published = x.Number
		}
	}
	if v.HasDraft {
		v.Problems = f.CheckPublish()
	}
	for p := range f.Pages {
		ep := editorPage{Index: p, Number: p + 1, Title: f.Pages[p].Title, First: p == 0, Last: p == len(f.Pages)-1}
		for i := range f.Pages[p].Fields {
			fd := &f.Pages[p].Fields[i]
			n := len(f.Pages[p].Fields)
			ef := editorField{Key: fd.Key, Label: fd.Label, TypeName: fd.Type.Name(), Required: fd.Required,
				Condition: describeCondition(f, fd.Condition),
				Actions:   actionsFor(v.FormURL, p, len(f.Pages), i, n, fd.Key, "", fd.Label)}
			for j, ch := range fd.Children {
				ef.Children = append(ef.Children, editorField{Key: ch.Key, Label: ch.Label, TypeName: ch.Type.Name(),
					Required: ch.Required, Actions: actionsFor(v.FormURL, p, len(f.Pages), j, len(fd.Children), ch.Key, fd.Key, ch.Label)})
			}
			ep.Fields = append(ep.Fields, ef)
		}
		v.Pages = append(v.Pages, ep)
	}
	return v, nil
}

// describeCondition writes a condition in words: « Avez-vous des enfants ? » est égal à « Oui ».
func describeCondition(f *forms.Form, c *forms.Condition) string {
	if c == nil {
		return ""
	}
	switch c.Op {
	case forms.And, forms.Or:
		parts := make([]string, len(c.All))
		for i := range c.All {
			parts[i] = describeCondition(f, &c.All[i])
		}
		return strings.Join(parts, " "+c.Op.Name()+" ")
	}
	label, value := c.Field, c.Value
	if ref := f.Field(c.Field); ref != nil {
		label = ref.Label
		switch ref.Type {
		case forms.Choice, forms.Choices:
			value = ref.OptionLabel(c.Value)
		case forms.YesNo:
			value = forms.Display(ref, forms.Value{Text: c.Value})
		}
	}
	return fmt.Sprintf("« %s » %s « %s »", label, c.Op.Name(), value)
}

// formEditorAction applies one button of the editor's main page: move a field up or down
// or to another page, remove it, rename a page, drop the draft.
func (s *Server) formEditorAction(w http.ResponseWriter, r *http.Request) error {
	e, err := s.openFormEditor(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	if f.Get("action") == "abandonner" {
		if err := s.Forms.DiscardDraft(r.Context(), e.Slug); err != nil {
			return err
		}
		http.Redirect(w, r, e.formURL()+"?fait=abandonne", http.StatusSeeOther)
		return nil
	}
	page, _ := strconv.Atoi(f.Get("page"))
	if err := applyEditorAction(e.Draft, f.Get("action"), page, f.Get("champ"), f.Get("bloc"), f.Get("titre")); err != nil {
		return err
	}
	if err := s.saveFormDraft(r.Context(), e); err != nil {
		if fe := errs.FieldsOf(err); fe != nil {
			v, verr := s.formEditorView(r, e)
			if verr != nil {
				return verr
			}
			v.Problem = "Ce changement n'a pas été enregistré : " + fe[0].Message
			v.HasErrors = true
			return s.render(w, http.StatusUnprocessableEntity, "forms-staff-edit", v)
		}
		return err
	}
	http.Redirect(w, r, e.formURL()+"?fait=enregistre", http.StatusSeeOther)
	return nil
}

const msgNoSuchField = "Ce champ n'existe plus : rechargez la page."

// applyEditorAction changes the form as one editor button asks.
func applyEditorAction(f *forms.Form, action string, page int, key, block, title string) error {
	if page < 0 || page >= len(f.Pages) {
		return errs.E(errs.Invalid, "Cette page n'existe plus : rechargez la page.")
	}
	if action == "titre-page" {
		f.Pages[page].Title = strings.TrimSpace(title)
		return nil
	}
	list := &f.Pages[page].Fields
	if block != "" {
		parent := findField(*list, block)
		if parent == nil {
			return errs.E(errs.NotFound, msgNoSuchField)
		}
		list = &parent.Children
	}
	i := indexOfField(*list, key)
	if i < 0 {
		return errs.E(errs.NotFound, msgNoSuchField)
	}
	switch action {
	case "monter":
		if i > 0 {
			(*list)[i-1], (*list)[i] = (*list)[i], (*list)[i-1]
		}
	case "descendre":
		if i < len(*list)-1 {
			(*list)[i+1], (*list)[i] = (*list)[i], (*list)[i+1]
		}
	case "retirer":
		*list = append((*list)[:i:i], (*list)[i+1:]...)
	case "page-precedente", "page-suivante", "page-seule":
		if block != "" {
			return errs.E(errs.Invalid, "Un champ d'un bloc répétable reste dans son bloc.")
		}
		moveToPage(f, page, i, action)
	default:
		return errs.E(errs.Invalid, "Cette action n'existe pas.")
	}
	dropEmptyPages(f)
	return nil
}

// moveToPage moves field i of page to the previous page, the next one, or a new page of its
// own right after.
func moveToPage(f *forms.Form, page, i int, action string) {
	fd := f.Pages[page].Fields[i]
	f.Pages[page].Fields = append(f.Pages[page].Fields[:i:i], f.Pages[page].Fields[i+1:]...)
	switch {
	case action == "page-precedente" && page > 0:
		f.Pages[page-1].Fields = append(f.Pages[page-1].Fields, fd)
	case action == "page-suivante" && page < len(f.Pages)-1:
		f.Pages[page+1].Fields = append([]forms.Field{fd}, f.Pages[page+1].Fields...)
	default:
		pages := append([]forms.Page{}, f.Pages[:page+1]...)
		pages = append(pages, forms.Page{Fields: []forms.Field{fd}})
		f.Pages = append(pages, f.Pages[page+1:]...)
	}
}

// dropEmptyPages removes the pages left without a field.
func dropEmptyPages(f *forms.Form) {
	kept := f.Pages[:0]
	for _, p := range f.Pages {
		if len(p.Fields) > 0 {
			kept = append(kept, p)
		}
	}
	f.Pages = kept
}

func indexOfField(list []forms.Field, key string) int {
	for i := range list {
		if list[i].Key == key {
			return i
		}
	}
	return -1
}

func findField(list []forms.Field, key string) *forms.Field {
	if i := indexOfField(list, key); i >= 0 {
		return &list[i]
	}
	return nil
}

func (s *Server) formPublish(w http.ResponseWriter, r *http.Request) error {
	e, err := s.openFormEditor(r)
	if err != nil {
		return err
	}
	_, err = s.Forms.Publish(r.Context(), e.Slug, e.Scope.Editor.UserID)
	if fe := errs.FieldsOf(err); fe != nil || errs.Is(err, errs.NotFound) {
		v, verr := s.formEditorView(r, e)
		if verr != nil {
			return verr
		}
		v.Problem = "Le formulaire n'a pas été publié : " + errs.MessageOf(err)
		v.HasErrors = true
		return s.render(w, http.StatusUnprocessableEntity, "forms-staff-edit", v)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, e.formURL()+"?fait=publie", http.StatusSeeOther)
	return nil
}
