package web

// Reading the field editor's inputs into a forms.Field: its type, label,
// limits, condition, options and a new key from its label.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"guichet/internal/forms"
)

// fieldFromForm reads the editor's inputs into a field, starting from old (its key, its
// children and its options' values are kept), and records the problems of the inputs.
func fieldFromForm(f *Form, old forms.Field, form *forms.Form) forms.Field {
	fd := forms.Field{Key: old.Key, Type: forms.Type(f.Get(inType)), Label: f.Get(inLabel), Help: f.Get(inHelp),
		Required: f.Get(inRequired) == "oui", Children: old.Children, ItemLabel: f.Get(inItemLabel),
		AddLabel: f.Get(inAddLabel), Autocomplete: f.Get(inAutocomplete)}
	if !fd.Type.Known() {
		f.Fail(inType, "Choisissez le type de la question.")
	}
	if fd.Label == "" {
		f.Fail(inLabel, "Écrivez l'intitulé : c'est la question que la personne lit.")
	}
	if fd.Type == forms.Choice || fd.Type == forms.Choices {
		fd.Options = optionsFromText(f.Raw(inOptions), old.Options)
		if len(fd.Options) < 2 {
			f.Fail(inOptions, "Écrivez au moins deux réponses, une par ligne.")
		}
	}
	if fd.Type == forms.Repeat && len(fd.Children) == 0 {
		fd.Children = []forms.Field{{Key: newFieldKey(form, fd.ItemName()+" nom"), Type: forms.ShortText, Label: "Nom", Required: true}}
	}
	if fd.Type != forms.Repeat {
		fd.Children = nil
	}
	if !fd.Type.Answered() {
		fd.Required = false
	}
	fd.Limits = limitsFromForm(f, fd.Type)
	if fd.Autocomplete != "" && !forms.ValidAutocomplete(fd.Type, fd.Autocomplete) {
		f.Fail(inAutocomplete, "Ce remplissage automatique ne convient pas à ce type de question : choisissez « Aucun ».")
	}
	fd.Condition = conditionFromForm(f)
	return fd
}

// prefillFromForm reads the field's binding: one the editor offers that
// suits the field's type, or the one it already had, kept as it is.
func (s *Server) prefillFromForm(f *Form, old, fd forms.Field) string {
	p := f.Get(inPrefill)
	switch {
	case p == "":
		return ""
	case p == old.Prefill && fd.Type == old.Type:
		return p
	case !s.Prefill.Suits(p, fd.Type):
		f.Fail(inPrefill, "Ce préremplissage ne convient pas à ce type de question : choisissez celui qui correspond, ou « Aucun ».")
	}
	return p
}

// limitsFromForm reads the limits that suit a field of type t.
func limitsFromForm(f *Form, t forms.Type) forms.Limits {
	var l forms.Limits
	number := func(name, what string) *float64 {
		s := f.Get(name)
		if s == "" {
			return nil
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), ",", "."), 64)
		if err != nil || n != n {
			f.Fail(name, "Écrivez "+what+" en chiffres, par exemple 12 ou 12,5.")
			return nil
		}
		return &n
	}
	switch t {
	case forms.Number:
		l.Min, l.Max = number(inMin, "le minimum"), number(inMax, "le maximum")
	case forms.ShortText, forms.LongText:
		if n := number(inMaxLength, "la longueur maximale"); n != nil {
			l.MaxLength = int(*n)
		}
	case forms.Repeat:
		if n := number(inMaxRepeat, "le nombre maximum"); n != nil {
			l.MaxRepeat = int(*n)
		}
	case forms.File:
		if n := number(inMaxFile, "le poids maximum"); n != nil {
			l.MaxFileSize = int64(*n * (1 << 20))
		}
		l.FileTypes = f.Values[inFileTypes]
	case forms.Date:
		l.PastOnly, l.FutureOnly = f.Get(inDates) == "past", f.Get(inDates) == "future"
	}
	return l
}

// conditionFromForm reads the condition editor: none, one comparison, or two combined.
func conditionFromForm(f *Form) *forms.Condition {
	var leaves []forms.Condition
	for n := 1; n <= conditionRows; n++ {
		field := f.Get(fmt.Sprintf("cond%d_field", n))
		if field == "" {
			continue
		}
		leaves = append(leaves, forms.Condition{Op: forms.Op(f.Get(fmt.Sprintf("cond%d_op", n))), Field: field,
			Value: f.Get(fmt.Sprintf("cond%d_value", n))})
	}
	switch len(leaves) {
	case 0:
		return nil
	case 1:
		return &leaves[0]
	}
	join := forms.And
	if f.Get(inJoin) == "or" {
		join = forms.Or
	}
	return &forms.Condition{Op: join, All: leaves}
}

// optionsFromText reads one answer a line; an answer already there keeps its value, so
// that conditions on it keep working.
func optionsFromText(text string, old []forms.Option) []forms.Option {
	var out []forms.Option
	used := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		label := strings.TrimSpace(line)
		if label == "" {
			continue
		}
		value := ""
		for _, o := range old {
			if o.Label == label {
				value = o.Value
			}
		}
		if value == "" {
			value = slugWord(label, "-")
		}
		base := value
		for i := 2; used[value]; i++ {
			value = fmt.Sprintf("%s-%d", base, i)
		}
		used[value] = true
		out = append(out, forms.Option{Value: value, Label: label})
	}
	return out
}

// newFieldKey makes a key from a label, unused in the form: "Date de naissance" gives
// "date_de_naissance".
func newFieldKey(f *forms.Form, label string) string {
	base := slugWord(label, "_")
	if len(base) > 30 {
		base = strings.TrimRight(base[:30], "_")
	}
	if base == "" || base[0] < 'a' || base[0] > 'z' {
		base = "q_" + base
	}
	used := map[string]bool{}
	for _, p := range f.Pages {
		for _, fd := range p.Fields {
			used[fd.Key] = true
			for _, ch := range fd.Children {
				used[ch.Key] = true
			}
		}
	}
	key := strings.TrimRight(base, "_")
	for i := 2; used[key]; i++ {
		key = fmt.Sprintf("%s_%d", base, i)
	}
	return key
}

// slugWord writes s in lower-case letters without accents and digits, other runs of
// characters becoming sep.
func slugWord(s, sep string) string {
	var b strings.Builder
	pending := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9'):
			if pending && b.Len() > 0 {
				b.WriteString(sep)
			}
			pending = false
			b.WriteRune(r)
		default:
			pending = true
		}
	}
	out := b.String()
	if len(out) > 40 {
		out = out[:40]
	}
	if out == "" {
		out = "reponse"
	}
	return out
}
