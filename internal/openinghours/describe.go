package openinghours

import (
	"fmt"
	"strings"
)

// Notes returns, in plain French, the rules that a regular week cannot show:
// public holidays, closing months, some weeks only, the first Monday of the
// month… for example "Fermé les jours fériés" or "Ouvert les semaines
// impaires, le lundi : 10 h – 12 h". School holidays ("SH") are described
// here but never evaluated, their dates being unknown to this package.
func (s *Schedule) Notes() []string {
	var notes []string
	for i := range s.rules {
		r := &s.rules[i]
		if !r.conditional() {
			continue
		}
		note := stateWord(r.st) + " " + r.conditionText(-1)
		if h := r.hoursText(); h != "" {
			note += " : " + h
		}
		if r.comment != "" {
			note += " (" + r.comment + ")"
		}
		notes = append(notes, note)
	}
	return notes
}

func stateWord(st state) string {
	switch st {
	case stateOpen:
		return "Ouvert"
	case stateUnknown:
		return "À confirmer"
	}
	return "Fermé"
}

// conditionText describes when a conditional rule applies. With weekday wd
// (0-6) it describes only what a table row for that day needs: the dates,
// weeks and nth days; with -1 it describes everything.
func (r *rule) conditionText(wd int) string {
	var parts []string
	if len(r.years) > 0 {
		parts = append(parts, yearsText(r.years))
	}
	for _, x := range r.dates {
		parts = append(parts, dateRangeText(x))
	}
	for _, w := range r.weeks {
		parts = append(parts, weekRangeText(w))
	}
	if r.days != nil {
		if wd < 0 && r.days.mask != 0 {
			parts = append(parts, weekdaysText(r.days.mask))
		}
		for _, n := range r.days.nth {
			if wd < 0 || n.weekday == wd {
				parts = append(parts, nthText(n))
			}
		}
		if wd < 0 {
			for _, h := range r.days.holidays {
				parts = append(parts, holidayText(h))
			}
		}
	}
	return strings.Join(parts, ", ")
}

// hoursText writes the rule's hours in French, or "" when it names none.
func (r *rule) hoursText() string {
	parts := make([]string, 0, len(r.times))
	for _, sp := range r.times {
		switch {
		case sp.openEnd && sp.end == sp.start:
			parts = append(parts, "à partir de "+frenchClock(sp.start))
		case sp.openEnd:
			parts = append(parts, frenchRange(sp.start, sp.end)+" (fin à confirmer)")
		case sp.end > sp.start:
			parts = append(parts, frenchRange(sp.start, sp.end))
		}
	}
	return strings.Join(parts, ", ")
}

func yearsText(ys []yearRange) string {
	parts := make([]string, len(ys))
	for i, y := range ys {
		switch {
		case y.from == y.to:
			parts[i] = fmt.Sprintf("en %d", y.from)
		case y.step > 1:
			parts[i] = fmt.Sprintf("de %d à %d, une année sur %d", y.from, y.to, y.step)
		default:
			parts[i] = fmt.Sprintf("de %d à %d", y.from, y.to)
		}
	}
	return strings.Join(parts, ", ")
}

func dateRangeText(x dateRange) string {
	from, to := x.from, x.to
	switch {
	case from == to && from.day != 0:
		return "le " + dayText(from)
	case from.day == 0 && to.day == 0 && from.month == to.month && from.year == to.year:
		return "en " + monthText(from)
	case from.day == 0 && to.day == 0:
		return "de " + monthText(from) + " à " + monthText(to)
	case to.day == 0:
		return "du " + dayText(from) + " à fin " + monthText(to)
	case from.day == 0:
		return "de début " + monthText(from) + " au " + dayText(to)
	}
	return "du " + dayText(from) + " au " + dayText(to)
}

// dayText writes "1er juillet", "24 décembre 2024".
func dayText(d date) string {
	s := fmt.Sprintf("%d %s", d.day, frenchMonths[d.month])
	if d.day == 1 {
		s = "1er " + frenchMonths[d.month]
	}
	if d.year != 0 {
		s += fmt.Sprintf(" %d", d.year)
	}
	return s
}

// monthText writes "juillet" or "juillet 2024".
func monthText(d date) string {
	if d.year != 0 {
		return fmt.Sprintf("%s %d", frenchMonths[d.month], d.year)
	}
	return frenchMonths[d.month]
}

func weekRangeText(w weekRange) string {
	switch {
	case w.from == w.to:
		return fmt.Sprintf("la semaine %d", w.from)
	case w.step == 2 && w.from == 1 && w.to >= 52:
		return "les semaines impaires"
	case w.step == 2 && w.from == 2 && w.to >= 52:
		return "les semaines paires"
	case w.step > 1:
		return fmt.Sprintf("une semaine sur %d, de la semaine %d à la semaine %d", w.step, w.from, w.to)
	}
	return fmt.Sprintf("de la semaine %d à la semaine %d", w.from, w.to)
}

// weekdaysText writes "le lundi", "du lundi au vendredi", "tous les jours"
// or "les lundi, mercredi et vendredi".
func weekdaysText(mask uint8) string {
	var days []int
	for d := range 7 {
		if mask&(1<<d) != 0 {
			days = append(days, d)
		}
	}
	switch {
	case len(days) == 7:
		return "tous les jours"
	case len(days) == 1:
		return "le " + frenchWeekdays[days[0]]
	case len(days) > 2 && days[len(days)-1]-days[0] == len(days)-1:
		return "du " + frenchWeekdays[days[0]] + " au " + frenchWeekdays[days[len(days)-1]]
	}
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = frenchWeekdays[d]
	}
	return "les " + frenchList(names)
}

// frenchList joins "a, b et c".
func frenchList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

// nthText writes "le 1er lundi du mois", "le dernier samedi du mois" or
// "les 2e et 4e samedis du mois".
func nthText(n nthWeekday) string {
	var ords []string
	for i := range 5 {
		if n.which&(1<<i) != 0 {
			ords = append(ords, ordinal(i+1))
		}
	}
	for i := range 5 {
		if n.which&(1<<(5+i)) != 0 {
			switch i {
			case 0:
				ords = append(ords, "dernier")
			case 1:
				ords = append(ords, "avant-dernier")
			default:
				ords = append(ords, fmt.Sprintf("%de avant la fin", i+1))
			}
		}
	}
	if len(ords) == 1 {
		return "le " + ords[0] + " " + frenchWeekdays[n.weekday] + " du mois"
	}
	return "les " + frenchList(ords) + " " + frenchWeekdays[n.weekday] + "s du mois"
}

func ordinal(n int) string {
	if n == 1 {
		return "1er"
	}
	return fmt.Sprintf("%de", n)
}

func holidayText(h holiday) string {
	if h.school {
		return "pendant les vacances scolaires"
	}
	switch h.offset {
	case 0:
		return "les jours fériés"
	case 1:
		return "le lendemain des jours fériés"
	case -1:
		return "la veille des jours fériés"
	}
	if h.offset > 0 {
		return fmt.Sprintf("%d jours après les jours fériés", h.offset)
	}
	return fmt.Sprintf("%d jours avant les jours fériés", -h.offset)
}
