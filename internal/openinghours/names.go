package openinghours

import "time"

// weekdayNames maps every spelling of a day found in OSM and French data to
// its index, Monday being 0. "mar" is not here: in the specification it is
// March, and French data spells Tuesday "ma" or "mardi".
var weekdayNames = map[string]int{
	"mo": 0, "mon": 0, "monday": 0, "lu": 0, "lun": 0, "lundi": 0,
	"tu": 1, "tue": 1, "tues": 1, "tuesday": 1, "ma": 1, "mardi": 1,
	"we": 2, "wed": 2, "wednesday": 2, "me": 2, "mer": 2, "mercredi": 2,
	"th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "je": 3, "jeu": 3, "jeudi": 3,
	"fr": 4, "fri": 4, "friday": 4, "ve": 4, "ven": 4, "vendredi": 4,
	"sa": 5, "sat": 5, "saturday": 5, "sam": 5, "samedi": 5,
	"su": 6, "sun": 6, "sunday": 6, "di": 6, "dim": 6, "dimanche": 6,
}

// monthNames maps English and French month spellings to 1 (January) … 12.
var monthNames = map[string]int{
	"jan": 1, "january": 1, "janv": 1, "janvier": 1,
	"feb": 2, "february": 2, "fév": 2, "fev": 2, "févr": 2, "fevr": 2, "février": 2, "fevrier": 2,
	"mar": 3, "march": 3, "mars": 3,
	"apr": 4, "april": 4, "avr": 4, "avril": 4,
	"may": 5, "mai": 5,
	"jun": 6, "june": 6, "juin": 6,
	"jul": 7, "july": 7, "juil": 7, "juillet": 7,
	"aug": 8, "august": 8, "aoû": 8, "aou": 8, "août": 8, "aout": 8,
	"sep": 9, "sept": 9, "september": 9, "septembre": 9,
	"oct": 10, "october": 10, "octobre": 10,
	"nov": 11, "november": 11, "novembre": 11,
	"dec": 12, "december": 12, "déc": 12, "décembre": 12, "decembre": 12,
}

// modifierNames maps rule modifiers, with the French words found in data.
var modifierNames = map[string]state{
	"open": stateOpen, "ouvert": stateOpen,
	"closed": stateClosed, "off": stateClosed, "fermé": stateClosed, "ferme": stateClosed,
	"unknown": stateUnknown,
}

// osmWeekdays are the canonical two-letter day names, Monday first.
var osmWeekdays = [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}

// osmMonths are the canonical month names, January at index 1.
var osmMonths = [13]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// frenchWeekdays are the French day names, Monday first.
var frenchWeekdays = [7]string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}

// frenchMonths are the French month names, January at index 1.
var frenchMonths = [13]string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// mondayIndex turns a time.Weekday into an index with Monday at 0.
func mondayIndex(d time.Weekday) int {
	return (int(d) + 6) % 7
}
