package observatory

import (
	"context"
	"fmt"
	"math"
	"time"
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

// causes finds the alerts' causes of each procedure now, from the current
// edition's values and the feedback of the last weeks.
func (s *Service) causes(ctx context.Context, now time.Time, vals computed) (map[string][]cause, error) {
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
	// The last two whole weeks, Monday to Monday, in UTC.
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	before, err := s.opts.Listening.Summaries(ctx, monday.AddDate(0, 0, -14), monday.AddDate(0, 0, -7))
	if err != nil {
		return nil, err
	}
	last, err := s.opts.Listening.Summaries(ctx, monday.AddDate(0, 0, -7), monday)
	if err != nil {
		return nil, err
	}
	for slug, b := range last {
		a := before[slug]
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
	silent, err := s.silent(ctx, now)
	if err != nil {
		return nil, err
	}
	for _, slug := range silent {
		out[slug] = append(out[slug], cause{"silence", fmt.Sprintf("Aucun avis depuis %d jours, alors que la démarche en recevait.", SilentDays)})
	}
	return out, nil
}

// silent lists the procedures that had answers in the year before the
// last SilentDays days and none since.
func (s *Service) silent(ctx context.Context, now time.Time) ([]string, error) {
	cut := now.AddDate(0, 0, -SilentDays)
	had, err := s.opts.Listening.Summaries(ctx, now.AddDate(-1, 0, 0), cut)
	if err != nil {
		return nil, err
	}
	recent, err := s.opts.Listening.Summaries(ctx, cut, now.Add(time.Minute))
	if err != nil {
		return nil, err
	}
	var out []string
	for slug, sum := range had {
		if sum.Answers > 0 && recent[slug].Answers == 0 {
			out = append(out, slug)
		}
	}
	return out, nil
}
