package appointments

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Mode is how an appointment takes place.
type Mode string

// The modes of a slot.
const (
	OnSite Mode = "sur_place"
	Phone  Mode = "telephone"
	Video  Mode = "video"
)

// Modes lists the modes in the order of the forms.
var Modes = []Mode{OnSite, Phone, Video}

// Label returns the French name of m.
func (m Mode) Label() string {
	switch m {
	case OnSite:
		return "Sur place"
	case Phone:
		return "Par téléphone"
	case Video:
		return "En vidéo"
	}
	return ""
}

// Slot is a time a help structure offers for appointments.
type Slot struct {
	ID    int64
	OrgID int64
	// PlaceID is the place of an on-site slot (0 for phone and video).
	PlaceID   int64
	Mode      Mode
	VideoURL  string
	StartsAt  time.Time
	EndsAt    time.Time
	Capacity  int
	Booked    int
	CreatedBy int64
}

// Free returns how many places are left.
func (s *Slot) Free() int { return s.Capacity - s.Booked }

// Minutes returns the slot's length.
func (s *Slot) Minutes() int { return int(s.EndsAt.Sub(s.StartsAt) / time.Minute) }

// When writes the slot's start in French, in Paris time.
func (s *Slot) When() string { return FrenchWhen(s.StartsAt) }

const slotColumns = `id, org_id, place_id, mode, video_url, starts_at, ends_at, capacity, booked, created_by
	FROM appointment_slots`

func scanSlot(row interface{ Scan(...any) error }) (Slot, error) {
	var sl Slot
	err := row.Scan(&sl.ID, &sl.OrgID, &sl.PlaceID, &sl.Mode, &sl.VideoURL, &sl.StartsAt, &sl.EndsAt, &sl.Capacity,
		&sl.Booked, &sl.CreatedBy)
	sl.StartsAt, sl.EndsAt = sl.StartsAt.UTC(), sl.EndsAt.UTC()
	return sl, err
}

func (s *Service) listSlots(ctx context.Context, q database.Querier, query string, args ...any) ([]Slot, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list slots: %w", err)
	}
	defer rows.Close()
	var out []Slot
	for rows.Next() {
		sl, err := scanSlot(rows)
		if err != nil {
			return nil, fmt.Errorf("read slot: %w", err)
		}
		out = append(out, sl)
	}
	return out, rows.Err()
}

var errSlotNotFound = errs.E(errs.NotFound, "Ce créneau n'existe pas ou n'existe plus.")

const slotByIDSQL = `SELECT ` + slotColumns + ` WHERE id = $1`

// Slot returns the slot id, or errs.NotFound.
func (s *Service) Slot(ctx context.Context, id int64) (*Slot, error) {
	sl, err := scanSlot(s.db.Querier(ctx).QueryRowContext(ctx, slotByIDSQL, id))
	if database.IsNoRows(err) {
		return nil, errSlotNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read slot %d: %w", id, err)
	}
	return &sl, nil
}

const freeSlotsOfPlaceSQL = `SELECT ` + slotColumns + `
	WHERE place_id = $1 AND starts_at > $2 AND booked < capacity ORDER BY starts_at, id LIMIT $3`

// FreeSlotsOfPlace returns the slots of the place that still have room
// and start after now, soonest first, at most limit.
func (s *Service) FreeSlotsOfPlace(ctx context.Context, placeID int64, limit int) ([]Slot, error) {
	return s.listSlots(ctx, s.db, freeSlotsOfPlaceSQL, placeID, s.now(), limit)
}

// NextFree returns the next slot of the place with room, or nil.
func (s *Service) NextFree(ctx context.Context, placeID int64) (*Slot, error) {
	list, err := s.FreeSlotsOfPlace(ctx, placeID, 1)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

const freeSlotsOfOrgSQL = `SELECT ` + slotColumns + `
	WHERE org_id = $1 AND starts_at > $2 AND booked < capacity ORDER BY starts_at, id LIMIT $3`

// FreeSlotsOfStructure returns the slots of the structure that still have
// room and start after now, soonest first: where a booking can move to.
func (s *Service) FreeSlotsOfStructure(ctx context.Context, orgID int64, limit int) ([]Slot, error) {
	return s.listSlots(ctx, s.db, freeSlotsOfOrgSQL, orgID, s.now(), limit)
}

const slotsOfOrgSQL = `SELECT ` + slotColumns + `
	WHERE org_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at, id LIMIT 1000`

// SlotsOfStructure returns the slots of the structure starting in [from, to).
func (s *Service) SlotsOfStructure(ctx context.Context, orgID int64, from, to time.Time) ([]Slot, error) {
	return s.listSlots(ctx, s.db, slotsOfOrgSQL, orgID, from.UTC(), to.UTC())
}
