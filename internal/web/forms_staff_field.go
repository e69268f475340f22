package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/forms"
)

// The inputs of the field editor.
const (
	inType, inLabel, inHelp, inRequired          = "type", "label", "help", "required"
	inOptions, inMin, inMax, inMaxLength         = "options", "min", "max", "max_length"
	inMaxRepeat, inMaxFile, inFileTypes, inDates = "max_repeat", "max_file_mb", "file_types", "date_limit"
	inAutocomplete, inItemLabel, inAddLabel      = "autocomplete", "item_label", "add_label"
	inPrefill                                    = "prefill"
	inJoin                                       = "cond_join"
)

// conditionRows is how many comparisons the editor offers, combined with "et" or "ou".
const conditionRows = 2

// fieldEditorView is the model of the page that edits one field.
type fieldEditorView struct {
	Page
	Form           *Form
	ProcedureTitle string
	FormURL        string
	Action         string
	PageIndex      int
	PageNumber     int
	Key, Block     string
	IsNew, InBlock bool
	Types          []option
	Autocomplete   []option
	Prefill        []option
	FileTypes      []option
	DateLimits     []option
	Joins          []option
	Conditions     []conditionRow
	Warnings       []string
	Problems       []errs.FieldError
}

// conditionRow is one comparison of the condition editor.
type conditionRow struct {
	Number       int
	Field, Op    selectField
	Value        Field
	EarlierNames []string
}

func (s *Server) formFieldPage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.openFormEditor(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	key, block := q.Get("champ"), q.Get("bloc")
	fd, err := fieldAt(e.Draft, page, key, block)
	if err != nil {
		return err
	}
	v := s.fieldEditorView(r, e, page, key, block, &Form{Values: fieldValues(fd)})
	return s.render(w, http.StatusOK, "forms-staff-field", v)
}

// fieldAt returns a copy of the field to edit: key on page (in block, when given), or a new
// short text field when key is "". page may be one past the last, for a new page.
func fieldAt(f *forms.Form, page int, key, block string) (forms.Field, error) {
	if page < 0 || page > len(f.Pages) || (page == len(f.Pages) && (key != "" || block != "")) {
		return forms.Field{}, errs.E(errs.NotFound, "Cette page du formulaire n'existe pas.")
	}
	if key == "" {
		if block != "" && findField(f.Pages[page].Fields, block) == nil {
			return forms.Field{}, errs.E(errs.NotFound, msgNoSuchField)
		}
		return forms.Field{Type: forms.ShortText}, nil
	}
	list := f.Pages[page].Fields
	if block != "" {
		parent := findField(list, block)
		if parent == nil {
			return forms.Field{}, errs.E(errs.NotFound, msgNoSuchField)
		}
		list = parent.Children
	}
	fd := findField(list, key)
	if fd == nil {
		return forms.Field{}, errs.E(errs.NotFound, msgNoSuchField)
	}
	return *fd, nil
}

