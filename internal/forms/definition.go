package forms

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"guichet/internal/errs"
	"guichet/internal/readability"
)

// Bounds of a form definition, so that a form stays usable and its storage bounded.
const (
	MaxPages         = 60
	MaxFieldsPerPage = 12
	MaxOptions       = 40
	MaxChildren      = 12
	MaxLabelLength   = 300
	MaxHelpLength    = 2000
	MaxRepeatLimit   = 50
	MaxFileSizeLimit = 25 << 20
	MaxConditionTerm = 8
)

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// ValidKey tells whether s can name a field: lower-case letters, digits and "_", starting
// with a letter, 40 characters at most (it appears in input names and stored answers).
func ValidKey(s string) bool { return keyPattern.MatchString(s) }

// Check lists what is wrong with the form's definition, in form order; nil when it can be
// saved. Field names the field's key ("" for the form as a whole) and Message says, in
// plain French for the procedure's owner, what to change.
func (f *Form) Check() []errs.FieldError {
	var p problems
	if len(f.Pages) == 0 {
		p.add("", "Le formulaire n'a aucune page : ajoutez une question.")
	}
	if len(f.Pages) > MaxPages {
		p.add("", fmt.Sprintf("Le formulaire a %d pages : %d au plus.", len(f.Pages), MaxPages))
	}
	seen := map[string]bool{}
	for pi := range f.Pages {
		pg := &f.Pages[pi]
		if len(pg.Fields) == 0 {
			p.add("", fmt.Sprintf("La page %d est vide : ajoutez-y une question ou retirez-la.", pi+1))
		}
		if len(pg.Fields) > MaxFieldsPerPage {
			p.add("", fmt.Sprintf("La page %d a %d champs : %d au plus, une chose par page.", pi+1, len(pg.Fields), MaxFieldsPerPage))
		}
		if utf8.RuneCountInString(pg.Title) > MaxLabelLength {
			p.add("", fmt.Sprintf("Le titre de la page %d est trop long.", pi+1))
		}
		for i := range pg.Fields {
			fd := &pg.Fields[i]
			f.checkField(&p, fd, seen, false)
			if fd.Condition != nil {
				f.checkCondition(&p, fd, fd.Condition, pi, 0)
			}
		}
	}
	return p.list
}

// CheckPublish lists what keeps the form from being published: the problems of Check, and
// what a draft may lack but people may not (a title for a page of several questions).
func (f *Form) CheckPublish() []errs.FieldError {
	p := problems{list: f.Check()}
	for pi := range f.Pages {
		questions := 0
		for _, fd := range f.Pages[pi].Fields {
			if fd.Type.Answered() {
				questions++
			}
		}
		if questions > 1 && f.Pages[pi].Title == "" {
			p.add("", fmt.Sprintf("La page %d pose plusieurs questions : donnez-lui un titre, que la personne lit en haut de la page.", pi+1))
		}
	}
	return p.list
}

type problems struct{ list []errs.FieldError }

func (p *problems) add(field, msg string) {
	p.list = append(p.list, errs.FieldError{Field: field, Message: msg})
}

// checkField checks one field's own settings; child tells it is inside a repeatable block.
func (f *Form) checkField(p *problems, fd *Field, seen map[string]bool, child bool) {
	name := fd.Label
	if name == "" {
		name = fd.Key
	}
	switch {
	case !ValidKey(fd.Key):
		p.add(fd.Key, fmt.Sprintf("« %s » : l'identifiant doit commencer par une lettre et n'avoir que des lettres minuscules sans accent, des chiffres et « _ » (40 au plus).", name))
	case seen[fd.Key]:
		p.add(fd.Key, fmt.Sprintf("L'identifiant « %s » est déjà pris par un autre champ : choisissez-en un autre.", fd.Key))
	}
	seen[fd.Key] = true
	if !fd.Type.Known() {
		p.add(fd.Key, fmt.Sprintf("« %s » : choisissez un type de champ.", name))
	}
	if fd.Label == "" {
		p.add(fd.Key, "Écrivez l'intitulé du champ : c'est la question que la personne lit.")
	}
	if utf8.RuneCountInString(fd.Label) > MaxLabelLength {
		p.add(fd.Key, fmt.Sprintf("« %s » : l'intitulé est trop long, %d caractères au plus.", name, MaxLabelLength))
	}
	if utf8.RuneCountInString(fd.Help) > MaxHelpLength {
		p.add(fd.Key, fmt.Sprintf("« %s » : l'aide est trop longue, %d caractères au plus.", name, MaxHelpLength))
	}
	if !ValidAutocomplete(fd.Type, fd.Autocomplete) {
		p.add(fd.Key, fmt.Sprintf("« %s » : ce remplissage automatique ne convient pas à ce type de champ.", name))
	}
	if child && (fd.Type == Repeat || fd.Type == File) {
		p.add(fd.Key, fmt.Sprintf("« %s » : un bloc répétable ne peut contenir ni document ni autre bloc.", name))
	}
	if child && fd.Condition != nil {
		p.add(fd.Key, fmt.Sprintf("« %s » : un champ d'un bloc répétable ne peut pas avoir de condition.", name))
	}
	f.checkLimits(p, fd, name)
	switch fd.Type {
	case Choice, Choices:
		checkOptions(p, fd, name)
	case Repeat:
		if len(fd.Children) == 0 || len(fd.Children) > MaxChildren {
			p.add(fd.Key, fmt.Sprintf("« %s » : un bloc répétable a de 1 à %d champs.", name, MaxChildren))
		}
		for i := range fd.Children {
			f.checkField(p, &fd.Children[i], seen, true)
		}
	}
}

