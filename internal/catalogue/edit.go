package catalogue

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// conflictMessage explains a save refused because someone saved in between.
const conflictMessage = "Quelqu'un a enregistré cette démarche pendant que vous la modifiiez. " +
	"Vos changements sont encore dans le formulaire : relisez la version enregistrée, puis enregistrez à nouveau."

const insertProcedureSQL = `INSERT INTO procedures (slug, org_id, latest_revision, created_at, updated_at)
	VALUES ($1, $2, 1, $3, $3) RETURNING id`

// Create adds a procedure of ed's organisation as a draft, its revision 1. It returns
// FieldErrors when p cannot be saved (the slug already taken included).
func (s *Service) Create(ctx context.Context, ed Editor, p Procedure) (*Edited, error) {
	normalize(&p)
	if fe := Validate(&p, s.rules); fe != nil {
		return nil, fe.Err()
	}
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		return createTx(ctx, tx, ed, &p, s.now())
	})
	if err != nil {
		return nil, err
	}
	return s.Edited(ctx, ed, p.Slug)
}

const publishFirstSQL = `UPDATE procedures SET published_revision = 1, published_at = $1, updated_at = $1 WHERE slug = $2`

// CreatePublished adds a procedure of ed's organisation and publishes its revision 1, in one
// transaction: for procedures written and reviewed elsewhere (the demo's 79 took two
// transactions and three readings each with Create then Publish). It returns FieldErrors when
// p cannot be saved or published, as Create and Publish would.
func (s *Service) CreatePublished(ctx context.Context, ed Editor, p Procedure) error {
	normalize(&p)
	fe := Validate(&p, s.rules)
	fe = append(fe, CheckPublishable(&p)...)
	if len(fe) > 0 {
		fe.sortByForm()
		return fe.Err()
	}
	now := s.now()
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := createTx(ctx, tx, ed, &p, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, publishFirstSQL, now, p.Slug); err != nil {
			return fmt.Errorf("publish %s: %w", p.Slug, err)
		}
		return bump(ctx, tx)
	})
	if err != nil {
		return err
	}
	s.changed()
	return nil
}

// createTx inserts the procedure p, already validated, and its revision 1 inside tx.
func createTx(ctx context.Context, tx *sql.Tx, ed Editor, p *Procedure, now time.Time) error {
	org, err := organisationByID(ctx, tx, ed.OrgID)
	if err != nil {
		return err
	}
	if err := checkLifeEvents(ctx, tx, p.LifeEvents); err != nil {
		return err
	}
	p.Administration = org.Slug
	var id int64
	err = tx.QueryRowContext(ctx, insertProcedureSQL, p.Slug, ed.OrgID, now).Scan(&id)
	if database.IsUniqueViolation(err) {
		return errs.InvalidField(FieldSlug, "Une autre démarche a déjà cette adresse. Choisissez-en une autre.")
	}
	if err != nil {
		return fmt.Errorf("create procedure %s: %w", p.Slug, err)
	}
	return insertRevision(ctx, tx, id, 1, p, ed, now)
}

const advanceSQL = `UPDATE procedures SET latest_revision = $1, updated_at = $2
	WHERE id = $3 AND latest_revision = $4`

// Save stores p as a new draft revision of the procedure slug, which must belong to ed's
// organisation. base is the revision the editor started from: when someone saved another one
// in between, Save returns errs.Conflict and stores nothing. The slug cannot change. It
// returns FieldErrors when p cannot be saved, errs.NotFound and errs.Forbidden as Revisions.
func (s *Service) Save(ctx context.Context, ed Editor, slug string, base int, p Procedure) (*Edited, error) {
	p.Slug = slug
	normalize(&p)
	if fe := Validate(&p, s.rules); fe != nil {
		return nil, fe.Err()
	}
	now := s.now()
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		h, err := ownedHead(ctx, tx, ed, slug)
		if err != nil {
			return err
		}
		if h.latest != base {
			return errs.E(errs.Conflict, conflictMessage)
		}
		if err := checkLifeEvents(ctx, tx, p.LifeEvents); err != nil {
			return err
		}
		p.Administration = h.org.Slug
		res, err := tx.ExecContext(ctx, advanceSQL, h.latest+1, now, h.id, h.latest)
		if err != nil {
			return fmt.Errorf("save procedure %s: %w", slug, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errs.Wrap(errs.Conflict, conflictMessage, err)
		}
		return insertRevision(ctx, tx, h.id, h.latest+1, &p, ed, now)
	})
	if err != nil {
		return nil, err
	}
	return s.Edited(ctx, ed, slug)
}

