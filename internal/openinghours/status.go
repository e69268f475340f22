package openinghours

import (
	"fmt"
	"strings"
	"time"
)

// openingHorizon is how far Status looks for the next opening, so that a
// place closed for the summer can say when it opens again.
const openingHorizon = 366 * 24 * time.Hour

// Status returns a short French sentence about the place at t: "Ouvert
// maintenant · ferme à 18 h 30", "Fermé · ouvre lundi à 9 h", "Fermé · ouvre
// demain à 8 h 30", "Ouvert 24 h sur 24", "Fermé pour le moment"… A comment
// of the current rule ends the sentence ("· sur rendez-vous").
func (s *Schedule) Status(t time.Time) string {
	cur := s.at(t)
	var msg string
	switch cur.st {
	case stateUnknown:
		msg = "Horaires à confirmer"
	case stateOpen:
		msg = s.openStatus(t)
	default:
		msg = s.closedStatus(t)
	}
	if cur.comment != "" {
		msg += " · " + cur.comment
	}
	return msg
}

func (s *Schedule) openStatus(t time.Time) string {
	at, seg, ok := s.next(t, changeHorizon, func(st state) bool { return st != stateOpen })
	switch {
	case !ok:
		return "Ouvert 24 h sur 24"
	case seg.st == stateUnknown:
		return "Ouvert maintenant · au moins " + until(when(t, at, s.loc))
	default:
		return "Ouvert maintenant · ferme " + when(t, at, s.loc)
	}
}

func (s *Schedule) closedStatus(t time.Time) string {
	at, seg, ok := s.next(t, openingHorizon, func(st state) bool { return st != stateClosed })
	switch {
	case !ok:
		return "Fermé pour le moment"
	case seg.st == stateUnknown:
		return "Fermé · réouverture à confirmer " + when(t, at, s.loc)
	default:
		return "Fermé · ouvre " + when(t, at, s.loc)
	}
}

// when says in French when instant at comes, seen from now: "à 18 h 30",
// "demain à 9 h", "lundi à 9 h", "le 2 septembre à 9 h". Midnight belongs to
// the day it ends: "à minuit", "vendredi à minuit".
func when(now, at time.Time, loc *time.Location) string {
	now, at = now.In(loc), at.In(loc)
	d := dayOf(at)
	days := int(d.t.Sub(dayOf(now).t).Hours() / 24)
	m := at.Hour()*60 + at.Minute()
	hour := "à " + frenchClock(m)
	if m == 0 && days > 0 {
		d, days, hour = d.add(-1), days-1, "à minuit"
	}
	switch {
	case days == 0:
		return hour
	case days == 1:
		return "demain " + hour
	case days < 7:
		return frenchWeekdays[d.weekday()] + " " + hour
	}
	return "le " + frenchDate(d.t) + " " + hour
}

// until turns "à 18 h" into "jusqu'à 18 h" and "demain à 2 h" into
// "jusqu'à demain à 2 h".
func until(w string) string {
	if rest, ok := strings.CutPrefix(w, "à "); ok {
		return "jusqu'à " + rest
	}
	return "jusqu'à " + w
}

// frenchDate writes "1er septembre" or "2 septembre". Status never looks
// more than a year ahead, so the year goes without saying.
func frenchDate(t time.Time) string {
	if t.Day() == 1 {
		return "1er " + frenchMonths[t.Month()]
	}
	return fmt.Sprintf("%d %s", t.Day(), frenchMonths[t.Month()])
}
