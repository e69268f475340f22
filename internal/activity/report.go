package activity

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/errs"
)

// Report is one activity report.
type Report struct {
	ID         int64
	OrgID      int64
	MediatorID int64
	Kind       string
	// HeldOn is the day, YYYY-MM-DD.
	HeldOn     string
	Minutes    int
	PlaceID    int64
	Department string
	Themes     []string
	Equipment  []string
	Autonomy   string
	// Orientation is a code of Orientations, OrientationDetail the
	// structure or service named.
	Orientation       string
	OrientationDetail string
	Title             string
	Participants      int
	Profiles          []string
	CreatedAt         time.Time
}

// Draft is what the mediator fills in; HeldOn is typed as 31/12/2026 or
// given as 2026-12-31.
type Draft struct {
	OrgID, MediatorID int64
	Kind              string
	HeldOn            string
	Minutes           int
	PlaceID           int64
	Themes            []string
	Equipment         []string
	Autonomy          string
	Orientation       string
	OrientationDetail string
	Title             string
	Participants      string
	Profiles          []string
}

// check turns d into a report, or returns every problem at once in the
// order of the form.
func (s *Service) check(ctx context.Context, d Draft) (*Report, error) {
	var p []errs.FieldError
	add := func(field, msg string) { p = append(p, errs.FieldError{Field: field, Message: msg}) }
	r := &Report{OrgID: d.OrgID, MediatorID: d.MediatorID, Kind: d.Kind, Minutes: d.Minutes, PlaceID: d.PlaceID,
		Autonomy: d.Autonomy, Orientation: d.Orientation, Participants: 1,
		OrientationDetail: strings.TrimSpace(d.OrientationDetail), Title: strings.TrimSpace(d.Title)}
	if label(KindChoices, d.Kind) == "" {
		add("kind", "Dites si l'accompagnement était individuel ou collectif.")
	}
	day, ok := parseDay(d.HeldOn)
	today, _ := time.ParseInLocation(dayLayout, s.Today(), paris)
	switch {
	case !ok:
		add("held_on", "Indiquez le jour de l'accompagnement, par exemple 3/3/2026.")
	case day.After(today):
		add("held_on", "Ce jour n'est pas encore arrivé : indiquez le jour où l'accompagnement a eu lieu.")
	case day.Before(today.AddDate(-1, 0, 0)):
		add("held_on", "Ce jour date de plus d'un an : indiquez un jour plus récent.")
	default:
		r.HeldOn = day.Format(dayLayout)
	}
	if !slices.Contains(Durations, d.Minutes) {
		add("minutes", "Choisissez la durée.")
	}
	if d.PlaceID != 0 {
		pl, err := s.places.Get(ctx, d.PlaceID)
		if err != nil || pl.OrgID == nil || *pl.OrgID != d.OrgID {
			add("place_id", "Choisissez un lieu de votre structure, ou « Ailleurs ».")
		} else {
			r.Department = department(pl.CodePostal)
		}
	}
	r.Themes = known(Themes(), d.Themes)
	if len(r.Themes) == 0 {
		add("themes", "Cochez au moins un thème.")
	}
	r.Equipment = known(Equipment, d.Equipment)
	if d.Kind == Individual && label(Autonomy, d.Autonomy) == "" {
		add("autonomy", "Dites ce que la personne a fait seule.")
	} else if d.Kind == Collective && d.Autonomy != "" && label(Autonomy, d.Autonomy) == "" {
		add("autonomy", "Choisissez un niveau d'autonomie dans la liste.")
	}
	if label(Orientations, d.Orientation) == "" && d.Orientation != "" {
		add("orientation", "Choisissez une orientation dans la liste.")
	}
	if utf8.RuneCountInString(r.OrientationDetail) > 120 {
		add("orientation_detail", "Nommez la structure ou le service en 120 caractères au plus.")
	}
	if d.Kind == Collective {
		if r.Title == "" || utf8.RuneCountInString(r.Title) > 120 {
			add("title", "Donnez un titre à l'atelier, par exemple « Créer son adresse e-mail » (120 caractères au plus).")
		}
		n, err := strconv.Atoi(strings.TrimSpace(d.Participants))
		if err != nil || n < 2 || n > 500 {
			add("participants", "Indiquez le nombre de participants en chiffres, de 2 à 500.")
		}
		r.Participants = n
		r.Profiles = known(Profiles, d.Profiles)
	} else {
		r.Title, r.Profiles = "", nil
	}
	if err := errs.InvalidFields("Le compte rendu n'est pas enregistré. Corrigez les champs signalés.", p); err != nil {
		return nil, err
	}
	return r, nil
}

