package appointments

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

// Series is what staff type to publish many slots at once: every chosen
// weekday between two days, from a start to an end time, cut in slots of
// Minutes, each for Capacity people.
type Series struct {
	OrgID   int64
	ActorID int64
	Mode    string
	// PlaceID is the place of on-site slots: one the structure manages.
	PlaceID  int64
	VideoURL string
	// From and To are days typed as 31/12/2026, both included.
	From, To string
	// Weekdays are "1" (Monday) to "7" (Sunday).
	Weekdays []string
	// Start and End are times of day typed as 9:00 or 9 h 30.
	Start, End string
	Minutes    int
	Capacity   int
}

// SlotLengths are the lengths a slot may have, in minutes.
var SlotLengths = []int{15, 20, 30, 45, 60, 90, 120}

// MaxSeries bounds the slots one series creates.
const MaxSeries = 500

// WeekdayNames are the days of the form, Monday first, with their values.
var WeekdayNames = []struct{ Value, Label string }{
	{"1", "Lundi"}, {"2", "Mardi"}, {"3", "Mercredi"}, {"4", "Jeudi"}, {"5", "Vendredi"}, {"6", "Samedi"}, {"7", "Dimanche"},
}

// starts returns the start of every slot of the series, or every problem
// of it at once, in the order of the form.
func (sr *Series) starts(ctx context.Context, s *Service) ([]time.Time, error) {
	var p []errs.FieldError
	add := func(field, msg string) { p = append(p, errs.FieldError{Field: field, Message: msg}) }
	mode := Mode(sr.Mode)
	if mode.Label() == "" {
		add("mode", "Choisissez comment se passent les rendez-vous : sur place, par téléphone ou en vidéo.")
	}
	if mode == OnSite {
		if pl, err := s.places.Get(ctx, sr.PlaceID); err != nil || pl.OrgID == nil || *pl.OrgID != sr.OrgID {
			add("place_id", "Choisissez un lieu que votre structure gère.")
		}
	}
	sr.VideoURL = strings.TrimSpace(sr.VideoURL)
	if mode == Video {
		if u, err := url.Parse(sr.VideoURL); err != nil || u.Scheme != "https" || u.Host == "" {
			add("video_url", "Indiquez le lien de la visio, qui commence par https://, par exemple https://visio.exemple.fr/salle-12.")
		}
	}
	from, okFrom := parseDay(sr.From)
	to, okTo := parseDay(sr.To)
	today := s.clock().In(Paris)
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, Paris)
	switch {
	case !okFrom:
		add("from", "Indiquez le premier jour, par exemple 3/3/2026.")
	case from.Before(today):
		add("from", "Le premier jour est passé : indiquez aujourd'hui ou un jour qui vient.")
	}
	switch {
	case !okTo:
		add("to", "Indiquez le dernier jour, par exemple 31/3/2026.")
	case okFrom && to.Before(from):
		add("to", "Le dernier jour doit venir après le premier.")
	case okFrom && to.Sub(from) > 366*24*time.Hour:
		add("to", "Une série dure un an au plus : choisissez un dernier jour plus proche.")
	}
	days := map[time.Weekday]bool{}
	for _, d := range sr.Weekdays {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 || n > 7 {
			continue
		}
		days[time.Weekday(n%7)] = true
	}
	if len(days) == 0 {
		add("weekdays", "Cochez au moins un jour de la semaine.")
	}
	start, okStart := parseClock(sr.Start)
	end, okEnd := parseClock(sr.End)
	if !okStart {
		add("start", "Indiquez l'heure de début, par exemple 9:00.")
	}
	switch {
	case !okEnd:
		add("end", "Indiquez l'heure de fin, par exemple 12:00.")
	case okStart && end <= start:
		add("end", "L'heure de fin doit venir après l'heure de début.")
	}
	if !slices.Contains(SlotLengths, sr.Minutes) {
		add("minutes", "Choisissez la durée d'un rendez-vous.")
	} else if okStart && okEnd && end-start < sr.Minutes {
		add("minutes", "Un rendez-vous est plus long que la plage horaire : raccourcissez-le ou allongez la plage.")
	}
	if sr.Capacity < 1 || sr.Capacity > 50 {
		add("capacity", "Indiquez combien de personnes chaque créneau reçoit, de 1 à 50.")
	}
	if len(p) > 0 {
		return nil, errs.InvalidFields("Les créneaux ne sont pas créés. Corrigez les champs signalés.", p)
	}
	var out []time.Time
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if !days[d.Weekday()] {
			continue
		}
		for m := start; m+sr.Minutes <= end; m += sr.Minutes {
			out = append(out, time.Date(d.Year(), d.Month(), d.Day(), m/60, m%60, 0, 0, Paris))
		}
	}
	if len(out) == 0 {
		return nil, errs.InvalidFields("Les créneaux ne sont pas créés. Corrigez les champs signalés.",
			[]errs.FieldError{{Field: "weekdays", Message: "Aucun des jours cochés ne tombe entre le premier et le dernier jour."}})
	}
	if len(out) > MaxSeries {
		return nil, errs.InvalidFields("Les créneaux ne sont pas créés. Corrigez les champs signalés.",
			[]errs.FieldError{{Field: "to", Message: fmt.Sprintf("Cette série ferait %d créneaux ; %d au plus à la fois. Choisissez un dernier jour plus proche.", len(out), MaxSeries)}})
	}
	return out, nil
}

// ON CONFLICT skips a slot the structure already has at that time, so a
// series typed twice creates nothing more.
const insertSlotSQL = `INSERT INTO appointment_slots (org_id, place_id, mode, video_url, starts_at, ends_at, capacity,
	created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
	ON CONFLICT (org_id, place_id, mode, starts_at) DO NOTHING`

// CreateSeries publishes the slots of sr and returns how many it created
// (slots already there are kept as they are). Its problems come as an
// errs.Invalid error with one message per field, in the order of the form.
// The caller checks that the actor acts for sr.OrgID.
func (s *Service) CreateSeries(ctx context.Context, sr Series) (int, error) {
	starts, err := sr.starts(ctx, s)
	if err != nil {
		return 0, err
	}
	if Mode(sr.Mode) != OnSite {
		sr.PlaceID = 0
	}
	if Mode(sr.Mode) != Video {
		sr.VideoURL = ""
	}
	now := s.now()
	created := 0
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		for _, st := range starts {
			res, err := tx.ExecContext(ctx, insertSlotSQL, sr.OrgID, sr.PlaceID, sr.Mode, sr.VideoURL, st.UTC(),
				st.Add(time.Duration(sr.Minutes)*time.Minute).UTC(), sr.Capacity, sr.ActorID, now)
			if err != nil {
				return fmt.Errorf("insert slot: %w", err)
			}
			n, _ := res.RowsAffected()
			created += int(n)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "appointments.series", ActorID: sr.ActorID,
			Detail: fmt.Sprintf("structure %d : %d créneaux créés du %s au %s", sr.OrgID, created, sr.From, sr.To)})
	})
	if err != nil {
		return 0, err
	}
	return created, nil
}