func (s *Server) fieldEditorView(r *http.Request, e *formEditor, page int, key, block string, f *Form) fieldEditorView {
	title := "Nouvelle question"
	if key != "" {
		title = "Modifier la question"
	}
	v := fieldEditorView{Page: s.page(r, title+" : "+e.Title), Form: f, ProcedureTitle: e.Title, FormURL: e.formURL(),
		Action: e.formURL() + "/champ", PageIndex: page, PageNumber: page + 1, Key: key, Block: block,
		IsNew: key == "", InBlock: block != ""}
	v.HasErrors = !f.Valid()
	for _, t := range forms.Types {
		if block != "" && (t == forms.Repeat || t == forms.File) {
			continue
		}
		v.Types = append(v.Types, option{string(t), t.Name(), f.Get(inType) == string(t)})
	}
	v.Autocomplete = []option{{"", "Aucun", f.Get(inAutocomplete) == ""}}
	for _, o := range forms.AutocompleteTokens {
		v.Autocomplete = append(v.Autocomplete, option{o.Value, o.Label, f.Get(inAutocomplete) == o.Value})
	}
	v.Prefill = []option{{"", "Aucun : la personne répond", f.Get(inPrefill) == ""}}
	known := false
	for _, o := range s.Prefill.Choices() {
		v.Prefill = append(v.Prefill, option{o.Value, o.Label, f.Get(inPrefill) == o.Value})
		known = known || f.Get(inPrefill) == o.Value
	}
	if p := f.Get(inPrefill); p != "" && !known {
		// A binding the form definition holds that the editor does not
		// offer (a connector not configured here) stays as it is.
		v.Prefill = append(v.Prefill, option{p, p + " (gardé tel quel)", true})
	}
	for _, t := range forms.AllFileTypes {
		v.FileTypes = append(v.FileTypes, option{t, forms.FileTypeName(t), contains(f.Values[inFileTypes], t)})
	}
	for _, o := range [][2]string{{"", "Toutes les dates"}, {"past", "Une date passée (naissance…)"}, {"future", "Une date à venir (rendez-vous…)"}} {
		v.DateLimits = append(v.DateLimits, option{o[0], o[1], f.Get(inDates) == o[0]})
	}
	for _, o := range [][2]string{{"and", "Toutes les conditions"}, {"or", "Au moins une des conditions"}} {
		v.Joins = append(v.Joins, option{o[0], o[1], f.Get(inJoin) == o[0] || (o[0] == "and" && f.Get(inJoin) == "")})
	}
	if block == "" {
		v.Conditions = conditionRowsFor(e.Draft, page, f)
	}
	if label := f.Get(inLabel); label != "" {
		probe := forms.Form{Pages: []forms.Page{{Fields: []forms.Field{{Key: "x", Label: label, Help: f.Get(inHelp)}}}}}
		for _, w := range probe.Warnings() {
			v.Warnings = append(v.Warnings, w.Message)
		}
	}
	return v
}

