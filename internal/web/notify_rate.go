package web

import (
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/identity"
	"guichet/internal/notify"
)

// rateSetters may set the pace of their organisation's collective sends.
var rateSetters = []identity.Role{identity.RoleAdmin}

// rateView is the model of the page of an organisation's sending pace.
type rateView struct {
	Page
	Form          *Form
	OrgName       string
	Action        string
	CollectiveURL string
	PerMinute     int
	Default       int
	Queue         notify.Queue
}

func (s *Server) notifyRatePage(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, rateSetters...)
	if err != nil {
		return err
	}
	f := emptyForm()
	n, err := s.Notify.RateLimit(r.Context(), o.OrgID)
	if err != nil {
		return err
	}
	f.Values.Set("per_minute", strconv.Itoa(n))
	v, err := s.rateView(r, o, f, n)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("fait") == "rythme" {
		v.Notice = "Rythme enregistré : " + plural(n, "message", "messages") + " par minute pour les prochains envois groupés."
	}
	return s.render(w, http.StatusOK, "notify-rate", v)
}

func (s *Server) notifyRateSave(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, rateSetters...)
	if err != nil {
		return err
	}
	f := newForm(r)
	// "3 000" is how a number is written in French: spaces are dropped.
	typed := strings.Map(func(c rune) rune {
		if c == ' ' || c == '\u00a0' || c == '\u202f' {
			return -1
		}
		return c
	}, f.Get("per_minute"))
	n, _ := strconv.Atoi(typed) // not a number: 0, which SetRateLimit refuses
	err = s.Notify.SetRateLimit(r.Context(), o.OrgID, n)
	if f.FailWith(err) {
		current, rerr := s.Notify.RateLimit(r.Context(), o.OrgID)
		if rerr != nil {
			return rerr
		}
		v, verr := s.rateView(r, o, f, current)
		if verr != nil {
			return verr
		}
		return s.render(w, http.StatusUnprocessableEntity, "notify-rate", v)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/"+o.OrgSlug+"/envois/rythme?fait=rythme", http.StatusSeeOther)
	return nil
}

func (s *Server) rateView(r *http.Request, o orgScope, f *Form, perMinute int) (rateView, error) {
	q, err := s.Notify.QueueOf(r.Context(), o.OrgID)
	if err != nil {
		return rateView{}, err
	}
	v := rateView{Page: s.page(r, "Rythme des envois groupés – "+o.OrgName), Form: f, OrgName: o.OrgName,
		Action: "/espace/" + o.OrgSlug + "/envois/rythme", CollectiveURL: "/espace/" + o.OrgSlug + "/envois",
		PerMinute: perMinute, Default: notify.DefaultRatePerMinute, Queue: q}
	v.HasErrors = !f.Valid()
	return v, nil
}
