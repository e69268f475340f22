package openinghours

// parseWeekdays reads "Mo-Fr", "Mo,We,Fr", "Mo[1]", "PH", "Mo-Fr,PH", if
// one comes next, and the sloppy ":" some data put after it.
func (p *parser) parseWeekdays(r *rule) error {
	if !p.atWeekday() {
		return nil
	}
	sel := &weekdaySelector{}
	for {
		if err := p.parseWeekdayItem(sel); err != nil {
			return err
		}
		if !isPunct(p.peek(), ",") {
			break
		}
		p.next()
		if !p.atWeekday() {
			return unexpected(p.peek())
		}
	}
	r.days = sel
	p.accept(":")
	return nil
}

// atWeekday tells whether a weekday or holiday comes next.
func (p *parser) atWeekday() bool {
	t := p.peek()
	if t.kind != tokWord {
		return false
	}
	_, ok := weekdayNames[t.text]
	return ok || t.text == "ph" || t.text == "sh"
}

// parseWeekdayItem reads one day, range, nth day or holiday into sel.
func (p *parser) parseWeekdayItem(sel *weekdaySelector) error {
	t := p.next()
	if t.text == "ph" || t.text == "sh" {
		h := holiday{school: t.text == "sh"}
		offset, err := p.parseDayOffset()
		if err != nil {
			return err
		}
		h.offset = offset
		sel.holidays = append(sel.holidays, h)
		return nil
	}
	from := weekdayNames[t.text]
	switch {
	case isPunct(p.peek(), "-"):
		p.next()
		end := p.next()
		to, ok := weekdayNames[end.text]
		if end.kind != tokWord || !ok {
			return errorf(end, "un jour de la semaine est attendu après « %s- »", t.text)
		}
		for d := from; ; d = (d + 1) % 7 {
			sel.mask |= 1 << d
			if d == to {
				break
			}
		}
	case isPunct(p.peek(), "["):
		p.next()
		which, err := p.parseNth()
		if err != nil {
			return err
		}
		sel.nth = append(sel.nth, nthWeekday{weekday: from, which: which})
	default:
		sel.mask |= 1 << from
	}
	return nil
}

// parseNth reads the inside of "[1,3]", "[-1]" or "[1-2]" and the closing "]".
func (p *parser) parseNth() (uint16, error) {
	var which uint16
	for {
		neg := p.accept("-")
		a, err := p.parseNthNumber()
		if err != nil {
			return 0, err
		}
		b := a
		if !neg && p.accept("-") {
			if b, err = p.parseNthNumber(); err != nil {
				return 0, err
			}
			if b < a {
				return 0, errorf(p.peek(), "l'intervalle [%d-%d] est à l'envers", a, b)
			}
		}
		for n := a; n <= b; n++ {
			if neg {
				which |= 1 << (5 + n - 1)
			} else {
				which |= 1 << (n - 1)
			}
		}
		if p.accept("]") {
			return which, nil
		}
		if !p.accept(",") {
			return 0, unexpected(p.peek())
		}
	}
}

func (p *parser) parseNthNumber() (int, error) {
	t := p.next()
	if t.kind != tokNumber || t.num < 1 || t.num > 5 {
		return 0, errorf(t, "un rang de 1 à 5 est attendu entre crochets")
	}
	return t.num, nil
}

// parseDayOffset reads an optional "+1 day" or "-2 days" after a holiday.
func (p *parser) parseDayOffset() (int, error) {
	sign := p.peek()
	if !isPunct(sign, "+") && !isPunct(sign, "-") {
		return 0, nil
	}
	n := p.peekAt(1)
	unit := p.peekAt(2)
	if n.kind != tokNumber || unit.kind != tokWord {
		// Not an offset: a "-" here is an error the caller reports.
		return 0, nil
	}
	switch unit.text {
	case "day", "days", "jour", "jours":
	default:
		return 0, errorf(unit, "« day » est attendu après le décalage")
	}
	if n.num > 366 {
		return 0, errorf(n, "décalage de %d jours trop grand", n.num)
	}
	p.i += 3
	if sign.text == "-" {
		return -n.num, nil
	}
	return n.num, nil
}
