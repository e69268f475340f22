package observatory

import (
	"fmt"
	"math"
)

// Alert thresholds of the issue.
const (
	// SuddenChange is how far satisfaction or clarté must move between two
	// consecutive weeks, each with at least SuddenAnswers answers.
	SuddenChange  = 1.5
	SuddenAnswers = 30
	// ReachFloor is the aide joignable share (percent) under which an alert rises.
	ReachFloor = 70
	// SilentDays is how long without any answer raises an alert on a
	// procedure that had some.
	SilentDays = 30
)

// cause is one reason for an alert on a procedure, with its words.
type cause struct {
	key, detail string
}

// causes finds the alerts' causes of each procedure, from the current
// edition's values and the feedback of the last weeks, read with them.
func causes(vals computed, fb feedback) map[string][]cause {
	out := map[string][]cause{}
	for slug, vs := range vals {
		for _, v := range vs {
			// Réalisable en ligne and authentification are facts of the
			// catalogue and of the platform, red from the start: no alert.
			if v.Colour == Rouge && v.Num != nil {
				out[slug] = append(out[slug], cause{"rouge:" + string(v.Key),
					fmt.Sprintf("L'indicateur « %s » est rouge : %s.", v.Key.Label(), v.Text())})
			}
			if v.Key == AideJoignable && v.Num != nil && *v.Num < ReachFloor {
				out[slug] = append(out[slug], cause{"aide_joignable_basse",
					fmt.Sprintf("Seules %s %% des personnes qui ont cherché de l'aide l'ont jointe (sous %d %%).", v.Text(), ReachFloor)})
			}
		}
	}
	for slug, b := range fb.lastWeek {
		a := fb.weekBefore[slug]
		if a.Answers < SuddenAnswers || b.Answers < SuddenAnswers {
			continue
		}
		for _, m := range []struct {
			key      Key
			was, now float64
		}{{Satisfaction, a.Satisfaction, b.Satisfaction}, {Clarte, a.Clarity, b.Clarity}} {
			if math.Abs(m.now-m.was) >= SuddenChange {
				out[slug] = append(out[slug], cause{"variation:" + string(m.key),
					fmt.Sprintf("« %s » est passée de %.1f à %.1f sur 10 d'une semaine à l'autre (%d puis %d réponses).",
						m.key.Label(), m.was, m.now, a.Answers, b.Answers)})
			}
		}
	}
	for _, slug := range silent(fb) {
		out[slug] = append(out[slug], cause{"silence", fmt.Sprintf("Aucun avis depuis %d jours, alors que la démarche en recevait.", SilentDays)})
	}
	return out
}

// silent lists the procedures that had answers in the year before the
// last SilentDays days and none since.
func silent(fb feedback) []string {
	var out []string
	for slug, sum := range fb.had {
		if sum.Answers > 0 && fb.recent[slug].Answers == 0 {
			out = append(out, slug)
		}
	}
	return out
}
