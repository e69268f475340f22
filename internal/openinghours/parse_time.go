package openinghours

// maxExtendedHour is the latest closing time the specification allows, for
// hours that run into the next day ("22:00-26:00").
const maxExtendedHour = 48

// parseTimes reads a list of time spans, if one comes next.
func (p *parser) parseTimes(r *rule) error {
	if !p.atTime() {
		return nil
	}
	for {
		span, err := p.parseSpan()
		if err != nil {
			return err
		}
		r.times = append(r.times, span)
		switch {
		case isPunct(p.peek(), ",") && p.peekAt(1).kind == tokNumber:
			p.next()
		case p.peek().kind == tokNumber && p.peek().space:
			// "09:00-12:00 14:00-18:00": a space where a comma belongs.
		default:
			return nil
		}
	}
}

// atTime tells whether a time starts at the next token.
func (p *parser) atTime() bool {
	t := p.peek()
	return t.kind == tokNumber && len(t.text) <= 2
}

// parseSpan reads "09:00-12:00", "22:00-02:00", "9h-12h30" or "18:00+".
func (p *parser) parseSpan() (timeSpan, error) {
	startTok := p.peek()
	start, err := p.parseTime(24)
	if err != nil {
		return timeSpan{}, err
	}
	if p.accept("+") {
		// "18:00+": from 18:00 on, nobody knows until when.
		return timeSpan{start: start, end: start, openEnd: true}, nil
	}
	if !p.accept("-") && !p.acceptWord("à", "a", "to") {
		t := p.peek()
		if t.kind == tokEOF || isPunct(t, ";") || isPunct(t, ",") {
			return timeSpan{}, errorf(startTok, "il manque l'heure de fermeture après %s", clock(start))
		}
		return timeSpan{}, unexpected(t)
	}
	end, err := p.parseTime(maxExtendedHour)
	if err != nil {
		return timeSpan{}, err
	}
	if isPunct(p.peek(), "/") {
		return timeSpan{}, errorf(p.peek(), "les horaires répétés (« /durée ») ne sont pas pris en charge")
	}
	openEnd := p.accept("+")
	if end < start {
		if end > minutesPerDay {
			return timeSpan{}, errorf(startTok, "la fin %s précède le début %s", clock(end), clock(start))
		}
		end += minutesPerDay
	}
	return timeSpan{start: start, end: end, openEnd: openEnd}, nil
}

// acceptWord consumes the next token if it is one of the words.
func (p *parser) acceptWord(words ...string) bool {
	t := p.peek()
	if t.kind != tokWord {
		return false
	}
	for _, w := range words {
		if t.text == w {
			p.next()
			return true
		}
	}
	return false
}

// parseTime reads a time of day no later than maxHour:00, in minutes. It
// accepts "09:00", "9:00", "9h", "9h30", "9.30" and a bare hour "9".
func (p *parser) parseTime(maxHour int) (int, error) {
	t := p.peek()
	if t.kind != tokNumber || len(t.text) > 2 {
		return 0, errorf(t, "une heure est attendue ici")
	}
	p.next()
	hour, minute := t.num, 0
	if sep := p.peek(); hasTimeSuffix(sep) {
		p.next()
		m := p.peek()
		switch {
		case m.kind == tokNumber && len(m.text) == 2 && !m.space:
			p.next()
			minute = m.num
		case sep.kind == tokWord:
			// "9h" alone means nine o'clock.
		default:
			return 0, errorf(m, "les minutes sont attendues après « %d%s »", hour, sep.text)
		}
	}
	if minute > 59 {
		return 0, errorf(t, "%d minutes, c'est trop", minute)
	}
	total := hour*60 + minute
	if total > maxHour*60 {
		return 0, errorf(t, "l'heure %s dépasse %d:00", clock(total), maxHour)
	}
	return total, nil
}
