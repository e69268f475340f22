// Package activity keeps the activity reports (comptes rendus d'activité,
// CRA) mediators write after each accompaniment, and their statistics
// (DESIGN.md §3.5, issue 12).
//
// A report is written in under a minute on a phone: individual or
// collective; the day, the duration (presets of 15 to 120 minutes), the
// place among the structure's; the themes (digital skills and the ten
// procedure categories), the equipment used, the autonomy reached (three
// levels) and where the person was sent (orientation); for a collective
// session, its title, the number of participants and their rough profile.
// Reports name nobody: they count.
//
// Stats aggregates them per month, mediator, structure and territory (the
// department of the place), for a structure or for all of them
// (observatory); WriteCSV exports them through internal/csvsafe.
//
// The observatory's share of dossiers helped by a mediator comes from the
// dossiers themselves (dossiers.Service.HelpedCount: a dossier a mediator
// worked on under a mandate says so); reports name no dossier.
package activity