// known keeps the values of vs found in choices, in the choices' order.
func known(choices []Choice, vs []string) []string {
	var out []string
	for _, c := range choices {
		if slices.Contains(vs, c.Value) {
			out = append(out, c.Value)
		}
	}
	return out
}

// department returns the department of a postcode: "69", "974", "" when
// the postcode is not one.
func department(cp string) string {
	if len(cp) != 5 {
		return ""
	}
	if cp[:2] == "97" || cp[:2] == "98" {
		return cp[:3]
	}
	return cp[:2]
}

// parseDay reads 31/12/2026, 31 12 2026 or 2026-12-31.
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation(dayLayout, s, paris); err == nil {
		return t, true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == ' ' || r == '.' || r == '-' })
	if len(parts) != 3 {
		return time.Time{}, false
	}
	d, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	y, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, paris)
	return t, t.Day() == d
}

const insertReportSQL = `INSERT INTO activity_reports (org_id, mediator_id, kind, held_on, minutes, place_id, department,
	themes, equipment, autonomy, orientation, orientation_detail, title, participants, profiles, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`

// Record stores the report of d. Its problems come as an errs.Invalid
// error with one message per field, in the order of the form. The caller
// checks that the mediator acts for d.OrgID.
func (s *Service) Record(ctx context.Context, d Draft) (*Report, error) {
	r, err := s.check(ctx, d)
	if err != nil {
		return nil, err
	}
	r.CreatedAt = s.now()
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, insertReportSQL, r.OrgID, r.MediatorID, r.Kind, r.HeldOn, r.Minutes, r.PlaceID,
			r.Department, strings.Join(r.Themes, ","), strings.Join(r.Equipment, ","), r.Autonomy, r.Orientation,
			r.OrientationDetail, r.Title, r.Participants, strings.Join(r.Profiles, ","), r.CreatedAt).Scan(&r.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("record activity report: %w", err)
	}
	return r, nil
}

const recentReportsSQL = `SELECT id, org_id, mediator_id, kind, held_on, minutes, place_id, department, themes, equipment,
	autonomy, orientation, orientation_detail, title, participants, profiles, created_at
	FROM activity_reports WHERE org_id = $1 AND mediator_id = $2 ORDER BY held_on DESC, id DESC LIMIT $3`

// Recent returns the latest reports of a mediator in a structure.
func (s *Service) Recent(ctx context.Context, orgID, mediatorID int64, limit int) ([]Report, error) {
	rows, err := s.db.QueryContext(ctx, recentReportsSQL, orgID, mediatorID, limit)
	if err != nil {
		return nil, fmt.Errorf("recent reports: %w", err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		var r Report
		var themes, equipment, profiles string
		if err := rows.Scan(&r.ID, &r.OrgID, &r.MediatorID, &r.Kind, &r.HeldOn, &r.Minutes, &r.PlaceID, &r.Department,
			&themes, &equipment, &r.Autonomy, &r.Orientation, &r.OrientationDetail, &r.Title, &r.Participants, &profiles,
			&r.CreatedAt); err != nil {
			return nil, fmt.Errorf("read report: %w", err)
		}
		r.Themes, r.Equipment, r.Profiles = split(themes), split(equipment), split(profiles)
		out = append(out, r)
	}
	return out, rows.Err()
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
