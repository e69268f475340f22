package web

import (
	"net/http"
	"net/url"

	"guichet/internal/appointments"
)

// confirmView is the model of the page where a person types the code sent
// to their contact, before their booking counts.
type confirmView struct {
	Page
	Hold      *appointments.Hold
	Slot      slotView
	Structure string
	Form      *Form
	Token     string
}

func (s *Server) confirmForm(w http.ResponseWriter, r *http.Request, h *appointments.Hold, token string, f *Form, status int) error {
	v := confirmView{Page: s.page(r, "Confirmer le rendez-vous du "+h.Slot.When()), Hold: h, Slot: s.slotView(r.Context(), &h.Slot),
		Form: f, Token: token}
	v.HasErrors = !f.Valid()
	if o, err := s.Identity.OrganisationByID(r.Context(), h.Slot.OrgID); err == nil {
		v.Structure = o.Name
	}
	return s.render(w, status, "appointments-confirm", v)
}

// confirmPage is /rendez-vous/confirmer/{token}: where the code sent to
// the contact is typed. The token is a secret of the browser that asked.
func (s *Server) confirmPage(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	h, err := s.Appointments.HoldByToken(r.Context(), token)
	if err != nil {
		return err
	}
	return s.confirmForm(w, r, h, token, emptyForm(), http.StatusOK)
}

// confirmBooking books with the code typed, then shows the booking by its
// link, as a booking made at once does.
func (s *Server) confirmBooking(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	h, err := s.Appointments.HoldByToken(r.Context(), token)
	if err != nil {
		return err
	}
	f := newForm(r)
	_, manage, err := s.Appointments.Confirm(r.Context(), token, f.Get("code"))
	if err != nil {
		if f.FailWith(err) {
			return s.confirmForm(w, r, h, token, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, "/rendez-vous/gerer/"+url.PathEscape(manage)+"?fait=reserve", http.StatusSeeOther)
	return nil
}