// conditionRowsFor builds the condition editor: the answered fields of earlier pages.
func conditionRowsFor(f *forms.Form, page int, in *Form) []conditionRow {
	var earlier []option
	for p := 0; p < page && p < len(f.Pages); p++ {
		for _, fd := range f.Pages[p].Fields {
			if fd.Type.Answered() && fd.Type != forms.Repeat && fd.Type != forms.File {
				earlier = append(earlier, option{fd.Key, fd.Label, false})
			}
		}
	}
	if len(earlier) == 0 {
		return nil
	}
	rows := make([]conditionRow, conditionRows)
	for i := range rows {
		n := i + 1
		name := func(s string) string { return fmt.Sprintf("cond%d_%s", n, s) }
		row := conditionRow{Number: n}
		row.Field = selectField{Field: field(in, name("field"), "Question")}
		row.Field.Options = append(row.Field.Options, option{"", "Aucune condition", in.Get(name("field")) == ""})
		for _, o := range earlier {
			row.Field.Options = append(row.Field.Options, option{o.Value, o.Label, in.Get(name("field")) == o.Value})
		}
		row.Op = selectField{Field: field(in, name("op"), "Comparaison")}
		for _, op := range forms.Ops {
			row.Op.Options = append(row.Op.Options, option{string(op), op.Name(), in.Get(name("op")) == string(op)})
		}
		row.Value = field(in, name("value"), "Valeur", "hint", "Pour un choix, écrivez la réponse telle qu'elle est proposée ; pour oui ou non, écrivez oui ou non.")
		rows[i] = row
	}
	return rows
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fieldValues fills the editor's inputs from a field.
func fieldValues(fd forms.Field) map[string][]string {
	v := map[string][]string{inType: {string(fd.Type)}, inLabel: {fd.Label}, inHelp: {fd.Help},
		inAutocomplete: {fd.Autocomplete}, inPrefill: {fd.Prefill}, inItemLabel: {fd.ItemLabel}, inAddLabel: {fd.AddLabel},
		inFileTypes: fd.Limits.FileTypes}
	if fd.Required {
		v[inRequired] = []string{"oui"}
	}
	labels := make([]string, len(fd.Options))
	for i, o := range fd.Options {
		labels[i] = o.Label
	}
	v[inOptions] = []string{strings.Join(labels, "\n")}
	if fd.Limits.Min != nil {
		v[inMin] = []string{forms.FormatNumber(*fd.Limits.Min)}
	}
	if fd.Limits.Max != nil {
		v[inMax] = []string{forms.FormatNumber(*fd.Limits.Max)}
	}
	if fd.Limits.MaxLength > 0 {
		v[inMaxLength] = []string{strconv.Itoa(fd.Limits.MaxLength)}
	}
	if fd.Limits.MaxRepeat > 0 {
		v[inMaxRepeat] = []string{strconv.Itoa(fd.Limits.MaxRepeat)}
	}
	if fd.Limits.MaxFileSize > 0 {
		v[inMaxFile] = []string{forms.FormatNumber(float64(fd.Limits.MaxFileSize) / (1 << 20))}
	}
	switch {
	case fd.Limits.PastOnly:
		v[inDates] = []string{"past"}
	case fd.Limits.FutureOnly:
		v[inDates] = []string{"future"}
	}
	if c := fd.Condition; c != nil {
		leaves := []forms.Condition{*c}
		if c.Op == forms.And || c.Op == forms.Or {
			leaves = c.All
			v[inJoin] = []string{string(c.Op)}
		}
		for i, l := range leaves {
			if i >= conditionRows {
				break
			}
			n := i + 1
			v[fmt.Sprintf("cond%d_field", n)] = []string{l.Field}
			v[fmt.Sprintf("cond%d_op", n)] = []string{string(l.Op)}
			v[fmt.Sprintf("cond%d_value", n)] = []string{l.Value}
		}
	}
	return v
}

func (s *Server) formFieldSave(w http.ResponseWriter, r *http.Request) error {
	e, err := s.openFormEditor(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	page, _ := strconv.Atoi(f.Get("page"))
	key, block := f.Get("champ"), f.Get("bloc")
	old, err := fieldAt(e.Draft, page, key, block)
	if err != nil {
		return err
	}
	fd := fieldFromForm(f, old, e.Draft)
	fd.Prefill = s.prefillFromForm(f, old, fd)
	render := func(status int) error {
		return s.render(w, status, "forms-staff-field", s.fieldEditorView(r, e, page, key, block, f))
	}
	if !f.Valid() {
		return render(http.StatusUnprocessableEntity)
	}
	if key == "" {
		fd.Key = newFieldKey(e.Draft, fd.Label)
	}
	placeField(e.Draft, page, key, block, fd)
	if err := s.saveFormDraft(r.Context(), e); err != nil {
		fe := errs.FieldsOf(err)
		if fe == nil {
			return err
		}
		v := s.fieldEditorView(r, e, page, key, block, f)
		v.Problems, v.HasErrors = fe, true
		return s.render(w, http.StatusUnprocessableEntity, "forms-staff-field", v)
	}
	http.Redirect(w, r, e.formURL()+"?fait=enregistre#champ-"+fd.Key, http.StatusSeeOther)
	return nil
}

// placeField puts fd in the form: in place of key, or at the end of page (a new page when
// page is one past the last), or of block.
func placeField(f *forms.Form, page int, key, block string, fd forms.Field) {
	if page == len(f.Pages) {
		f.Pages = append(f.Pages, forms.Page{})
	}
	list := &f.Pages[page].Fields
	if block != "" {
		list = &findField(*list, block).Children
	}
	if i := indexOfField(*list, key); key != "" && i >= 0 {
		(*list)[i] = fd
		return
	}
	*list = append(*list, fd)
}
