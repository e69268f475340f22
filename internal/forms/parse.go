package forms

import (
	"net/url"
	"strconv"
	"strings"
)

// The names of the submit buttons of a repeatable block, whose value says which block or
// item: a page works without JavaScript, each button sending the whole page.
const (
	AddButton    = "_ajouter" // value: the block's key
	RemoveButton = "_retirer" // value: the item's name, "enfants[1]"
)

// RowAction is what a posted page asked of a repeatable block instead of going on: add an
// item or remove one. The page is then shown again, with nothing checked.
type RowAction struct {
	Add    string // the key of the block an item was added to
	Remove string // the key of the block an item was removed from
	Row    int    // the item removed (0-based)
}

// Changed tells whether the page asked to add or remove an item.
func (a RowAction) Changed() bool { return a.Add != "" || a.Remove != "" }

// ParsePage reads the answers to page (0-based) from a posted page (r.PostForm), with what
// the person typed, before any check. Inputs are named after the field keys:
//   - "key" for most fields, repeated for Choices;
//   - "key.day", "key.month", "key.year" for a Date;
//   - "key.street", "key.postcode", "key.town" for an Address;
//   - "key.count" (hidden) and "key[i].child" for the items of a Repeat block;
//   - File fields are not read here: the dossiers module stores the file and sets the answer.
//
// Every answered field of the page but files has its key in the result, empty when nothing
// was typed (or every box unticked), so that Answers.Merge over the draft clears it.
//
// A press of AddButton or RemoveButton is applied to the answers and returned, so the page
// is shown again rather than checked. Answers of hidden fields are read too: Validate drops
// them.
func (f *Form) ParsePage(page int, values url.Values) (Answers, RowAction) {
	out := Answers{}
	var act RowAction
	if page < 0 || page >= len(f.Pages) {
		return out, act
	}
	for i := range f.Pages[page].Fields {
		fd := &f.Pages[page].Fields[i]
		switch fd.Type {
		case Section, Explanation, File:
			continue
		case Repeat:
			out[fd.Key] = Value{Rows: parseRows(fd, values)}
			continue
		}
		out[fd.Key] = parseValue(fd, fd.Key, values)
	}
	if add := values.Get(AddButton); add != "" {
		if fd := f.pageField(page, add); fd != nil && fd.Type == Repeat {
			rows := out[add].Rows
			if len(rows) < fd.MaxItems() {
				out[add] = Value{Rows: append(rows, Answers{})}
			}
			act.Add = add
		}
	}
	if rm := values.Get(RemoveButton); rm != "" {
		key, n, ok := parseRowName(rm)
		if fd := f.pageField(page, key); ok && fd != nil && fd.Type == Repeat {
			rows := out[key].Rows
			if n < len(rows) {
				out[key] = Value{Rows: append(rows[:n:n], rows[n+1:]...)}
			}
			act.Remove, act.Row = key, n
		}
	}
	return out, act
}

// pageField returns the field of key on page, nil when none.
func (f *Form) pageField(page int, key string) *Field {
	for i := range f.Pages[page].Fields {
		if f.Pages[page].Fields[i].Key == key {
			return &f.Pages[page].Fields[i]
		}
	}
	return nil
}

// parseValue reads the inputs of one non-repeated field named name.
func parseValue(fd *Field, name string, values url.Values) Value {
	switch fd.Type {
	case Choices:
		var list []string
		for _, x := range values[name] {
			if x != "" {
				list = append(list, x)
			}
		}
		return Value{List: list}
	case Date:
		return Value{Text: JoinDate(values.Get(name+".day"), values.Get(name+".month"), values.Get(name+".year"))}
	case Address:
		a := PostalAddress{Street: values.Get(name + ".street"), Postcode: values.Get(name + ".postcode"),
			Town: values.Get(name + ".town")}
		if strings.TrimSpace(a.Street+a.Postcode+a.Town) == "" {
			return Value{}
		}
		return Value{Address: &a}
	case Section, Explanation, File, Repeat:
		return Value{}
	}
	t := values.Get(name)
	if fd.Type != LongText {
		t = strings.TrimSpace(t)
	}
	return Value{Text: t}
}

// parseRows reads the items of a Repeat block: "key.count" of them, at most MaxItems.
func parseRows(fd *Field, values url.Values) []Answers {
	n, err := strconv.Atoi(values.Get(fd.Key + ".count"))
	if err != nil || n < 0 {
		n = 0
	}
	n = min(n, fd.MaxItems())
	rows := make([]Answers, 0, n)
	for i := 0; i < n; i++ {
		row := Answers{}
		for j := range fd.Children {
			ch := &fd.Children[j]
			if v := parseValue(ch, RowKey(fd.Key, i, ch.Key), values); !v.Empty() {
				row[ch.Key] = v
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// parseRowName reads "key[i]" into key and i.
func parseRowName(s string) (string, int, bool) {
	open := strings.IndexByte(s, '[')
	if open <= 0 || !strings.HasSuffix(s, "]") {
		return "", 0, false
	}
	n, err := strconv.Atoi(s[open+1 : len(s)-1])
	if err != nil || n < 0 {
		return "", 0, false
	}
	return s[:open], n, true
}
