package rights

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"guichet/internal/eligibility"
	"guichet/internal/profile"
)

// answersOf builds the answers the rules see for the person: their newest
// kept "Mes droits" result, with what their profile says on top, as it is
// kept up to date (their age today from their birth date, their couple and
// children from their family situation). Nothing else is guessed: a rule
// that needs a missing answer cannot say yes.
func (s *Service) answersOf(ctx context.Context, userID int64, day time.Time) (eligibility.Answers, error) {
	form := url.Values{}
	kept, err := s.opts.Catalogue.KeptResults(ctx, userID)
	if err != nil {
		return eligibility.Answers{}, err
	}
	if len(kept) > 0 {
		form = kept[0].Answers.Encode()
	}
	p, err := s.opts.Profile.Get(ctx, userID)
	if err != nil {
		return eligibility.Answers{}, err
	}
	overlayProfile(form, p, day)
	a, _ := eligibility.ParseAnswers(form)
	return a, nil
}

// overlayProfile writes in form the answers the profile gives.
func overlayProfile(form url.Values, p profile.Profile, day time.Time) {
	if e, ok := p[profile.Identity]; ok {
		if born, err := time.Parse("2006-01-02", e.Value.Birthdate); err == nil {
			if age := ageOn(born, day); age >= 0 {
				form.Set("age", strconv.Itoa(age))
			}
		}
	}
	if e, ok := p[profile.Family]; ok {
		switch e.Value.Situation {
		case "couple", "pacse", "marie":
			form.Set("couple", "oui")
		case "celibataire", "separe", "veuf":
			form.Set("couple", "non")
		}
		if e.Value.Children >= 0 {
			form.Set("enfants", strconv.Itoa(e.Value.Children))
			// More children at school than children would make the
			// kept answer unreadable: keep the smaller count.
			if n, err := strconv.Atoi(form.Get("enfants_scolarises")); err == nil && n > e.Value.Children {
				form.Set("enfants_scolarises", strconv.Itoa(e.Value.Children))
			}
		}
	}
}

// ageOn is the age in whole years on day of someone born on born.
func ageOn(born, day time.Time) int {
	age := day.Year() - born.Year()
	if day.Month() < born.Month() || (day.Month() == born.Month() && day.Day() < born.Day()) {
		age--
	}
	return age
}
