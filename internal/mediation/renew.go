package mediation

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"guichet/internal/errs"
)

// Renewal is what the mediator fills in, with the person present, to renew
// one of the structure's mandates: a new duration from today, under the
// text the person read again.
type Renewal struct {
	OrgID       int64
	MediatorID  int64
	MandateID   int64
	Days        int
	TextVersion string
	Consent     bool
}

func (r *Renewal) check() error {
	var p []errs.FieldError
	if !slices.Contains(Durations, r.Days) {
		p = append(p, errs.FieldError{Field: "days", Message: "Choisissez la nouvelle durée du mandat."})
	}
	if Text(r.TextVersion) == "" {
		p = append(p, errs.FieldError{Field: "text_version", Message: "Le texte du mandat a changé : relisez-le avec la personne."})
	}
	if !r.Consent {
		p = append(p, errs.FieldError{Field: "consent", Message: "La personne doit donner son accord après avoir relu le texte du mandat."})
	}
	return errs.InvalidFields("Le mandat n'est pas renouvelé. Corrigez les champs signalés.", p)
}

// renewSQL gives the mandate a new end, duration and text version; a
// mandate that had ended starts again today, so that it never covers the
// days between. The expiry notice and the end are due again.
const renewSQL = `UPDATE mediation_mandates SET days = $1, text_version = $2, consented_at = $3,
	starts_at = CASE WHEN ends_at <= $3 THEN $3 ELSE starts_at END, ends_at = $4,
	notice_sent_at = NULL, expiry_journaled = FALSE
	WHERE id = $5 AND org_id = $6 AND revoked_at IS NULL`

// Renew renews a mandate of the structure for r.Days from now, with the
// person's consent recorded again, and journals it (mandate.renewed) in
// the same transaction. A revoked mandate cannot be renewed: the person
// gives a new one. The attestation changes with the dates: print it again;
// the old one then checks as "remplacé", with the day of the renewal.
func (s *Service) Renew(ctx context.Context, r Renewal) (*Mandate, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	var out *Mandate
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		m, err := s.mandate(ctx, tx, r.MandateID)
		if err != nil {
			return err
		}
		if m.OrgID != r.OrgID {
			return errNoMandate
		}
		if m.RevokedAt != nil {
			return errs.E(errs.Conflict, "Ce mandat a été arrêté : il ne peut pas être renouvelé. Faites un nouveau mandat avec la personne.")
		}
		now := s.now()
		if err := s.replaceAttestation(ctx, tx, m, now); err != nil {
			return err
		}
		ends := now.Add(time.Duration(r.Days) * 24 * time.Hour)
		if _, err := tx.ExecContext(ctx, renewSQL, r.Days, r.TextVersion, now, ends, m.ID, r.OrgID); err != nil {
			return fmt.Errorf("renew mandate: %w", err)
		}
		if out, err = s.mandate(ctx, tx, m.ID); err != nil {
			return err
		}
		return s.append(ctx, tx, Entry{Event: EventRenewed, MandateID: m.ID, OrgID: m.OrgID,
			PersonUserID: m.PersonUserID, ActorUserID: r.MediatorID,
			Detail: "Nouvelle fin le " + FrenchDate(ends) + " ; durée : " + DurationLabel(r.Days) + " ; texte " + r.TextVersion})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
