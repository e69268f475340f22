package forms

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"guichet/internal/errs"
)

// paris is the time zone a date is "today" in.
var paris = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Paris"); err == nil {
		return l
	}
	return time.UTC
}()

// SetClock sets the clock that tells past from future dates (time.Now when never set). The
// Service sets its own on every form it returns.
func (f *Form) SetClock(now func() time.Time) { f.now = now }

func (f *Form) today() string {
	now := time.Now
	if f.now != nil {
		now = f.now
	}
	return now().In(paris).Format("2006-01-02")
}

// Validate checks the answers to page (0-based) that are shown given all the answers, and
// returns them: cleaned (normalised) when right, as typed when wrong, so that the dossiers
// module can keep a draft with everything typed and the page can show it again. Answers of
// other pages are not returned. The problems come in the order of the page, each with its
// own plain-French message, Field naming the input: the field's key, "key.day" style parts
// are not used, and a repeatable block's child is "key[2].child".
func (f *Form) Validate(page int, answers Answers) (Answers, []errs.FieldError) {
	out := Answers{}
	if page < 0 || page >= len(f.Pages) {
		return out, nil
	}
	return out, f.validatePage(page, answers, f.today(), out)
}

// validatePage checks page as Validate does, on the day today, and puts
// the answers to keep in out.
func (f *Form) validatePage(page int, answers Answers, today string, out Answers) []errs.FieldError {
	var problems []errs.FieldError
	for i := range f.Pages[page].Fields {
		fd := &f.Pages[page].Fields[i]
		if !fd.Type.Answered() || !f.Visible(fd, answers) {
			continue
		}
		v, fe := f.validateField(fd, answers[fd.Key], today)
		if !v.Empty() {
			out[fd.Key] = v
		}
		problems = append(problems, fe...)
	}
	return problems
}

// ValidateAll checks every answer the person sees, for the final check before a dossier is
// sent. It returns the answers to send: cleaned, without the answers of fields now hidden by
// a condition. PageOf tells which page a problem is on. The day is read once for all the
// pages (a date checked on one page is checked against the same day on the others).
func (f *Form) ValidateAll(answers Answers) (Answers, []errs.FieldError) {
	out := Answers{}
	today := f.today()
	var problems []errs.FieldError
	for p := range f.Pages {
		problems = append(problems, f.validatePage(p, answers, today, out)...)
	}
	return out, problems
}

// validateField checks one top-level answer; a Repeat block checks each of its items.
func (f *Form) validateField(fd *Field, v Value, today string) (Value, []errs.FieldError) {
	if fd.Type == Repeat {
		return f.validateRows(fd, v.Rows, today)
	}
	c, msg := clean(fd, v, today)
	if msg != "" {
		return v, []errs.FieldError{{Field: fd.Key, Message: msg}}
	}
	return c, nil
}

func (f *Form) validateRows(fd *Field, rows []Answers, today string) (Value, []errs.FieldError) {
	if len(rows) == 0 {
		if fd.Required {
			return Value{}, []errs.FieldError{{Field: fd.Key, Message: requiredMessage(fd)}}
		}
		return Value{}, nil
	}
	var problems []errs.FieldError
	if len(rows) > fd.MaxItems() {
		problems = append(problems, errs.FieldError{Field: fd.Key,
			Message: fmt.Sprintf("Vous pouvez indiquer %d éléments au plus : retirez-en %d.", fd.MaxItems(), len(rows)-fd.MaxItems())})
	}
	out := make([]Answers, len(rows))
	for i, row := range rows {
		out[i] = Answers{}
		for j := range fd.Children {
			ch := &fd.Children[j]
			if !ch.Type.Answered() || ch.Type == Repeat {
				continue
			}
			raw := row[ch.Key]
			c, msg := clean(ch, raw, today)
			if msg != "" {
				c = raw
				problems = append(problems, errs.FieldError{Field: RowKey(fd.Key, i, ch.Key),
					Message: fmt.Sprintf("%s %d : %s", fd.ItemName(), i+1, msg)})
			}
			if !c.Empty() {
				out[i][ch.Key] = c
			}
		}
	}
	return Value{Rows: out}, problems
}

// RowKey names the input of child of item i (0-based) of a repeatable block: "enfants[0].prenom".
func RowKey(block string, i int, child string) string {
	return block + "[" + strconv.Itoa(i) + "]." + child
}

// TopKey returns the top-level field key an input or problem name is about:
// "enfants[0].prenom" and "naissance.day" are about "enfants" and "naissance".
func TopKey(name string) string {
	if i := strings.IndexAny(name, "[."); i >= 0 {
		return name[:i]
	}
	return name
}

// PageOfProblem returns the page (0-based) a problem of ValidateAll is on, -1 when unknown.
func (f *Form) PageOfProblem(fe errs.FieldError) int { return f.PageOf(TopKey(fe.Field)) }