// Edited returns a procedure of ed's organisation with its newest revision. It returns
// errs.NotFound for an unknown slug or another organisation's unpublished procedure, and
// errs.Forbidden for another organisation's published procedure.
func (s *Service) Edited(ctx context.Context, ed Editor, slug string) (*Edited, error) {
	h, err := ownedHead(ctx, s.db, ed, slug)
	if err != nil {
		return nil, err
	}
	latest, err := readRevision(ctx, s.db, h.id, h.latest)
	if err != nil {
		return nil, err
	}
	return &Edited{Org: h.org, Latest: *latest, PublishedRevision: h.published, PublishedAt: h.publishedAt}, nil
}

const publishSQL = `UPDATE procedures SET published_revision = $1, published_at = $2, updated_at = $2 WHERE id = $3`

// Publish makes revision number of the procedure slug the one the public sees. The revision
// must be complete (CheckPublishable) and its rule must compile; otherwise Publish returns
// FieldErrors. Other errors are those of Edited. The node that publishes shows it from its
// next Snapshot on (see changed); the others within CheckEvery.
func (s *Service) Publish(ctx context.Context, ed Editor, slug string, number int) error {
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		return s.publishTx(ctx, tx, ed, slug, number)
	})
	if err != nil {
		return err
	}
	s.changed()
	return nil
}

// publishTx publishes inside tx, without rebuilding the snapshot.
func (s *Service) publishTx(ctx context.Context, tx *sql.Tx, ed Editor, slug string, number int) error {
	h, err := ownedHead(ctx, tx, ed, slug)
	if err != nil {
		return err
	}
	rev, err := readRevision(ctx, tx, h.id, number)
	if err != nil {
		return err
	}
	fe := Validate(&rev.Procedure, s.rules)
	fe = append(fe, CheckPublishable(&rev.Procedure)...)
	if len(fe) > 0 {
		fe.sortByForm()
		return fe.Err()
	}
	if _, err := tx.ExecContext(ctx, publishSQL, number, s.now(), h.id); err != nil {
		return fmt.Errorf("publish %s: %w", slug, err)
	}
	return bump(ctx, tx)
}

const unpublishSQL = `UPDATE procedures SET published_revision = NULL, published_at = NULL, updated_at = $1 WHERE id = $2`

// Unpublish withdraws the procedure slug from the public; its revisions stay. Errors are those
// of Edited.
func (s *Service) Unpublish(ctx context.Context, ed Editor, slug string) error {
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		h, err := ownedHead(ctx, tx, ed, slug)
		if err != nil {
			return err
		}
		if h.published == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, unpublishSQL, s.now(), h.id); err != nil {
			return fmt.Errorf("unpublish %s: %w", slug, err)
		}
		return bump(ctx, tx)
	})
	if err != nil {
		return err
	}
	s.changed()
	return nil
}

// organisationByIDSQL reads an organisation by its id.
const organisationByIDSQL = `SELECT slug, name FROM organisations WHERE id = $1`

// organisationByID reads an organisation, or errs.NotFound.
func organisationByID(ctx context.Context, q database.Querier, id int64) (Organisation, error) {
	o := Organisation{ID: id}
	err := q.QueryRowContext(ctx, organisationByIDSQL, id).Scan(&o.Slug, &o.Name)
	if database.IsNoRows(err) {
		return o, errs.Wrap(errs.NotFound, "Cette organisation n'existe pas.", err)
	}
	if err != nil {
		return o, fmt.Errorf("read organisation %d: %w", id, err)
	}
	return o, nil
}

// checkLifeEvents refuses life events that do not exist.
func checkLifeEvents(ctx context.Context, q database.Querier, slugs []string) error {
	if len(slugs) == 0 {
		return nil
	}
	known, err := lifeEventSlugs(ctx, q)
	if err != nil {
		return err
	}
	for _, slug := range slugs {
		if !slices.Contains(known, slug) {
			return errs.InvalidField(FieldLifeEvents, "L'évènement de vie « "+slug+" » n'existe pas. Choisissez dans la liste.")
		}
	}
	return nil
}
