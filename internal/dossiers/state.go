package dossiers

import "guichet/internal/errs"

// State is where a dossier stands (DESIGN.md §3.2).
type State string

// The states of a dossier.
const (
	Draft          State = "brouillon"
	InConstruction State = "en_construction"
	InInstruction  State = "en_instruction"
	Accepted       State = "accepte"
	Refused        State = "refuse"
	Closed         State = "sans_suite"
)

// Decided tells whether s is a decision.
func (s State) Decided() bool { return s == Accepted || s == Refused || s == Closed }

// Label is the state in plain words for the person. A dossier sent back
// for a correction reads "À corriger": see Dossier.Label.
func (s State) Label() string {
	switch s {
	case Draft:
		return "Brouillon"
	case InConstruction:
		return "Envoyé"
	case InInstruction:
		return "En cours de traitement"
	case Accepted:
		return "Accepté"
	case Refused:
		return "Refusé"
	case Closed:
		return "Classé sans suite"
	}
	return string(s)
}

// transitions lists the moves allowed from each state (DESIGN.md §3.2):
// the person submits a draft; an agent takes a sent dossier into
// instruction, sends it back for a correction, decides, or reopens a
// decision.
var transitions = map[State][]State{
	Draft:          {InConstruction},
	InConstruction: {InInstruction, Accepted, Refused, Closed},
	InInstruction:  {InConstruction, Accepted, Refused, Closed},
	Accepted:       {InInstruction},
	Refused:        {InInstruction},
	Closed:         {InInstruction},
}

// CanMove tells whether a dossier may go from one state to another.
func CanMove(from, to State) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// checkMove returns a Conflict error in plain French when from → to is
// not allowed.
func checkMove(from, to State) error {
	if CanMove(from, to) {
		return nil
	}
	return errs.Errorf(errs.Conflict, "Ce dossier est « %s » : il ne peut pas passer à « %s ». Rechargez la page pour voir son état actuel.",
		from.Label(), to.Label())
}
