package web

import (
	"net/http"
	"strconv"
	"time"

	"guichet/internal/errs"
	"guichet/internal/profile"
)

// profileRow is one item of the profile page.
type profileRow struct {
	Item     profile.Item
	Label    string
	Value    string // in words, "" when not given
	Source   string // "déclaré par vous le 3 mars 2026"
	ReadOnly bool   // vouched for by the identity provider
	Provider string
}

// profileShow is /compte/profil: each item, where it came from and when,
// with a link to change what the person may change.
func (s *Server) profileShow(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	p, err := s.Profile.Get(r.Context(), u.ID)
	if err != nil {
		return err
	}
	pivots, err := s.Identity.Pivots(r.Context(), u.ID)
	if err != nil {
		return err
	}
	var rows []profileRow
	for _, item := range profile.Items {
		row := profileRow{Item: item, Label: item.Label()}
		if item == profile.Identity && len(pivots) > 0 {
			pv := pivotViews(pivots)[0]
			row.ReadOnly, row.Provider = true, pv.Provider
			row.Value = pv.GivenName + " " + pv.FamilyName
			if pv.Born != "" {
				row.Value += ", né ou née le " + pv.Born
			}
			row.Source = "transmis par " + pv.Provider + " le " + frenchDate(pv.At)
		} else if e, ok := p[item]; ok {
			row.Value = e.Display()
			row.Source = e.Source.Sentence() + " le " + frenchDate(e.Source.At)
		}
		rows = append(rows, row)
	}
	v := struct {
		Page
		Rows []profileRow
	}{s.page(r, "Mon profil"), rows}
	if r.URL.Query().Get("fait") == "1" {
		v.Notice = "Votre profil est enregistré. Il servira à pré-remplir vos prochaines démarches : vous pourrez toujours vérifier et corriger."
	}
	return s.render(w, http.StatusOK, "profile-show", v)
}

// profileItem reads the {item} of the path: an unknown one is not found,
// the identity a provider vouched for may not be changed here.
func (s *Server) profileItem(r *http.Request) (profile.Item, error) {
	item := profile.Item(r.PathValue("item"))
	if !item.Known() {
		return "", errs.E(errs.NotFound, "Cette information du profil n'existe pas.")
	}
	if item == profile.Identity {
		pivots, err := s.Identity.Pivots(r.Context(), currentUser(r).ID)
		if err != nil {
			return "", err
		}
		if len(pivots) > 0 {
			return "", errs.E(errs.Forbidden, "Votre identité vient de votre fournisseur d'identité : pour la corriger, adressez-vous à lui.")
		}
	}
	return item, nil
}

// profileEditView is the model of the page that changes one item.
type profileEditView struct {
	Page
	Item       profile.Item
	Form       *Form
	Situations []situationOption
}

type situationOption struct {
	Value, Label string
	Selected     bool
}

func (s *Server) profileEditPage(w http.ResponseWriter, r *http.Request) error {
	item, err := s.profileItem(r)
	if err != nil {
		return err
	}
	p, err := s.Profile.Get(r.Context(), currentUser(r).ID)
	if err != nil {
		return err
	}
	return s.renderProfileEdit(w, r, http.StatusOK, item, profileFormOf(p[item]))
}

func (s *Server) profileSave(w http.ResponseWriter, r *http.Request) error {
	item, err := s.profileItem(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	err = s.Profile.Declare(r.Context(), currentUser(r).ID, item, profile.Values(item, f.Get))
	if f.FailWith(err) {
		return s.renderProfileEdit(w, r, http.StatusUnprocessableEntity, item, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/compte/profil?fait=1", http.StatusSeeOther)
	return nil
}

func (s *Server) renderProfileEdit(w http.ResponseWriter, r *http.Request, status int, item profile.Item, f *Form) error {
	v := profileEditView{Page: s.page(r, item.Label()+" : modifier"), Item: item, Form: f}
	v.HasErrors = !f.Valid()
	for _, o := range profile.Situations {
		v.Situations = append(v.Situations, situationOption{o.Value, o.Label, f.Get("situation") == o.Value})
	}
	return s.render(w, status, "profile-edit", v)
}

// profileFormOf fills the page's fields with what the profile holds.
func profileFormOf(e profile.Entry) *Form {
	f := emptyForm()
	v := e.Value
	set := func(k, val string) {
		if val != "" {
			f.Values.Set(k, val)
		}
	}
	set("given_name", v.GivenName)
	set("family_name", v.FamilyName)
	if v.Birthdate != "" {
		if t, err := time.Parse("2006-01-02", v.Birthdate); err == nil {
			set("birthdate", t.Format("02/01/2006"))
		}
	}
	if v.Address != nil {
		set("street", v.Address.Street)
		set("postcode", v.Address.Postcode)
		set("town", v.Address.Town)
	}
	switch e.Item {
	case profile.Phone:
		set("phone", v.Text)
	case profile.Email:
		set("email", v.Text)
	case profile.IBAN:
		set("iban", v.Text)
	case profile.Family:
		set("situation", v.Situation)
		f.Values.Set("children", strconv.Itoa(v.Children))
	}
	return f
}
