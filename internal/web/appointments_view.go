package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/appointments"
	"guichet/internal/errs"
)

// slotView is a slot as the appointment pages show it.
type slotView struct {
	ID                int64
	Day, Time, When   string
	Mode              string
	Where             string
	Minutes           int
	Free, Capacity    int
	Booked            int
	Past              bool
	BookURL, StaffURL string
}

func (s *Server) slotView(ctx context.Context, sl *appointments.Slot) slotView {
	return slotView{ID: sl.ID, Day: capitalize(appointments.FrenchDay(sl.StartsAt)), Time: appointments.FrenchClock(sl.StartsAt),
		When: sl.When(), Mode: sl.Mode.Label(), Where: s.Appointments.Where(ctx, sl), Minutes: sl.Minutes(),
		Free: sl.Free(), Capacity: sl.Capacity, Booked: sl.Booked, Past: !sl.StartsAt.After(s.Appointments.Now()),
		BookURL: "/rendez-vous/creneaux/" + strconv.FormatInt(sl.ID, 10)}
}

// dayOfSlots is the slots of one day, for lists grouped by day.
type dayOfSlots struct {
	Day   string
	Slots []slotView
}

func (s *Server) slotsByDay(ctx context.Context, list []appointments.Slot) []dayOfSlots {
	var out []dayOfSlots
	for i := range list {
		v := s.slotView(ctx, &list[i])
		if len(out) == 0 || out[len(out)-1].Day != v.Day {
			out = append(out, dayOfSlots{Day: v.Day})
		}
		out[len(out)-1].Slots = append(out[len(out)-1].Slots, v)
	}
	return out
}

// pathID reads a numeric {name} of the address; a malformed one is not found.
func pathID(r *http.Request, name, notFound string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, notFound)
	}
	return id, nil
}

// bookingView is a booking as its person sees it through their link.
type bookingView struct {
	Page
	B         *appointments.Booking
	Slot      slotView
	Structure string
	Token     string
	Cancelled bool
	Past      bool
	ContactIs string
}

func (s *Server) bookingView(r *http.Request, b *appointments.Booking, token, title string) bookingView {
	v := bookingView{Page: s.page(r, title), B: b, Slot: s.slotView(r.Context(), &b.Slot), Token: token,
		Cancelled: b.Status == appointments.Cancelled, Past: !b.Slot.StartsAt.After(s.Appointments.Now())}
	if o, err := s.Identity.OrganisationByID(r.Context(), b.Slot.OrgID); err == nil {
		v.Structure = o.Name
	}
	v.ContactIs = "par e-mail à " + maskEmail(b.Contact)
	if b.Channel == "sms" {
		v.ContactIs = "par SMS au numéro finissant par " + b.Contact[len(b.Contact)-2:]
	}
	return v
}

// maskEmail hides most of an address's local part: whoever the link was
// forwarded to does not learn it.
func maskEmail(e string) string {
	at := strings.LastIndexByte(e, '@')
	if at < 1 {
		return "l'adresse donnée"
	}
	return e[:1] + "…" + e[at:]
}
