package openinghours

// parseWide reads the selectors that pick dates rather than weekdays: years,
// months and month days, week numbers; then an optional ":".
func (p *parser) parseWide(r *rule) error {
	found := false
	for {
		var err error
		switch t := p.peek(); {
		case p.atYear() && p.isMonth(p.peekAt(1)):
			err = p.parseDates(r)
		case p.atYear():
			err = p.parseYears(r)
		case p.isMonth(t):
			err = p.parseDates(r)
		case t.kind == tokWord && (t.text == "week" || t.text == "semaine" || t.text == "semaines"):
			p.next()
			err = p.parseWeeks(r)
		default:
			if found {
				p.accept(":")
			}
			return nil
		}
		if err != nil {
			return err
		}
		found = true
	}
}

// atYear tells whether a four-digit year comes next.
func (p *parser) atYear() bool {
	t := p.peek()
	return t.kind == tokNumber && len(t.text) == 4
}

func (p *parser) isMonth(t token) bool {
	if t.kind != tokWord {
		return false
	}
	_, ok := monthNames[t.text]
	return ok
}

// parseYear reads a year from 1900 to 9999.
func (p *parser) parseYear() (int, error) {
	t := p.next()
	if t.kind != tokNumber || len(t.text) != 4 || t.num < 1900 {
		return 0, errorf(t, "une année sur quatre chiffres est attendue")
	}
	return t.num, nil
}

// parseYears reads "2024", "2024-2026", "2024-2030/2" and lists of them.
func (p *parser) parseYears(r *rule) error {
	for {
		from, err := p.parseYear()
		if err != nil {
			return err
		}
		y := yearRange{from: from, to: from, step: 1}
		if p.accept("-") {
			if y.to, err = p.parseYear(); err != nil {
				return err
			}
			if y.to < y.from {
				return errorf(p.peek(), "les années %d-%d sont à l'envers", y.from, y.to)
			}
			if y.step, err = p.parseStep(); err != nil {
				return err
			}
		}
		r.years = append(r.years, y)
		if !(isPunct(p.peek(), ",") && p.peekAt(1).kind == tokNumber && len(p.peekAt(1).text) == 4) {
			return nil
		}
		p.next()
	}
}

// parseStep reads an optional "/2" after a range.
func (p *parser) parseStep() (int, error) {
	if !p.accept("/") {
		return 1, nil
	}
	t := p.next()
	if t.kind != tokNumber || t.num < 1 || t.num > 53 {
		return 0, errorf(t, "un pas de 1 à 53 est attendu après « / »")
	}
	return t.num, nil
}

// parseWeeks reads "01-53/2", "10-20" or "1,3,5" after the word "week".
func (p *parser) parseWeeks(r *rule) error {
	for {
		from, err := p.parseWeekNumber()
		if err != nil {
			return err
		}
		w := weekRange{from: from, to: from, step: 1}
		if p.accept("-") {
			if w.to, err = p.parseWeekNumber(); err != nil {
				return err
			}
			if w.step, err = p.parseStep(); err != nil {
				return err
			}
		}
		r.weeks = append(r.weeks, w)
		next := p.peekAt(1)
		if !isPunct(p.peek(), ",") || next.kind != tokNumber || hasTimeSuffix(p.peekAt(2)) {
			return nil
		}
		p.next()
	}
}

func (p *parser) parseWeekNumber() (int, error) {
	t := p.next()
	if t.kind != tokNumber || t.num < 1 || t.num > 53 {
		return 0, errorf(t, "un numéro de semaine de 1 à 53 est attendu")
	}
	return t.num, nil
}
