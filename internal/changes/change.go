package changes

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/jobs"
	"guichet/internal/profile"
)

// The form keys of changement-adresse that Dispatch reads.
const (
	KeyNewAddress = "nouvelle_adresse"
	KeyDate       = "date"
	KeyRecipients = "destinataires"
)

// Declared is a sent dossier of changement-adresse: its person, its id and
// reference, and its answers as the dossiers module keeps them.
type Declared struct {
	UserID    int64
	DossierID int64
	Reference string
	Answers   map[string]json.RawMessage
	// Person names the person for the administrations: given and family
	// name, birth date, as their profile holds them.
	Person map[string]string
}

// value is what a change carries, sealed at rest.
type value struct {
	Address forms.PostalAddress `json:"address"`
	Person  map[string]string   `json:"person,omitempty"`
}

const insertChangeSQL = `INSERT INTO changes (user_id, dossier_id, reference, kind, value, effective_on, created_at)
VALUES ($1, $2, $3, 'adresse', $4, $5, $6) RETURNING id`

const insertDeliverySQL = `INSERT INTO change_deliveries (change_id, org_id, status, updated_at)
VALUES ($1, $2, 'en-attente', $3) RETURNING id`

// Dispatch records a declared change in the transaction ctx carries (the
// dossier's submission), updates the person's profile with the new
// address, and enqueues one delivery for each administration ticked. One
// reference, the dossier's, covers them all.
func (s *Service) Dispatch(ctx context.Context, d Declared) error {
	var addr, date forms.Value
	var to forms.Value
	json.Unmarshal(d.Answers[KeyNewAddress], &addr)
	json.Unmarshal(d.Answers[KeyDate], &date)
	json.Unmarshal(d.Answers[KeyRecipients], &to)
	if addr.Address == nil || len(to.List) == 0 {
		return errs.E(errs.Invalid, "Indiquez votre nouvelle adresse et au moins un organisme à prévenir.")
	}
	body, err := json.Marshal(value{Address: *addr.Address, Person: d.Person})
	if err != nil {
		return err
	}
	// InTx, not Transact: the profile's write below must join this
	// transaction, or open none when the caller's ctx carries one.
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := s.now()
		var changeID int64
		if err := tx.QueryRowContext(ctx, insertChangeSQL, d.UserID, d.DossierID, d.Reference, s.opts.Box.Seal(body),
			date.Text, now).Scan(&changeID); err != nil {
			return fmt.Errorf("record change: %w", err)
		}
		ev := Event{Type: EventProfileChanged, ChangeID: changeID, Reference: d.Reference, Kind: "adresse",
			Address:     map[string]string{"street": addr.Address.Street, "postcode": addr.Address.Postcode, "town": addr.Address.Town},
			EffectiveOn: date.Text, Person: d.Person}
		for _, r := range Recipients {
			if !slices.Contains(to.List, r.Slug) {
				continue
			}
			if err := s.addDelivery(ctx, tx, changeID, r.Slug, ev, now); err != nil {
				return err
			}
		}
		// The profile holds the new address from now on: the person said it once.
		return s.opts.Profile.Declare(ctx, d.UserID, profile.Address, profile.Value{Address: addr.Address})
	})
}

func (s *Service) addDelivery(ctx context.Context, tx *sql.Tx, changeID int64, slug string, ev Event, now time.Time) error {
	orgID, err := s.opts.OrgID(ctx, slug)
	if err != nil {
		return fmt.Errorf("recipient %s: %w", slug, err)
	}
	var id int64
	if err := tx.QueryRowContext(ctx, insertDeliverySQL, changeID, orgID, now).Scan(&id); err != nil {
		return fmt.Errorf("record delivery to %s: %w", slug, err)
	}
	if _, err := jobs.Enqueue(ctx, tx, JobKind, deliveryJob{DeliveryID: id},
		jobs.EnqueueOptions{Key: fmt.Sprintf("change-delivery-%d", id)}); err != nil {
		return err
	}
	return s.publish(ctx, orgID, ev)
}

