package places

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// orgKindSQL reads the kind of an organisation.
const orgKindSQL = `SELECT kind FROM organisations WHERE id = $1`

// placeHolderSQL reads which organisation holds a place.
const placeHolderSQL = `SELECT org_id FROM places WHERE id = $1`

// claimPlaceSQL gives an unclaimed place to an organisation.
const claimPlaceSQL = `UPDATE places SET org_id = $1 WHERE id = $2 AND org_id IS NULL`

// Claim makes the help structure orgID responsible for the place key: its
// staff may then edit the place (Update) and imports stop overwriting it.
// Claiming a place the structure already holds does nothing. It returns
// errs.NotFound for an unknown place, errs.Invalid when orgID is not a help
// structure, errs.Conflict when another structure holds the place. The
// caller checks that the person acts for orgID.
func (s *Service) Claim(ctx context.Context, key, orgID int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var kind string
		err := tx.QueryRowContext(ctx, orgKindSQL, orgID).Scan(&kind)
		if database.IsNoRows(err) || (err == nil && kind != "help_structure") {
			return errs.E(errs.Invalid, "Seule une structure d'aide peut gérer un lieu de médiation.")
		}
		if err != nil {
			return fmt.Errorf("claim place %d: %w", key, err)
		}
		var holder sql.NullInt64
		err = tx.QueryRowContext(ctx, placeHolderSQL, key).Scan(&holder)
		switch {
		case database.IsNoRows(err):
			return errNotFound
		case err != nil:
			return fmt.Errorf("claim place %d: %w", key, err)
		case holder.Valid && holder.Int64 == orgID:
			return nil
		case holder.Valid:
			return errs.E(errs.Conflict, "Ce lieu est déjà géré par une autre structure. Contactez l'administrateur si c'est une erreur.")
		}
		_, err = tx.ExecContext(ctx, claimPlaceSQL, orgID, key)
		if err != nil {
			return fmt.Errorf("claim place %d: %w", key, err)
		}
		return nil
	})
}

// releasePlaceSQL frees a place its organisation holds.
const releasePlaceSQL = `UPDATE places SET org_id = NULL WHERE id = $1 AND org_id = $2`

// Release gives up the place key held by orgID, so that imports update it
// again. It returns errs.NotFound for an unknown place and errs.Forbidden
// when orgID does not hold it.
func (s *Service) Release(ctx context.Context, key, orgID int64) error {
	res, err := s.db.ExecContext(ctx, releasePlaceSQL, key, orgID)
	if err != nil {
		return fmt.Errorf("release place %d: %w", key, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.Get(ctx, key); err != nil {
			return err
		}
		return errs.E(errs.Forbidden, "Votre structure ne gère pas ce lieu.")
	}
	return nil
}

// Update saves the changes the staff of the help structure orgID made to
// the place p.Key, after tidying them with Clean and checking them with
// Validate; its source and id
// stay as they were, date_maj becomes the day of the service clock. It returns
// errs.NotFound for an unknown place, errs.Forbidden when orgID does not hold
// the place, and an errs.Invalid error carrying errs.FieldError values (one
// message per field, errs.FieldsOf) when the place breaks a rule of the standard. On
// success p is the place as stored.
func (s *Service) Update(ctx context.Context, p *Place, orgID int64) error {
	now := s.now()
	cur, err := s.Get(ctx, p.Key)
	if err != nil {
		return err
	}
	if cur.OrgID == nil || *cur.OrgID != orgID {
		return errs.E(errs.Forbidden, "Votre structure ne gère pas ce lieu : demandez d'abord à le gérer.")
	}
	next := *p
	next.Source, next.ID, next.OrgID = cur.Source, cur.ID, cur.OrgID
	next.DateMaj = dayOf(now)
	Clean(&next)
	if err := errs.InvalidFields("Le lieu n'a pas été enregistré : corrigez les champs signalés.", Validate(&next)); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, updatePlaceSQL+` AND org_id = $`+fmt.Sprint(numDataColumns+1), append(updateArgs(&next, next.Key, now), orgID)...)
	if err != nil {
		return fmt.Errorf("update place %d: %w", p.Key, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Forbidden, "Votre structure ne gère plus ce lieu.")
	}
	next.UpdatedAt = now.UTC()
	*p = next
	return nil
}