func checkOptions(p *problems, fd *Field, name string) {
	if len(fd.Options) < 2 || len(fd.Options) > MaxOptions {
		p.add(fd.Key, fmt.Sprintf("« %s » : proposez de 2 à %d réponses.", name, MaxOptions))
	}
	values := map[string]bool{}
	for _, o := range fd.Options {
		if o.Value == "" || o.Label == "" {
			p.add(fd.Key, fmt.Sprintf("« %s » : chaque réponse proposée a un texte.", name))
			continue
		}
		if values[o.Value] {
			p.add(fd.Key, fmt.Sprintf("« %s » : la réponse « %s » est proposée deux fois.", name, o.Label))
		}
		values[o.Value] = true
	}
}

func (f *Form) checkLimits(p *problems, fd *Field, name string) {
	l := fd.Limits
	if l.Min != nil && l.Max != nil && *l.Min > *l.Max {
		p.add(fd.Key, fmt.Sprintf("« %s » : le minimum est plus grand que le maximum.", name))
	}
	if l.MaxLength < 0 || l.MaxLength > DefaultLongTextLength*2 {
		p.add(fd.Key, fmt.Sprintf("« %s » : la longueur maximale va de 1 à %d caractères.", name, DefaultLongTextLength*2))
	}
	if l.MaxRepeat < 0 || l.MaxRepeat > MaxRepeatLimit {
		p.add(fd.Key, fmt.Sprintf("« %s » : un bloc se répète %d fois au plus.", name, MaxRepeatLimit))
	}
	if l.MaxFileSize < 0 || l.MaxFileSize > MaxFileSizeLimit {
		p.add(fd.Key, fmt.Sprintf("« %s » : un document pèse %s au plus.", name, HumanSize(MaxFileSizeLimit)))
	}
	for _, t := range l.FileTypes {
		if FileTypeName(t) == "" {
			p.add(fd.Key, fmt.Sprintf("« %s » : les formats acceptés sont %s.", name, FileTypesList(AllFileTypes)))
		}
	}
	if l.PastOnly && l.FutureOnly {
		p.add(fd.Key, fmt.Sprintf("« %s » : une date ne peut pas être à la fois passée et future.", name))
	}
}

// checkCondition checks that c only looks at answered fields of pages before page.
func (f *Form) checkCondition(p *problems, fd *Field, c *Condition, page, depth int) {
	if depth > 2 {
		p.add(fd.Key, fmt.Sprintf("« %s » : la condition est trop compliquée, simplifiez-la.", fd.Label))
		return
	}
	switch c.Op {
	case And, Or:
		if len(c.All) == 0 || len(c.All) > MaxConditionTerm {
			p.add(fd.Key, fmt.Sprintf("« %s » : combinez de 1 à %d conditions.", fd.Label, MaxConditionTerm))
		}
		for i := range c.All {
			f.checkCondition(p, fd, &c.All[i], page, depth+1)
		}
		return
	case Equals, NotEquals, Contains, Greater, Less:
	default:
		p.add(fd.Key, fmt.Sprintf("« %s » : choisissez comment comparer la réponse.", fd.Label))
		return
	}
	ref := f.Field(c.Field)
	switch {
	case ref == nil:
		p.add(fd.Key, fmt.Sprintf("« %s » : la condition porte sur un champ qui n'existe pas.", fd.Label))
	case f.PageOf(c.Field) >= page:
		p.add(fd.Key, fmt.Sprintf("« %s » : la condition doit porter sur une question d'une page précédente.", fd.Label))
	case !ref.Type.Answered() || ref.Type == Repeat || ref.Type == File:
		p.add(fd.Key, fmt.Sprintf("« %s » : la condition doit porter sur une réponse simple, pas sur « %s ».", fd.Label, ref.Label))
	}
	if (c.Op == Greater || c.Op == Less) && c.Value != "" {
		if _, n := parseNumber(c.Value); !n {
			if _, d := parseISODate(c.Value); !d {
				p.add(fd.Key, fmt.Sprintf("« %s » : pour comparer, indiquez un nombre ou une date (2026-03-05).", fd.Label))
			}
		}
	}
}

// Warning is a label or help text that could be plainer, for the editor.
type Warning struct {
	Key     string // the field's key
	Label   string
	Message string
}

// Warnings lists, for the editor, the labels and help texts of the form that could be
// plainer (long sentences, unexplained acronyms, long words), from internal/readability.
func (f *Form) Warnings() []Warning {
	var out []Warning
	var walk func(fd *Field)
	walk = func(fd *Field) {
		for _, text := range []string{fd.Label, fd.Help} {
			for _, w := range readability.Check(text).Warnings {
				out = append(out, Warning{Key: fd.Key, Label: fd.Label, Message: w.Message})
			}
		}
		for i := range fd.Children {
			walk(&fd.Children[i])
		}
	}
	for p := range f.Pages {
		for i := range f.Pages[p].Fields {
			walk(&f.Pages[p].Fields[i])
		}
	}
	return out
}