// publish is the one place a change becomes a webhook event: the
// webhooks module's Publish, in the transaction of the change, when wired.
func (s *Service) publish(ctx context.Context, orgID int64, ev Event) error {
	if s.opts.Publish == nil {
		return nil
	}
	return s.opts.Publish(ctx, orgID, ev)
}

// Change is a declared change with its deliveries, as its person follows it.
type Change struct {
	ID          int64
	Reference   string
	Address     forms.PostalAddress
	EffectiveOn string
	CreatedAt   time.Time
	Deliveries  []Delivery
}

// Delivery is one administration told of a change.
type Delivery struct {
	ID         int64
	ChangeID   int64
	OrgID      int64
	Status     string
	Attempts   int
	SentAt     time.Time
	ReceivedAt time.Time
	ReceivedBy string
	UpdatedAt  time.Time
}

var statusLabels = map[string]string{"en-attente": "En cours d'envoi", "envoye": "Envoyé, en attente de prise en compte",
	"recu": "Reçu et pris en compte", "echec": "Échec de l'envoi, nouvel essai prévu"}

// Label is the delivery's status in plain French.
func (d Delivery) Label() string { return statusLabels[d.Status] }

const changeOfDossierSQL = `SELECT id, reference, value, effective_on, created_at FROM changes
WHERE dossier_id = $1 AND user_id = $2`

// OfDossier returns the change a dossier of the person carried, with its
// deliveries; errs.NotFound when it carried none.
func (s *Service) OfDossier(ctx context.Context, userID, dossierID int64) (*Change, error) {
	var c Change
	var sealed string
	err := s.db.QueryRowContext(ctx, changeOfDossierSQL, dossierID, userID).Scan(&c.ID, &c.Reference, &sealed,
		&c.EffectiveOn, &c.CreatedAt)
	if database.IsNoRows(err) {
		return nil, errs.E(errs.NotFound, "Ce dossier ne porte pas de changement.")
	}
	if err != nil {
		return nil, fmt.Errorf("change of dossier %d: %w", dossierID, err)
	}
	v, err := s.open(sealed)
	if err != nil {
		return nil, err
	}
	c.Address, c.CreatedAt = v.Address, c.CreatedAt.UTC()
	c.Deliveries, err = s.deliveries(ctx, c.ID)
	return &c, err
}

func (s *Service) open(sealed string) (value, error) {
	var v value
	plain, err := s.opts.Box.Open(sealed)
	if err != nil {
		return v, fmt.Errorf("open change: %w", err)
	}
	return v, json.Unmarshal(plain, &v)
}

const deliveryColumns = `id, change_id, org_id, status, attempts, sent_at, received_at, received_by, updated_at`

const deliveriesSQL = `SELECT ` + deliveryColumns + ` FROM change_deliveries WHERE change_id = $1 ORDER BY id`

func (s *Service) deliveries(ctx context.Context, changeID int64) ([]Delivery, error) {
	rows, err := s.db.Querier(ctx).QueryContext(ctx, deliveriesSQL, changeID)
	if err != nil {
		return nil, fmt.Errorf("deliveries of change %d: %w", changeID, err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func scanDelivery(row interface{ Scan(...any) error }) (Delivery, error) {
	var d Delivery
	var sent, received sql.NullTime
	if err := row.Scan(&d.ID, &d.ChangeID, &d.OrgID, &d.Status, &d.Attempts, &sent, &received, &d.ReceivedBy,
		&d.UpdatedAt); err != nil {
		return d, fmt.Errorf("read delivery: %w", err)
	}
	if sent.Valid {
		d.SentAt = sent.Time.UTC()
	}
	if received.Valid {
		d.ReceivedAt = received.Time.UTC()
	}
	d.UpdatedAt = d.UpdatedAt.UTC()
	return d, nil
}
