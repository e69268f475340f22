package openinghours

import "fmt"

// SyntaxError reports an opening_hours value that cannot be read, with the
// byte offset where reading stopped and a short French explanation.
type SyntaxError struct {
	Pos int
	Msg string
}

// Error returns the explanation in French, with the position counted from 1.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("horaires illisibles (caractère %d) : %s", e.Pos+1, e.Msg)
}

// parser reads tokens into rules by recursive descent.
type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

// peekAt returns the token n places ahead, or the final EOF token.
func (p *parser) peekAt(n int) token {
	if p.i+n >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[p.i+n]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

// isPunct tells whether t is the punctuation mark s.
func isPunct(t token, s string) bool { return t.kind == tokPunct && t.text == s }

// accept consumes the punctuation mark s if it comes next.
func (p *parser) accept(s string) bool {
	if isPunct(p.peek(), s) {
		p.i++
		return true
	}
	return false
}

// errorf reports a syntax error at token t.
func errorf(t token, format string, args ...any) error {
	return &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf(format, args...)}
}

// unexpected reports that t cannot come where it stands.
func unexpected(t token) error {
	if t.kind == tokEOF {
		return errorf(t, "la fin arrive trop tôt")
	}
	return errorf(t, "« %s » est inattendu ici", describeToken(t))
}

func describeToken(t token) string {
	if t.kind == tokComment {
		return `"` + t.text + `"`
	}
	return t.text
}

// parseSchedule reads every rule of the value.
func (p *parser) parseSchedule() ([]rule, error) {
	var rules []rule
	sep := sepNormal
	for {
		t := p.peek()
		switch {
		case t.kind == tokEOF:
			return rules, nil
		case isPunct(t, ";"):
			// Empty rules, such as a trailing ";", are common and harmless.
			p.next()
			sep = sepNormal
			continue
		case isPunct(t, ".") && p.peekAt(1).kind == tokEOF:
			p.next()
			continue
		}
		r, err := p.parseRule()
		if err != nil {
			return nil, err
		}
		r.sep = sep
		if len(rules) == 0 {
			r.sep = sepNormal
		}
		rules = append(rules, r)
		switch t := p.peek(); {
		case t.kind == tokEOF:
			return rules, nil
		case isPunct(t, ";"):
			sep = sepNormal
		case isPunct(t, ","):
			sep = sepAdditional
		case isPunct(t, "||"):
			sep = sepFallback
		default:
			return nil, unexpected(t)
		}
		p.next()
	}
}

// parseRule reads one rule: selectors, then a modifier and a comment.
func (p *parser) parseRule() (rule, error) {
	r := rule{st: stateOpen}
	start := p.i
	if p.peek().kind == tokNumber && p.peek().num == 24 && isPunct(p.peekAt(1), "/") &&
		p.peekAt(2).kind == tokNumber && p.peekAt(2).num == 7 {
		p.i += 3
		r.always = true
	} else {
		steps := []func(*rule) error{p.parseWide, p.parseWeekdays, p.parseTimes}
		for _, step := range steps {
			if err := step(&r); err != nil {
				return rule{}, err
			}
		}
	}
	if err := p.parseModifier(&r); err != nil {
		return rule{}, err
	}
	if p.i == start {
		return rule{}, unexpected(p.peek())
	}
	if !r.explicit && r.comment != "" && r.times == nil && !r.always {
		// A comment alone says something the rules cannot: the state is unknown.
		r.st = stateUnknown
	}
	return r, nil
}

// parseModifier reads "open", "off", "closed", "unknown" and a comment, in
// either order.
func (p *parser) parseModifier(r *rule) error {
	for range 2 {
		t := p.peek()
		switch {
		case t.kind == tokWord:
			st, ok := modifierNames[t.text]
			if !ok || r.explicit {
				return nil
			}
			r.st, r.explicit = st, true
		case t.kind == tokComment:
			if t.text == "" {
				return errorf(t, "le commentaire est vide")
			}
			if r.comment != "" {
				return unexpected(t)
			}
			r.comment = t.text
		default:
			return nil
		}
		p.next()
	}
	return nil
}

// hasTimeSuffix tells whether the token after a number makes it an hour.
func hasTimeSuffix(t token) bool {
	return isPunct(t, ":") || isPunct(t, ".") || (t.kind == tokWord && t.text == "h")
}
