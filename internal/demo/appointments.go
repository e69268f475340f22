package demo

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/appointments"
	"guichet/internal/identity"
	"guichet/internal/places"
)

// LoadAppointments publishes the demo slots of the France Services
// structure, through the service as its mediator would: on site at its
// place every weekday morning of the next three weeks (9:00 to 12:00, 30
// minutes, one person each) and by phone on Wednesday afternoons; then two
// bookings, one by the person, one by the mediator for someone. It does
// nothing when the structure already has free slots ahead.
func LoadAppointments(ctx context.Context, ap *appointments.Service, pl *places.Service, ids *identity.Service) error {
	org, err := ids.OrganisationBySlug(ctx, ClaimedPlaceOrg)
	if err != nil {
		return fmt.Errorf("demo appointments: %w", err)
	}
	if free, err := ap.FreeSlotsOfStructure(ctx, org.ID, 1); err != nil || len(free) > 0 {
		return err
	}
	place, err := pl.GetByID(ctx, ClaimedPlaceSource, ClaimedPlaceID)
	if err != nil {
		return fmt.Errorf("demo appointments: %w", err)
	}
	mediator, err := ids.UserByEmail(ctx, "mediateur@demo.guichet.test")
	if err != nil {
		return fmt.Errorf("demo appointments: %w", err)
	}
	today := ap.Now().In(appointments.Paris)
	day := func(t time.Time) string { return fmt.Sprintf("%d/%d/%d", t.Day(), t.Month(), t.Year()) }
	for _, sr := range []appointments.Series{
		{Mode: string(appointments.OnSite), PlaceID: place.Key, Weekdays: []string{"1", "2", "3", "4", "5"},
			Start: "9:00", End: "12:00", Minutes: 30, Capacity: 1},
		{Mode: string(appointments.Phone), Weekdays: []string{"3"}, Start: "14:00", End: "16:00", Minutes: 30, Capacity: 1},
	} {
		sr.OrgID, sr.ActorID, sr.From, sr.To = org.ID, mediator.ID, day(today), day(today.AddDate(0, 0, 20))
		if _, err := ap.CreateSeries(ctx, sr); err != nil {
			return fmt.Errorf("demo slots: %w", err)
		}
	}
	free, err := ap.FreeSlotsOfPlace(ctx, place.Key, 40)
	if err != nil {
		return err
	}
	// Two bookings two days ahead and more, so that their reminders wait.
	var later []appointments.Slot
	for _, sl := range free {
		if sl.StartsAt.After(today.Add(48 * time.Hour)) {
			later = append(later, sl)
		}
	}
	if len(later) < 2 {
		return nil
	}
	for i, r := range []appointments.Request{
		{PersonName: "Awa Diallo", Contact: "06 12 34 56 78"},
		{PersonName: "Jean Morel", Contact: "jean.morel@demo.guichet.test", BookedBy: mediator.ID},
	} {
		r.SlotID = later[i].ID
		if _, _, err := ap.Book(ctx, r); err != nil {
			return fmt.Errorf("demo booking: %w", err)
		}
	}
	return nil
}
