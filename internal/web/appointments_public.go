package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"guichet/internal/appointments"
	"guichet/internal/errs"
	"guichet/internal/identity"
)

// placeAppointments lists the free slots of a help place, by day.
func (s *Server) placeAppointments(w http.ResponseWriter, r *http.Request) error {
	key, err := placeKey(r)
	if err != nil {
		return err
	}
	p, err := s.Places.Get(r.Context(), key)
	if err != nil {
		return err
	}
	list, err := s.Appointments.FreeSlotsOfPlace(r.Context(), key, 60)
	if err != nil {
		return err
	}
	v := struct {
		Page
		PlaceName, PlaceURL string
		Days                []dayOfSlots
	}{s.page(r, "Prendre rendez-vous : "+normalCase(p.Nom)), normalCase(p.Nom), "/lieux/" + strconv.FormatInt(key, 10),
		s.slotsByDay(r.Context(), list)}
	return s.render(w, http.StatusOK, "appointments-place", v)
}

// bookFormView is the model of the booking form of a slot.
type bookFormView struct {
	Page
	Slot      slotView
	Structure string
	Form      *Form
	// ForPerson is set when a mediator books for someone: the browser
	// must not fill in the mediator's own name and contact.
	ForPerson                        bool
	NameLabel, NameAuto, ContactAuto string
	// Others are the structure's free slots offered when the one chosen
	// was taken meanwhile: the person picks one without typing again.
	Others []slotView
}

func (s *Server) bookForm(w http.ResponseWriter, r *http.Request, sl *appointments.Slot, f *Form, status int) error {
	return s.render(w, status, "appointments-book", s.bookFormView(r, sl, f))
}

func (s *Server) bookFormView(r *http.Request, sl *appointments.Slot, f *Form) bookFormView {
	v := bookFormView{Page: s.page(r, "Prendre rendez-vous le "+sl.When()), Slot: s.slotView(r.Context(), sl), Form: f,
		ForPerson: mediatorOf(r, sl.OrgID)}
	v.HasErrors = !f.Valid()
	v.NameLabel, v.NameAuto, v.ContactAuto = "Votre nom", "name", "on"
	if v.ForPerson {
		v.NameLabel, v.NameAuto, v.ContactAuto = "Nom de la personne", "off", "off"
	}
	if o, err := s.Identity.OrganisationByID(r.Context(), sl.OrgID); err == nil {
		v.Structure = o.Name
	}
	return v
}

// mediatorOf tells whether the signed-in person is a mediator of orgID.
func mediatorOf(r *http.Request, orgID int64) bool {
	u := currentUser(r)
	if u == nil || !fullySignedIn(r) {
		return false
	}
	for _, m := range u.Memberships {
		if m.OrgID == orgID && m.Role == identity.RoleMediator {
			return true
		}
	}
	return false
}

func (s *Server) bookingPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Ce créneau n'existe pas ou n'existe plus.")
	if err != nil {
		return err
	}
	sl, err := s.Appointments.Slot(r.Context(), id)
	if err != nil {
		return err
	}
	if sl.Free() <= 0 || !sl.StartsAt.After(s.Appointments.Now()) {
		return errs.E(errs.Conflict, "Ce créneau est déjà pris ou passé. Choisissez-en un autre.")
	}
	return s.bookForm(w, r, sl, emptyForm(), http.StatusOK)
}

