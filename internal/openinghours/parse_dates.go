package openinghours

// monthLength is the longest each month can be, February counting 29.
var monthLength = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// parseDates reads month and month-day ranges: "Jan-Mar", "Jul,Aug",
// "Dec 24", "Dec 24-26", "Dec 24,31", "Dec 24-Jan 02", "2024 Dec 24".
func (p *parser) parseDates(r *rule) error {
	for {
		ranges, err := p.parseDateRange()
		if err != nil {
			return err
		}
		r.dates = append(r.dates, ranges...)
		if !isPunct(p.peek(), ",") {
			return nil
		}
		next := p.peekAt(1)
		if !p.isMonth(next) && !(next.kind == tokNumber && len(next.text) == 4) {
			return nil
		}
		p.next()
	}
}

// parseDateRange reads one range, and the other days of the same month that
// may follow it after commas.
func (p *parser) parseDateRange() ([]dateRange, error) {
	from, err := p.parseDate()
	if err != nil {
		return nil, err
	}
	to := from
	if p.accept("-") {
		switch {
		case p.atYear() || p.isMonth(p.peek()):
			if to, err = p.parseDate(); err != nil {
				return nil, err
			}
			if from.year == 0 && to.year != 0 {
				return nil, errorf(p.peek(), "l'année manque au début de la période")
			}
		case from.day != 0 && p.atDay():
			to = date{year: from.year, month: from.month, day: p.next().num}
			if err := checkDay(to, p.peek()); err != nil {
				return nil, err
			}
		default:
			return nil, errorf(p.peek(), "une date est attendue après « - »")
		}
	}
	ranges := []dateRange{{from: from, to: to}}
	// "Dec 24,26-28": more days of the month where the range ended.
	for to.day != 0 && isPunct(p.peek(), ",") && p.peekAt(1).kind == tokNumber &&
		len(p.peekAt(1).text) <= 2 && !hasTimeSuffix(p.peekAt(2)) {
		p.next()
		a := date{month: to.month, day: p.next().num}
		b := a
		if p.accept("-") {
			if !p.atDay() {
				return nil, errorf(p.peek(), "un jour du mois est attendu après « - »")
			}
			b.day = p.next().num
		}
		for _, d := range []date{a, b} {
			if err := checkDay(d, p.peek()); err != nil {
				return nil, err
			}
		}
		ranges = append(ranges, dateRange{from: a, to: b})
	}
	return ranges, nil
}

// parseDate reads "[year] month [day]".
func (p *parser) parseDate() (date, error) {
	var d date
	if p.atYear() {
		y, err := p.parseYear()
		if err != nil {
			return date{}, err
		}
		d.year = y
	}
	t := p.next()
	m, ok := monthNames[t.text]
	if t.kind != tokWord || !ok {
		return date{}, errorf(t, "un mois est attendu ici")
	}
	d.month = m
	if p.atDay() {
		d.day = p.next().num
		if err := checkDay(d, p.peek()); err != nil {
			return date{}, err
		}
	}
	return d, nil
}

// atDay tells whether a day of the month comes next, and not an hour: after
// a month, "24-26" is read as days, "09:00" and "9h" as hours.
func (p *parser) atDay() bool {
	t := p.peek()
	return t.kind == tokNumber && len(t.text) <= 2 && !hasTimeSuffix(p.peekAt(1))
}

// checkDay refuses a day the month cannot have.
func checkDay(d date, at token) error {
	if d.day < 1 || d.day > monthLength[d.month] {
		return errorf(at, "le %s n'a pas de jour %d", frenchMonths[d.month], d.day)
	}
	return nil
}
