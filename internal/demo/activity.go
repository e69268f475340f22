package demo

import (
	"context"
	"fmt"
	"strconv"

	"guichet/internal/activity"
	"guichet/internal/identity"
	"guichet/internal/places"
)

// LoadActivity writes the demo mediator's activity reports of the last
// four months, individual and collective, through the service as the
// mediator would, so that the statistics pages show something. It does
// nothing when the structure already has reports in the last year.
func LoadActivity(ctx context.Context, act *activity.Service, pl *places.Service, ids *identity.Service) error {
	org, err := ids.OrganisationBySlug(ctx, ClaimedPlaceOrg)
	if err != nil {
		return fmt.Errorf("demo activity: %w", err)
	}
	if st, err := act.Stats(ctx, act.LastMonths(org.ID, 12)); err != nil || st.Total.Reports > 0 {
		return err
	}
	mediator, err := ids.UserByEmail(ctx, "mediateur@demo.guichet.test")
	if err != nil {
		return fmt.Errorf("demo activity: %w", err)
	}
	place, err := pl.GetByID(ctx, ClaimedPlaceSource, ClaimedPlaceID)
	if err != nil {
		return fmt.Errorf("demo activity: %w", err)
	}
	themes := [][]string{{"demarche-social", "courriel"}, {"demarche-papiers"}, {"equipement", "internet"},
		{"demarche-logement", "documents"}, {"demarche-travail"}, {"identite-numerique", "demarche-argent"}}
	autonomy := []string{"accompagne", "partiel", "autonome"}
	orient := []string{"", "caf", "", "france-travail", "", "structure"}
	minutes := []int{30, 45, 15, 60, 30, 90}
	today := act.Now()
	for i := 0; i < 24; i++ {
		d := today.AddDate(0, 0, -(i*5 + 1))
		dr := activity.Draft{OrgID: org.ID, MediatorID: mediator.ID, Kind: activity.Individual,
			HeldOn: d.Format("2006-01-02"), Minutes: minutes[i%6], PlaceID: place.Key, Themes: themes[i%6],
			Equipment: []string{"ordinateur"}, Autonomy: autonomy[i%3], Orientation: orient[i%6]}
		if i%4 == 3 {
			dr.PlaceID, dr.Equipment = 0, []string{"smartphone", "personnel"}
		}
		if i%7 == 6 {
			dr.Kind, dr.Minutes, dr.Autonomy, dr.Orientation = activity.Collective, 120, "", ""
			dr.Title, dr.Participants = "Se protéger des arnaques en ligne", strconv.Itoa(6+i%5)
			dr.Themes, dr.Profiles = []string{"securite", "courriel"}, []string{"seniors"}
		}
		if _, err := act.Record(ctx, dr); err != nil {
			return fmt.Errorf("demo activity report: %w", err)
		}
	}
	return nil
}
