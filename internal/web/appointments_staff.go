package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"guichet/internal/appointments"
	"guichet/internal/errs"
	"guichet/internal/identity"
)

// structureOf returns the organisation of the address, which must be a
// help structure: administrations publish no slots and write no reports.
func (s *Server) structureOf(r *http.Request) (*identity.Organisation, error) {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return nil, err
	}
	if org.Kind != identity.KindHelpStructure {
		return nil, errs.E(errs.NotFound, "Les rendez-vous et les comptes rendus d'activité sont ceux des structures d'aide.")
	}
	return org, nil
}

var slotNotices = map[string]string{
	"absent": "L'absence est notée.",
	"annule": "Le rendez-vous est annulé et la place libérée. La personne reçoit un message qui le lui dit.",
}

// staffAppointments lists the structure's slots of the next four weeks.
func (s *Server) staffAppointments(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	now := s.Appointments.Now()
	list, err := s.Appointments.SlotsOfStructure(r.Context(), org.ID, now.Add(-7*24*time.Hour), now.Add(28*24*time.Hour))
	if err != nil {
		return err
	}
	days := s.slotsByDay(r.Context(), list)
	for i := range days {
		for j := range days[i].Slots {
			days[i].Slots[j].StaffURL = "/espace/" + org.Slug + "/rendez-vous/creneaux/" + strconv.FormatInt(days[i].Slots[j].ID, 10)
		}
	}
	v := struct {
		Page
		Org  *identity.Organisation
		Days []dayOfSlots
	}{s.page(r, "Les rendez-vous "+orgWords(org.Name).Of), org, days}
	if r.URL.Query().Get("fait") == "supprime" {
		v.Notice = "Le créneau est supprimé."
	}
	if n := r.URL.Query().Get("crees"); n != "" {
		if c, err := strconv.Atoi(n); err == nil {
			v.Notice = plural(c, "créneau créé.", "créneaux créés.")
			if c == 0 {
				v.Notice = "Aucun créneau créé : la structure les avait déjà."
			}
		}
	}
	return s.render(w, http.StatusOK, "appointments-staff-list", v)
}

// seriesFormView is the model of the form that publishes slots.
type seriesFormView struct {
	Page
	Org      *identity.Organisation
	Form     *Form
	Modes    checkGroup
	Places   []option
	Weekdays checkGroup
	Lengths  checkGroup
}

func (s *Server) seriesForm(w http.ResponseWriter, r *http.Request, org *identity.Organisation, f *Form, status int) error {
	v := seriesFormView{Page: s.page(r, "Publier des créneaux de rendez-vous"), Org: org, Form: f}
	v.HasErrors = !f.Valid()
	v.Modes = checkGroup{Legend: "Comment se passent les rendez-vous ?", Error: f.ErrorFor("mode")}
	v.Lengths = checkGroup{Legend: "Durée d'un rendez-vous", Error: f.ErrorFor("minutes")}
	for i, m := range appointments.Modes {
		v.Modes.Options = append(v.Modes.Options, radio("mode", i, string(m), m.Label(), f.Get("mode")))
	}
	pls, err := s.Places.ListByOrg(r.Context(), org.ID)
	if err != nil {
		return err
	}
	for _, p := range pls {
		val := strconv.FormatInt(p.Key, 10)
		v.Places = append(v.Places, option{val, normalCase(p.Nom) + " (" + normalCase(p.Commune) + ")", f.Get("place_id") == val})
	}
	v.Weekdays = checkGroup{ID: "weekdays", Legend: "Les jours de la semaine", Error: f.ErrorFor("weekdays")}
	chosen := map[string]bool{}
	for _, d := range f.Values["weekdays"] {
		chosen[d] = true
	}
	for i, d := range appointments.WeekdayNames {
		id := "weekdays-" + d.Value
		if i == 0 {
			id = "weekdays"
		}
		v.Weekdays.Options = append(v.Weekdays.Options, checkOption{ID: id, Name: "weekdays", Value: d.Value, Label: d.Label, Checked: chosen[d.Value]})
	}
	for i, m := range appointments.SlotLengths {
		v.Lengths.Options = append(v.Lengths.Options, radio("minutes", i, strconv.Itoa(m), strconv.Itoa(m)+" minutes", f.Get("minutes")))
	}
	return s.render(w, status, "appointments-staff-series", v)
}

// radio builds the i-th radio button of a group: the first carries the
// group's id, so that the error summary's link reaches it.
func radio(name string, i int, value, label, current string) checkOption {
	id := name + "-" + value
	if i == 0 {
		id = name
	}
	return checkOption{ID: id, Name: name, Value: value, Label: label, Checked: current == value}
}

