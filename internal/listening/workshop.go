package listening

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

// Profiles are the participants of a workshop as counts only: never a
// name, so that no one can be recognised from the record.
type Profiles struct {
	Participants                                  int
	Disability, Illiteracy, Precarity, FarDigital int
	AgeUnder25, Age25To64, Age65Plus              int
}

// Workshop is a listening workshop (atelier d'écoute).
type Workshop struct {
	ID          int64
	OrgID       int64
	HeldOn      time.Time
	Place       string
	Facilitator string
	Profiles
	Verbatims []Verbatim
}

// Verbatim is what a participant said, tied to a procedure and a step.
type Verbatim struct {
	ID         int64
	WorkshopID int64
	Procedure  string
	Step       string
	Body       string
	HeldOn     time.Time
	Place      string
}

func (w Workshop) validate() []errs.FieldError {
	var p []errs.FieldError
	if w.HeldOn.IsZero() {
		p = append(p, errs.FieldError{Field: "held_on", Message: "Écrivez la date de l'atelier sous la forme 2026-03-15."})
	}
	p = append(p, textProblem("place", "le lieu de l'atelier", w.Place, maxTitle)...)
	p = append(p, textProblem("facilitator", "qui a animé l'atelier", w.Facilitator, maxTitle)...)
	if w.Participants < 1 || w.Participants > 500 {
		p = append(p, errs.FieldError{Field: "participants", Message: "Écrivez le nombre de participants, de 1 à 500."})
	}
	for _, c := range []struct {
		field string
		n     int
	}{{"disability", w.Disability}, {"illiteracy", w.Illiteracy}, {"precarity", w.Precarity}, {"far_digital", w.FarDigital},
		{"age_under_25", w.AgeUnder25}, {"age_25_64", w.Age25To64}, {"age_65_plus", w.Age65Plus}} {
		if c.n < 0 || c.n > w.Participants {
			p = append(p, errs.FieldError{Field: c.field, Message: "Un nombre de participants ne peut dépasser le total."})
		}
	}
	if w.AgeUnder25+w.Age25To64+w.Age65Plus > w.Participants {
		p = append(p, errs.FieldError{Field: "age_under_25", Message: "Les tranches d'âge dépassent le nombre de participants."})
	}
	return p
}

const insertWorkshopSQL = `INSERT INTO listening_workshops (org_id, held_on, place, facilitator, participants, disability,
	illiteracy, precarity, far_from_digital, age_under_25, age_25_64, age_65_plus, created_by, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`

// RecordWorkshop records a workshop of the moderator's organisation.
func (s *Service) RecordWorkshop(ctx context.Context, w Workshop, by Moderator) (int64, error) {
	if p := w.validate(); len(p) > 0 {
		return 0, errs.InvalidFields("L'atelier n'est pas complet.", p)
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, insertWorkshopSQL, by.OrgID, w.HeldOn.UTC(), strings.TrimSpace(w.Place),
			strings.TrimSpace(w.Facilitator), w.Participants, w.Disability, w.Illiteracy, w.Precarity, w.FarDigital,
			w.AgeUnder25, w.Age25To64, w.Age65Plus, nullID(by.UserID), s.now()).Scan(&id); err != nil {
			return fmt.Errorf("insert workshop: %w", err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "listening_workshop_recorded", ActorID: by.UserID, IP: by.IP,
			Detail: fmt.Sprintf("atelier %d", id)})
	})
	return id, err
}

const (
	workshopOfOrgSQL  = `SELECT id FROM listening_workshops WHERE id = $1 AND org_id = $2`
	insertVerbatimSQL = `INSERT INTO listening_verbatims (workshop_id, procedure_slug, step, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`
)

// AddVerbatim adds what a participant said to a workshop of the
// moderator's organisation, masked like every free text.
func (s *Service) AddVerbatim(ctx context.Context, workshopID int64, v Verbatim, by Moderator) (int64, error) {
	p := textProblem("verbatim", "ce qu'a dit le participant", v.Body, maxBody)
	if strings.TrimSpace(v.Procedure) == "" {
		p = append([]errs.FieldError{{Field: "procedure", Message: "Choisissez la démarche dont parle le participant."}}, p...)
	}
	if len(p) > 0 {
		return 0, errs.InvalidFields("La parole n'est pas complète.", p)
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		var wid int64
		if err := tx.QueryRowContext(ctx, workshopOfOrgSQL, workshopID, by.OrgID).Scan(&wid); errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "Cet atelier n'existe pas ou n'est pas de votre organisation.")
		} else if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, insertVerbatimSQL, workshopID, strings.TrimSpace(v.Procedure),
			MaskPersonalData(strings.TrimSpace(v.Step)), MaskPersonalData(strings.TrimSpace(v.Body)), s.now()).Scan(&id)
	})
	return id, err
}

const (
	workshopsSQL = `SELECT id, org_id, held_on, place, facilitator, participants, disability, illiteracy, precarity,
	far_from_digital, age_under_25, age_25_64, age_65_plus FROM listening_workshops WHERE org_id = $1 ORDER BY held_on DESC, id DESC LIMIT $2`
	verbatimsOfOrgSQL = `SELECT v.id, v.workshop_id, v.procedure_slug, v.step, v.body, w.held_on, w.place FROM listening_verbatims v
	JOIN listening_workshops w ON w.id = v.workshop_id WHERE w.org_id = $1 ORDER BY v.id`
	verbatimsOfProcedureSQL = `SELECT v.id, v.workshop_id, v.procedure_slug, v.step, v.body, w.held_on, w.place FROM listening_verbatims v
	JOIN listening_workshops w ON w.id = v.workshop_id WHERE v.procedure_slug = $1 ORDER BY w.held_on DESC, v.id`
)

// Workshops lists the workshops of organisation orgID with their verbatims.
func (s *Service) Workshops(ctx context.Context, orgID int64) ([]Workshop, error) {
	rows, err := s.db.QueryContext(ctx, workshopsSQL, orgID, maxListed)
	if err != nil {
		return nil, fmt.Errorf("list workshops: %w", err)
	}
	var out []Workshop
	index := map[int64]int{}
	for rows.Next() {
		var w Workshop
		if err := rows.Scan(&w.ID, &w.OrgID, &w.HeldOn, &w.Place, &w.Facilitator, &w.Participants, &w.Disability,
			&w.Illiteracy, &w.Precarity, &w.FarDigital, &w.AgeUnder25, &w.Age25To64, &w.Age65Plus); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list workshops: %w", err)
		}
		index[w.ID] = len(out)
		out = append(out, w)
	}
	rows.Close()
	vs, err := s.verbatims(ctx, verbatimsOfOrgSQL, orgID)
	for _, v := range vs {
		if i, ok := index[v.WorkshopID]; ok {
			out[i].Verbatims = append(out[i].Verbatims, v)
		}
	}
	return out, err
}

// ProcedureVerbatims lists what workshops heard about a procedure, for its owner.
func (s *Service) ProcedureVerbatims(ctx context.Context, slug string) ([]Verbatim, error) {
	return s.verbatims(ctx, verbatimsOfProcedureSQL, slug)
}

func (s *Service) verbatims(ctx context.Context, query string, arg any) ([]Verbatim, error) {
	rows, err := s.db.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, fmt.Errorf("list verbatims: %w", err)
	}
	defer rows.Close()
	var out []Verbatim
	for rows.Next() {
		var v Verbatim
		if err := rows.Scan(&v.ID, &v.WorkshopID, &v.Procedure, &v.Step, &v.Body, &v.HeldOn, &v.Place); err != nil {
			return nil, fmt.Errorf("list verbatims: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
