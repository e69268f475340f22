package catalogue

import (
	"cmp"
	"context"
	"slices"
	"time"

	"guichet/internal/eligibility"
)

// Entitlement is a published procedure the person may be entitled to, and why, in plain words.
// It is indicative: see eligibility.Notice.
type Entitlement struct {
	*PublishedProcedure
	Reason string
	// Unchecked lists what the rule could not check with the answers.
	Unchecked []string
}

// Simulate returns the published procedures whose eligibility rule the answers satisfy, the
// most requested first. Nothing is stored.
func (s *Service) Simulate(ctx context.Context, a eligibility.Answers) ([]Entitlement, error) {
	sn, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var out []Entitlement
	for _, r := range s.rules.SimulateOn(sn.Rules(), a, s.clock()) {
		if p, ok := sn.Procedure(r.Slug); ok {
			out = append(out, Entitlement{p, r.Reason, sn.Rules()[r.Slug].Unchecked})
		}
	}
	slices.SortStableFunc(out, func(a, b Entitlement) int { return cmp.Compare(b.Volume, a.Volume) })
	return out, nil
}

// Assess answers the rule of every published procedure that has one, sorted by slug: a priori
// eligible, not eligible, or unknown when the answers are not enough, with the parameters in
// force on the given day (today when zero). Nothing is stored.
func (s *Service) Assess(ctx context.Context, a eligibility.Answers, day time.Time) ([]eligibility.Outcome, error) {
	sn, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	if day.IsZero() {
		day = s.clock()
	}
	return s.rules.Evaluate(sn.Rules(), a, day), nil
}
