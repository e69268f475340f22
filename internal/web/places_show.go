package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/places"
)

// placeView is the model of a help place's public page.
type placeView struct {
	Page
	P       *places.Place
	Address string
	MapURL  string
	// Status and StatusClass say whether it is open now (see placeCard).
	Status, StatusClass string
	Hours               hoursView
	Phone               string
	PhoneHref           template.URL
	Sites               []link
	// Publics is who the place is meant for, "Tout public" when it names
	// nobody in particular.
	Publics []string
	Labels  []string
	// EditURL is set for the staff of the structure that manages the place.
	EditURL string
	// NextSlot is the place's next free appointment slot, nil when none.
	NextSlot *slotView
}

// link is a link with its text.
type link struct{ URL, Label string }

// hoursView is the week of a place, ready for a table.
type hoursView struct {
	Days  []dayHours
	Notes []string
	// Raw holds hours that could not be read, shown as they were written.
	Raw string
}

// dayHours is one row of the week table.
type dayHours struct{ Name, Hours string }

// placeKey reads the {id} of a place's address; a malformed one is a page
// that does not exist.
func placeKey(r *http.Request) (int64, error) {
	key, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || key <= 0 {
		return 0, errs.E(errs.NotFound, "Ce lieu n'existe pas ou n'existe plus.")
	}
	return key, nil
}

func (s *Server) placePage(w http.ResponseWriter, r *http.Request) error {
	key, err := placeKey(r)
	if err != nil {
		return err
	}
	p, err := s.Places.Get(r.Context(), key)
	if err != nil {
		return err
	}
	open, status := p.OpenAt(s.Now())
	v := placeView{Page: s.page(r, normalCase(p.Nom)), P: p, Address: placeAddress(p), MapURL: mapURL(p),
		Status: status, StatusClass: statusClass(open), Hours: weekOf(p),
		Phone: displayPhone(p.Telephone), PhoneHref: phoneHref(p.Telephone),
		Publics: p.PublicsSpecifiquementAdresses}
	for _, u := range p.SiteWeb {
		v.Sites = append(v.Sites, link{URL: u, Label: siteLabel(u)})
	}
	if len(v.Publics) == 0 {
		v.Publics = []string{"Tout public"}
	}
	v.Labels = append(append([]string{}, p.DispositifProgrammesNationaux...), p.FormationsLabels...)
	if p.AutresFormationsLabels != "" {
		v.Labels = append(v.Labels, p.AutresFormationsLabels)
	}
	if next, err := s.Appointments.NextFree(r.Context(), key); err != nil {
		return err
	} else if next != nil {
		sv := s.slotView(r.Context(), next)
		v.NextSlot = &sv
	}
	if u := currentUser(r); u != nil && p.OrgID != nil && fullySignedIn(r) {
		v.EditURL = editURL(u, p)
	}
	return s.render(w, http.StatusOK, "places-show", v)
}

// editURL is the address where u edits p, "" when u may not.
func editURL(u *identity.User, p *places.Place) string {
	for _, m := range u.Memberships {
		if m.Role == identity.RoleMediator && p.OrgID != nil && m.OrgID == *p.OrgID {
			return staffPlaceURL(m.OrgSlug, p)
		}
	}
	return ""
}

// weekOf reads the opening hours of p for the week table.
func weekOf(p *places.Place) hoursView {
	if strings.TrimSpace(p.Horaires) == "" {
		return hoursView{}
	}
	sched, err := p.Schedule()
	if err != nil {
		return hoursView{Raw: p.Horaires}
	}
	var h hoursView
	for _, d := range sched.Week() {
		text := strings.Join(d.Ranges, ", ")
		if d.Closed {
			text = "Fermé"
		}
		if d.Comment != "" {
			text = strings.TrimSpace(text + " (" + d.Comment + ")")
		}
		h.Days = append(h.Days, dayHours{Name: capitalize(d.Name), Hours: text})
	}
	h.Notes = sched.Notes()
	return h
}

// capitalize puts a capital to the first letter of a French word.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