func (s *Server) book(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Ce créneau n'existe pas ou n'existe plus.")
	if err != nil {
		return err
	}
	sl, err := s.Appointments.Slot(r.Context(), id)
	if err != nil {
		return err
	}
	f := newForm(r)
	req := appointments.Request{SlotID: id, PersonName: f.Get("person_name"), Contact: f.Get("contact")}
	if mediatorOf(r, sl.OrgID) {
		req.BookedBy = currentUser(r).ID
	}
	if other := f.Get("slot"); other != "" {
		// Another slot picked after the first was taken: the name and
		// contact typed come with it.
		n, err := strconv.ParseInt(other, 10, 64)
		if err != nil {
			return errs.E(errs.NotFound, "Ce créneau n'existe pas ou n'existe plus.")
		}
		if sl, err = s.Appointments.Slot(r.Context(), n); err != nil {
			return err
		}
		req.SlotID = n
		req.BookedBy = 0
		if mediatorOf(r, sl.OrgID) {
			req.BookedBy = currentUser(r).ID
		}
	}
	// A person alone proves the contact is theirs with a code sent to it
	// before the booking counts; a mediator, with the person present,
	// vouches for it and books at once.
	next := "/rendez-vous/gerer/"
	var token string
	if req.BookedBy != 0 {
		_, token, err = s.Appointments.Book(r.Context(), req)
		next += url.PathEscape(token) + "?fait=reserve"
	} else {
		_, token, err = s.Appointments.Hold(r.Context(), req)
		next = "/rendez-vous/confirmer/" + url.PathEscape(token)
	}
	if errs.Is(err, errs.Conflict) {
		return s.slotTaken(w, r, sl, f, err)
	}
	if err != nil {
		if f.FailWith(err) {
			return s.bookForm(w, r, sl, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

var bookingNotices = map[string]string{
	"reserve":  "Votre rendez-vous est pris. Un message de confirmation part vers le contact donné.",
	"deplace":  "Votre rendez-vous est déplacé. Un nouveau message de confirmation part vers le contact donné.",
	"annule":   "Votre rendez-vous est annulé.",
	"inchange": "Votre rendez-vous n'a pas changé.",
}

// slotTaken answers a booking whose slot was taken or started meanwhile:
// the form again, with what was typed, and the structure's other free
// slots to choose from.
func (s *Server) slotTaken(w http.ResponseWriter, r *http.Request, sl *appointments.Slot, f *Form, taken error) error {
	others, err := s.Appointments.FreeSlotsOfStructure(r.Context(), sl.OrgID, 8)
	if err != nil {
		return err
	}
	f.Fail("slot", errs.MessageOf(taken))
	f.Values.Del("slot")
	v := s.bookFormView(r, sl, f)
	for i := range others {
		if others[i].ID != sl.ID {
			v.Others = append(v.Others, s.slotView(r.Context(), &others[i]))
		}
	}
	return s.render(w, http.StatusConflict, "appointments-book", v)
}

func (s *Server) managePage(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	b, err := s.Appointments.ByToken(r.Context(), token)
	if err != nil {
		return err
	}
	v := s.bookingView(r, b, token, "Votre rendez-vous du "+b.Slot.When())
	v.Notice = bookingNotices[r.URL.Query().Get("fait")]
	return s.render(w, http.StatusOK, "appointments-manage", v)
}

func (s *Server) cancelBooking(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	if _, err := s.Appointments.Cancel(r.Context(), token); err != nil {
		return err
	}
	http.Redirect(w, r, "/rendez-vous/gerer/"+url.PathEscape(token)+"?fait=annule", http.StatusSeeOther)
	return nil
}

func (s *Server) movePage(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	b, err := s.Appointments.ByToken(r.Context(), token)
	if err != nil {
		return err
	}
	return s.moveForm(w, r, b, token, emptyForm(), http.StatusOK)
}

func (s *Server) moveForm(w http.ResponseWriter, r *http.Request, b *appointments.Booking, token string, f *Form, status int) error {
	list, err := s.Appointments.FreeSlotsOfStructure(r.Context(), b.Slot.OrgID, 60)
	if err != nil {
		return err
	}
	v := struct {
		bookingView
		Form *Form
		Days []dayOfSlots
	}{s.bookingView(r, b, token, "Déplacer votre rendez-vous"), f, s.slotsByDay(r.Context(), list)}
	v.HasErrors = !f.Valid()
	return s.render(w, status, "appointments-move", v)
}

func (s *Server) moveBooking(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	f := newForm(r)
	to, _ := strconv.ParseInt(f.Get("slot"), 10, 64)
	b, err := s.Appointments.ByToken(r.Context(), token)
	if err != nil {
		return err
	}
	if to <= 0 {
		f.Fail("slot", "Choisissez le nouveau créneau dans la liste.")
		return s.moveForm(w, r, b, token, f, http.StatusUnprocessableEntity)
	}
	if to == b.SlotID {
		http.Redirect(w, r, "/rendez-vous/gerer/"+url.PathEscape(token)+"?fait=inchange", http.StatusSeeOther)
		return nil
	}
	if _, err := s.Appointments.Move(r.Context(), token, to); err != nil {
		if errs.Is(err, errs.Conflict) || errs.Is(err, errs.NotFound) {
			f.Fail("slot", errs.MessageOf(err))
			return s.moveForm(w, r, b, token, f, http.StatusConflict)
		}
		return err
	}
	http.Redirect(w, r, "/rendez-vous/gerer/"+url.PathEscape(token)+"?fait=deplace", http.StatusSeeOther)
	return nil
}

// bookingICS serves the calendar file of a booking.
func (s *Server) bookingICS(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	b, err := s.Appointments.ByToken(r.Context(), token)
	if err != nil {
		return err
	}
	structure := "la structure d'aide"
	if o, err := s.Identity.OrganisationByID(r.Context(), b.Slot.OrgID); err == nil {
		structure = o.Name
	}
	host := "guichet"
	if u, err := url.Parse(s.Settings.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	body := appointments.ICS(b, host, "Rendez-vous : "+structure, s.Appointments.Where(r.Context(), &b.Slot),
		s.Appointments.ManageURL(token), s.Appointments.Now())
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rendez-vous-%d.ics"`, b.ID))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(body)
	return err
}
