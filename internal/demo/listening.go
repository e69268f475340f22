package demo

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/listening"
)

// feedbackProcedures are the demo procedures that have feedback already, so
// that their owners' pages show indicators.
var feedbackProcedures = []string{"rsa", "aide-logement"}

// LoadFeedback gives a few dozen answers of a varied mix to the procedures
// of feedbackProcedures that have none yet, as if typed from the paper forms
// of the counter over the last weeks. It is idempotent.
func LoadFeedback(ctx context.Context, ls *listening.Service, cat *catalogue.Service) (int, error) {
	sn, err := cat.Snapshot(ctx)
	if err != nil {
		return 0, err
	}
	start := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	total := 0
	for n, slug := range feedbackProcedures {
		p, ok := sn.Procedure(slug)
		if !ok {
			continue
		}
		sum, err := ls.ProcedureSummary(ctx, slug)
		if err != nil {
			return total, err
		}
		if sum.Answers > 0 {
			continue
		}
		var items []listening.BatchItem
		for i := range 24 + 6*n {
			items = append(items, listening.BatchItem{Index: i, OrgID: p.Org.ID, Answer: demoAnswer(slug, i, start)})
		}
		kept, rejected, err := ls.EnterBatch(ctx, items, listening.Entry{})
		if err != nil || len(rejected) > 0 {
			return total, fmt.Errorf("demo feedback of %s: %v %v", slug, err, rejected)
		}
		total += kept
	}
	return total, nil
}

// demoAnswer is the i-th answer of a fixed mix: mostly satisfied, some help
// sought by phone or at the counter, not always reached.
func demoAnswer(slug string, i int, start time.Time) listening.Answer {
	overall := []listening.Overall{listening.OverallGood, listening.OverallGood, listening.OverallMedium, listening.OverallBad}[i%4]
	a := listening.Answer{Procedure: slug, Overall: overall, Clarity: 2 + i%4,
		Channel:    listening.EnteredChannels()[i%3],
		AnsweredAt: start.Add(time.Duration(i) * 26 * time.Hour)}
	reached, notReached := true, false
	switch i % 5 {
	case 0, 1:
		a.Helps = []listening.HelpAnswer{{Help: listening.HelpNone}}
	case 2:
		a.Helps = []listening.HelpAnswer{{Help: listening.HelpPhone, Reached: &notReached}}
	case 3:
		a.Helps = []listening.HelpAnswer{{Help: listening.HelpPhone, Reached: &reached, Quality: 3}}
	default:
		a.Helps = []listening.HelpAnswer{{Help: listening.HelpCounter, Reached: &reached, Quality: 5}}
	}
	if i%7 == 0 {
		a.Comment = "Le formulaire demande des pièces que je n'avais pas. Il faudrait le dire dès le début."
	}
	return a
}
