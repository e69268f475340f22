package forms

import (
	"strconv"
	"strings"
)

// Op is the operator of a condition.
type Op string

// The condition operators. The values are stored in form definitions: never rename one.
const (
	Equals    Op = "equals"     // the answer is the value (or, for several choices, holds it)
	NotEquals Op = "not_equals" // the opposite of Equals; true on no answer
	Contains  Op = "contains"   // the choices hold the value, or the text holds it (any case)
	Greater   Op = "greater"    // the number (or date) is after the value
	Less      Op = "less"       // the number (or date) is before the value
	And       Op = "and"        // every condition of All holds
	Or        Op = "or"         // at least one condition of All holds
)

// Ops lists the comparison operators in the order the editor offers them.
var Ops = []Op{Equals, NotEquals, Contains, Greater, Less}

var opNames = map[Op]string{Equals: "est égal à", NotEquals: "est différent de",
	Contains: "contient", Greater: "est plus grand que", Less: "est plus petit que",
	And: "et", Or: "ou"}

// Name is the operator in plain French.
func (o Op) Name() string { return opNames[o] }

// Condition tells when a field is shown. A comparison (Equals … Less) looks at the answer
// to Field, a field of an earlier page; And and Or combine the conditions of All.
type Condition struct {
	Op    Op          `json:"op"`
	Field string      `json:"field,omitempty"`
	Value string      `json:"value,omitempty"`
	All   []Condition `json:"all,omitempty"`
}

// Visible tells whether fd is shown given the answers: its condition holds on answers to
// fields that are themselves shown. A field without a condition is always shown.
func (f *Form) Visible(fd *Field, answers Answers) bool {
	return f.visible(fd, answers, 0)
}

// maxDepth bounds how deep conditions on conditioned fields are followed: definitions
// only point to earlier pages, so a loop is impossible there, and this guards the rest.
const maxDepth = 32

func (f *Form) visible(fd *Field, answers Answers, depth int) bool {
	if fd == nil || fd.Condition == nil {
		return true
	}
	if depth > maxDepth {
		return false
	}
	return f.holds(fd.Condition, answers, depth)
}

// holds evaluates c on the answers.
func (f *Form) holds(c *Condition, answers Answers, depth int) bool {
	switch c.Op {
	case And:
		for i := range c.All {
			if !f.holds(&c.All[i], answers, depth) {
				return false
			}
		}
		return true
	case Or:
		for i := range c.All {
			if f.holds(&c.All[i], answers, depth) {
				return true
			}
		}
		return false
	}
	var v Value
	if ref := f.Field(c.Field); ref != nil && f.visible(ref, answers, depth+1) {
		v = answers[c.Field]
	}
	return compare(c.Op, v, c.Value)
}

// compare applies one comparison operator to an answer.
func compare(op Op, v Value, want string) bool {
	switch op {
	case Equals:
		return equals(v, want)
	case NotEquals:
		return !equals(v, want)
	case Contains:
		if len(v.List) > 0 {
			return v.Has(want)
		}
		return want != "" && strings.Contains(strings.ToLower(v.Text), strings.ToLower(want))
	case Greater, Less:
		c, ok := order(v.Text, want)
		if !ok {
			return false
		}
		if op == Greater {
			return c > 0
		}
		return c < 0
	}
	return false
}

func equals(v Value, want string) bool {
	if len(v.List) > 0 {
		return v.Has(want)
	}
	if a, okA := parseNumber(v.Text); okA {
		if b, okB := parseNumber(want); okB {
			return a == b
		}
	}
	return strings.EqualFold(strings.TrimSpace(v.Text), strings.TrimSpace(want))
}

// order compares an answer with a value as numbers, or as dates (YYYY-MM-DD sort as text).
func order(got, want string) (int, bool) {
	if a, ok := parseNumber(got); ok {
		if b, ok := parseNumber(want); ok {
			switch {
			case a < b:
				return -1, true
			case a > b:
				return 1, true
			}
			return 0, true
		}
	}
	if _, ok := parseISODate(got); ok {
		if _, ok := parseISODate(want); ok {
			return strings.Compare(got, want), true
		}
	}
	return 0, false
}

// parseNumber reads a number written the French way ("1 234,5") or with a point.
func parseNumber(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f':
			return -1
		case ',':
			return '.'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n != n || n > 1e15 || n < -1e15 {
		return 0, false
	}
	return n, true
}