func (s *Server) staffSeriesNew(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	f := emptyForm()
	f.Values.Set("mode", string(appointments.OnSite))
	f.Values.Set("minutes", "30")
	f.Values.Set("capacity", "1")
	return s.seriesForm(w, r, org, f, http.StatusOK)
}

func (s *Server) staffSeriesCreate(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	place, _ := strconv.ParseInt(f.Get("place_id"), 10, 64)
	minutes, _ := strconv.Atoi(f.Get("minutes"))
	capacity, _ := strconv.Atoi(f.Get("capacity"))
	n, err := s.Appointments.CreateSeries(r.Context(), appointments.Series{OrgID: org.ID, ActorID: currentUser(r).ID,
		Mode: f.Get("mode"), PlaceID: place, VideoURL: f.Get("video_url"), From: f.Get("from"), To: f.Get("to"),
		Weekdays: f.Values["weekdays"], Start: f.Get("start"), End: f.Get("end"), Minutes: minutes, Capacity: capacity})
	if err != nil {
		if f.FailWith(err) {
			return s.seriesForm(w, r, org, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/rendez-vous?crees="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}

// bookingRow is a booking as the staff see it.
type bookingRow struct {
	appointments.Booking
	StatusLabel string
	Contact     string
	ByMediator  string
	CanNoShow   bool
	CanCancel   bool
}

func (s *Server) staffSlot(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id", "Ce créneau n'existe pas.")
	if err != nil {
		return err
	}
	sl, list, err := s.Appointments.BookingsOfSlot(r.Context(), org.ID, id, currentUser(r).ID)
	if err != nil {
		return err
	}
	sv := s.slotView(r.Context(), sl)
	rows := make([]bookingRow, 0, len(list))
	for _, b := range list {
		row := bookingRow{Booking: b, StatusLabel: b.Status.Label(), Contact: b.Contact,
			CanNoShow: sv.Past && b.Status == appointments.Booked, CanCancel: !sv.Past && b.Status == appointments.Booked}
		if b.Channel == "sms" {
			row.Contact = displayPhone(b.Contact)
		}
		if b.BookedBy != 0 {
			if u, err := s.Identity.UserByID(r.Context(), b.BookedBy); err == nil {
				row.ByMediator = u.Name
			}
		}
		rows = append(rows, row)
	}
	v := struct {
		Page
		Org      *identity.Organisation
		Slot     slotView
		Bookings []bookingRow
	}{s.page(r, "Créneau du "+sl.When()), org, sv, rows}
	v.Notice = slotNotices[r.URL.Query().Get("fait")]
	return s.render(w, http.StatusOK, "appointments-staff-slot", v)
}

// staffBookingAction is a staff member's action on one booking of their
// structure (act, from the appointments service), after which they return
// to its slot's page, which says what was done.
func (s *Server) staffBookingAction(act func(ctx context.Context, orgID, bookingID, actorID int64) (*appointments.Booking, error),
	done string) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		org, err := s.structureOf(r)
		if err != nil {
			return err
		}
		id, err := pathID(r, "id", "Cette réservation n'existe pas.")
		if err != nil {
			return err
		}
		b, err := act(r.Context(), org.ID, id, currentUser(r).ID)
		if err != nil {
			return err
		}
		http.Redirect(w, r, "/espace/"+org.Slug+"/rendez-vous/creneaux/"+strconv.FormatInt(b.SlotID, 10)+"?fait="+done, http.StatusSeeOther)
		return nil
	}
}

// staffNoShow marks that the person did not come.
func (s *Server) staffNoShow() func(w http.ResponseWriter, r *http.Request) error {
	return s.staffBookingAction(s.Appointments.MarkNoShow, "absent")
}

// staffCancelBooking cancels a booking for the person (they asked by
// phone, the structure closes): the place is freed, the person told.
func (s *Server) staffCancelBooking() func(w http.ResponseWriter, r *http.Request) error {
	return s.staffBookingAction(s.Appointments.CancelForPerson, "annule")
}

// staffDeleteSlot deletes a slot nobody holds; a booked one is refused
// until its bookings are cancelled, so that nobody loses theirs unawares.
func (s *Server) staffDeleteSlot(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id", "Ce créneau n'existe pas.")
	if err != nil {
		return err
	}
	if err := s.Appointments.DeleteSlot(r.Context(), org.ID, id, currentUser(r).ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/rendez-vous?fait=supprime", http.StatusSeeOther)
	return nil
}
