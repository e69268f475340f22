package web

import (
	"net/http"
	"strconv"
	"time"

	"guichet/internal/activity"
	"guichet/internal/identity"
)

// reportFormView is the model of the one-page activity report form.
type reportFormView struct {
	Page
	Org         *identity.Organisation
	Form        *Form
	Kinds       checkGroup
	Durations   checkGroup
	Places      []option
	Themes      checkGroup
	Equipment   checkGroup
	Autonomy    checkGroup
	Orientation []option
	Profiles    checkGroup
	Recent      []reportRow
}

// reportRow is a report in the list of the latest.
type reportRow struct {
	Day, Kind, Duration, Themes string
}

// checks builds a checkbox group from a vocabulary, ticking the form's values.
func checks(f *Form, name, legend, hint string, choices []activity.Choice) checkGroup {
	g := checkGroup{ID: name, Legend: legend, Hint: hint, Error: f.ErrorFor(name)}
	chosen := map[string]bool{}
	for _, v := range f.Values[name] {
		chosen[v] = true
	}
	for i, c := range choices {
		id := name + "-" + c.Value
		if i == 0 {
			id = name
		}
		g.Options = append(g.Options, checkOption{ID: id, Name: name, Value: c.Value, Label: c.Label, Checked: chosen[c.Value]})
	}
	return g
}

// radios builds a radio group from a vocabulary.
func radios(f *Form, name, legend string, choices []activity.Choice) checkGroup {
	g := checkGroup{Legend: legend, Error: f.ErrorFor(name)}
	for i, c := range choices {
		g.Options = append(g.Options, radio(name, i, c.Value, c.Label, f.Get(name)))
	}
	return g
}

func (s *Server) reportForm(w http.ResponseWriter, r *http.Request, org *identity.Organisation, f *Form, status int) error {
	v := reportFormView{Page: s.page(r, "Compte rendu d'activité"), Org: org, Form: f}
	v.HasErrors = !f.Valid()
	if r.Method == http.MethodGet && r.URL.Query().Get("fait") == "enregistre" {
		v.Notice = "Compte rendu enregistré. Vous pouvez en écrire un autre."
	}
	v.Kinds = radios(f, "kind", "Accompagnement", activity.KindChoices)
	var durations []activity.Choice
	for _, m := range activity.Durations {
		durations = append(durations, activity.Choice{Value: strconv.Itoa(m), Label: activity.DurationLabel(m)})
	}
	v.Durations = radios(f, "minutes", "Durée", durations)
	pls, err := s.Places.ListByOrg(r.Context(), org.ID)
	if err != nil {
		return err
	}
	for _, p := range pls {
		val := strconv.FormatInt(p.Key, 10)
		v.Places = append(v.Places, option{val, normalCase(p.Nom), f.Get("place_id") == val})
	}
	v.Places = append(v.Places, option{"0", "Ailleurs (à domicile, à distance, hors les murs)", f.Get("place_id") == "0"})
	v.Themes = checks(f, "themes", "Thèmes", "Cochez tout ce qui a été vu.", activity.Themes())
	v.Equipment = checks(f, "equipment", "Matériel utilisé", "", activity.Equipment)
	v.Autonomy = radios(f, "autonomy", "À la fin, la personne a fait…", activity.Autonomy)
	for _, o := range activity.Orientations {
		v.Orientation = append(v.Orientation, option{o.Value, o.Label, f.Get("orientation") == o.Value})
	}
	v.Profiles = checks(f, "profiles", "Profil des participants", "Une idée d'ensemble suffit.", activity.Profiles)
	recent, err := s.Activity.Recent(r.Context(), org.ID, currentUser(r).ID, 5)
	if err != nil {
		return err
	}
	for _, rep := range recent {
		row := reportRow{Kind: "Individuel", Duration: activity.DurationLabel(rep.Minutes)}
		if rep.Kind == activity.Collective {
			row.Kind = "Collectif : " + rep.Title + " (" + plural(rep.Participants, "participant", "participants") + ")"
		}
		if d, err := time.Parse("2006-01-02", rep.HeldOn); err == nil {
			row.Day = frenchDate(d.Add(12 * time.Hour))
		}
		for i, t := range rep.Themes {
			if i > 0 {
				row.Themes += ", "
			}
			row.Themes += activity.ThemeLabel(t)
		}
		v.Recent = append(v.Recent, row)
	}
	return s.render(w, status, "activity-report", v)
}

// newReportForm is the form as it opens: today, individual, 30 minutes, the
// first place, so that a usual report takes a few taps.
func (s *Server) newReportForm(r *http.Request, org *identity.Organisation) (*Form, error) {
	f := emptyForm()
	f.Values.Set("kind", activity.Individual)
	f.Values.Set("minutes", "30")
	today := s.Activity.Now().In(paris)
	f.Values.Set("held_on", strconv.Itoa(today.Day())+"/"+strconv.Itoa(int(today.Month()))+"/"+strconv.Itoa(today.Year()))
	pls, err := s.Places.ListByOrg(r.Context(), org.ID)
	if err != nil {
		return nil, err
	}
	f.Values.Set("place_id", "0")
	if len(pls) > 0 {
		f.Values.Set("place_id", strconv.FormatInt(pls[0].Key, 10))
	}
	return f, nil
}

func (s *Server) activityPage(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	f, err := s.newReportForm(r, org)
	if err != nil {
		return err
	}
	return s.reportForm(w, r, org, f, http.StatusOK)
}

func (s *Server) activitySave(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	minutes, _ := strconv.Atoi(f.Get("minutes"))
	place, _ := strconv.ParseInt(f.Get("place_id"), 10, 64)
	_, err = s.Activity.Record(r.Context(), activity.Draft{OrgID: org.ID, MediatorID: currentUser(r).ID, Kind: f.Get("kind"),
		HeldOn: f.Get("held_on"), Minutes: minutes, PlaceID: place, Themes: f.Values["themes"], Equipment: f.Values["equipment"],
		Autonomy: f.Get("autonomy"), Orientation: f.Get("orientation"), OrientationDetail: f.Get("orientation_detail"),
		Title: f.Get("title"), Participants: f.Get("participants"), Profiles: f.Values["profiles"]})
	if err != nil {
		if f.FailWith(err) {
			return s.reportForm(w, r, org, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/activite?fait=enregistre", http.StatusSeeOther)
	return nil
}
