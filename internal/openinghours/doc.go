// Package openinghours reads and evaluates opening hours written in the
// OpenStreetMap opening_hours syntax, as French public data really uses it.
//
// It answers the question a person asks before going to a help place: is it
// open now, and if not, when does it open? Everything is evaluated on the
// wall clock of Europe/Paris, and public holidays ("PH") are those of
// metropolitan France.
//
// The reader is lenient with the mistakes found in real data: extra spaces,
// lower-case or French day names, "9h-12h30" instead of "09:00-12:30",
// time ranges separated by spaces, trailing semicolons. A value it cannot
// read is refused with an error; it never guesses.
//
// Rules follow the specification: a rule after ";" replaces the earlier
// rules for the days it names, a rule after "," adds to them, and a rule
// after "||" applies only to days no earlier rule named. Two choices go
// beyond the specification and match what people writing French data mean:
// a closing rule that names hours ("We 12:00-14:00 off") only closes those
// hours instead of the whole day, and hours that run past midnight
// ("Fr 22:00-02:00") stay open even when the next day is closed by a rule
// that names no hours ("Sa off").
package openinghours
