package appointments

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/notify"
	"guichet/internal/sms"
)

// Status is where a booking stands.
type Status string

// The statuses of a booking.
const (
	Booked    Status = "reserve"
	Cancelled Status = "annule"
	NoShow    Status = "absent"
)

// Label returns the French name of st.
func (st Status) Label() string {
	switch st {
	case Booked:
		return "Réservé"
	case Cancelled:
		return "Annulé"
	case NoShow:
		return "Absent"
	}
	return ""
}

// Booking is a person's place on a slot.
type Booking struct {
	ID         int64
	SlotID     int64
	PersonName string
	// Contact is the phone number (international form) or e-mail address
	// the messages go to, by Channel ("sms" or "email").
	Contact  string
	Channel  string
	BookedBy int64
	Status   Status
	// Sequence counts the moves, for calendar files.
	Sequence  int
	CreatedAt time.Time
	Slot      Slot

	tokenSealed string
}

// Request is what a person, or a mediator for them, gives to book a slot.
type Request struct {
	SlotID     int64
	PersonName string
	// Contact is a mobile phone number or an e-mail address, as typed.
	Contact string
	// BookedBy is the mediator booking for the person, 0 when the person books.
	BookedBy int64
}

// check returns every problem of r at once, in the order of the form, and
// the normalised contact and its channel. A phone appointment needs a
// phone number: the structure calls it.
func (r *Request) check(mode Mode) (contact, channel string, err error) {
	var p []errs.FieldError
	r.PersonName = strings.TrimSpace(r.PersonName)
	if r.PersonName == "" || utf8.RuneCountInString(r.PersonName) > 100 {
		p = append(p, errs.FieldError{Field: "person_name", Message: "Écrivez un nom, ou seulement un prénom, pour que l'on vous reconnaisse (100 caractères au plus)."})
	}
	raw := strings.TrimSpace(r.Contact)
	switch {
	case raw == "":
		p = append(p, errs.FieldError{Field: "contact", Message: "Indiquez un numéro de téléphone portable ou une adresse e-mail, pour recevoir la confirmation et le rappel."})
	case strings.Contains(raw, "@"):
		a, perr := mail.ParseAddress(raw)
		if perr != nil || a.Address != raw || a.Name != "" || len(raw) > 254 || !strings.Contains(raw[strings.LastIndexByte(raw, '@'):], ".") {
			p = append(p, errs.FieldError{Field: "contact", Message: "Cette adresse e-mail n'est pas complète : écrivez-la comme prenom.nom@exemple.fr."})
		} else {
			contact, channel = strings.ToLower(raw), "email"
		}
	default:
		n, perr := sms.NormalizeMobile(raw)
		if perr != nil {
			p = append(p, errs.FieldError{Field: "contact", Message: perr.Error() + " Ou donnez une adresse e-mail."})
		} else {
			contact, channel = n, "sms"
		}
	}
	if mode == Phone && channel == "email" {
		p = append(p, errs.FieldError{Field: "contact", Message: "Pour un rendez-vous par téléphone, indiquez un numéro de portable : la structure vous appellera à ce numéro."})
	}
	return contact, channel, errs.InvalidFields("Le rendez-vous n'est pas pris. Corrigez les champs signalés.", p)
}

// newToken returns a fresh unguessable token and the hash stored for it.
func newToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// takePlaceSQL takes one place on a slot that has room and has not begun.
// Both databases run it one at a time per row (a row lock on PostgreSQL,
// which reads booked again before writing; one writer at a time on
// SQLite), so concurrent bookings never exceed the capacity.
const takePlaceSQL = `UPDATE appointment_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND starts_at > $2`

const releasePlaceSQL = `UPDATE appointment_slots SET booked = booked - 1 WHERE id = $1 AND booked > 0`

const insertBookingSQL = `INSERT INTO appointment_bookings (slot_id, token_hash, token_sealed, person_name, contact,
	contact_hash, channel, booked_by, status, created_at, updated_at, reminded_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'reserve', $9, $9, $10) RETURNING id`

var errFull = errs.E(errs.Conflict, "Ce créneau vient d'être pris ou a commencé. Choisissez-en un autre.")

// Book takes a place on r.SlotID for the person and sends the confirmation,
// all in one transaction. It returns the booking and its token, which is
// known only to the link of the confirmation. Errors: errs.Invalid with
// field problems, errs.NotFound for an unknown slot, errs.Conflict when the
// slot is full or has begun.
func (s *Service) Book(ctx context.Context, r Request) (*Booking, string, error) {
	sl, err := s.Slot(ctx, r.SlotID)
	if err != nil {
		return nil, "", err
	}
	contact, channel, err := r.check(sl.Mode)
	if err != nil {
		return nil, "", err
	}
	token, hash := newToken()
	now := s.now()
	contactHash := s.contactHash(contact)
	b := &Booking{SlotID: r.SlotID, PersonName: r.PersonName, Contact: contact, Channel: channel,
		BookedBy: r.BookedBy, Status: Booked, CreatedAt: now, Slot: *sl}
	// The words of the confirmation are read before the transaction: on
	// SQLite, a read on another connection while holding the write lock
	// could wait for a connection that writers queueing behind it hold.
	data := s.messageData(ctx, b, token)
	err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := s.limitPerContact(ctx, tx, r, sl.OrgID, contactHash, now); err != nil {
			return err
		}
		if err := s.take(ctx, tx, r.SlotID, now); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, insertBookingSQL, r.SlotID, hash, s.box.Seal([]byte(token)), b.PersonName,
			s.box.Seal([]byte(contact)), contactHash, channel, r.BookedBy, now, reminderNeedless(sl, now)).Scan(&b.ID); err != nil {
			return fmt.Errorf("insert booking: %w", err)
		}
		return s.tell(ctx, b, notify.AppointmentBooked, data, "booked-"+strconv.FormatInt(b.SlotID, 10))
	})
	if err != nil {
		return nil, "", err
	}
	b.Slot.Booked++
	return b, token, nil
}

// MaxPerContact is how many appointments to come one phone number or
// e-mail address may hold at a structure when the person books alone, so
// that nobody takes every slot with one contact. Mediators booking for
// people are not held to it.
const MaxPerContact = 3

const liveBookingsOfContactSQL = `SELECT COUNT(*) FROM appointment_bookings b JOIN appointment_slots s ON s.id = b.slot_id
	WHERE b.contact_hash = $1 AND b.status = 'reserve' AND s.org_id = $2 AND s.starts_at > $3`

func (s *Service) limitPerContact(ctx context.Context, tx *sql.Tx, r Request, orgID int64, contactHash string, now time.Time) error {
	if r.BookedBy != 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, liveBookingsOfContactSQL, contactHash, orgID, now).Scan(&n); err != nil {
		return fmt.Errorf("count bookings of a contact: %w", err)
	}
	if n >= MaxPerContact {
		return errs.InvalidFields("Le rendez-vous n'est pas pris.", []errs.FieldError{{Field: "contact",
			Message: fmt.Sprintf("Ce contact a déjà %d rendez-vous à venir avec cette structure. Pour en prendre un autre, annulez-en un avec le lien reçu, ou appelez la structure.", n)}})
	}
	return nil
}

// contactHash is the keyed hash of a normalised contact.
func (s *Service) contactHash(contact string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(contact))
	return hex.EncodeToString(m.Sum(nil))
}

// take takes a place on slot id, or says why it cannot.
func (s *Service) take(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, takePlaceSQL, id, now)
	if err != nil {
		return fmt.Errorf("take a place on slot %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.Slot(ctx, id); err != nil {
			return err
		}
		return errFull
	}
	return nil
}

// reminderNeedless returns now when the slot starts within a day: the
// confirmation just sent stands for the reminder.
func reminderNeedless(sl *Slot, now time.Time) any {
	if sl.StartsAt.Sub(now) <= RemindBefore {
		return now
	}
	return nil
}

const bookingColumns = `b.id, b.slot_id, b.person_name, b.contact, b.channel, b.booked_by, b.status, b.sequence,
	b.created_at, b.token_sealed, s.id, s.org_id, s.place_id, s.mode, s.video_url, s.starts_at, s.ends_at, s.capacity, s.booked, s.created_by
	FROM appointment_bookings b JOIN appointment_slots s ON s.id = b.slot_id`

func (s *Service) scanBooking(row interface{ Scan(...any) error }) (*Booking, error) {
	var b Booking
	var sealed string
	sl := &b.Slot
	err := row.Scan(&b.ID, &b.SlotID, &b.PersonName, &sealed, &b.Channel, &b.BookedBy, &b.Status, &b.Sequence,
		&b.CreatedAt, &b.tokenSealed, &sl.ID, &sl.OrgID, &sl.PlaceID, &sl.Mode, &sl.VideoURL, &sl.StartsAt, &sl.EndsAt, &sl.Capacity,
		&sl.Booked, &sl.CreatedBy)
	if err != nil {
		return nil, err
	}
	plain, err := s.box.Open(sealed)
	if err != nil {
		return nil, fmt.Errorf("open contact of booking %d: %w", b.ID, err)
	}
	b.Contact = string(plain)
	b.CreatedAt, sl.StartsAt, sl.EndsAt = b.CreatedAt.UTC(), sl.StartsAt.UTC(), sl.EndsAt.UTC()
	return &b, nil
}

const bookingByTokenSQL = `SELECT ` + bookingColumns + ` WHERE b.token_hash = $1`

var errBookingNotFound = errs.E(errs.NotFound, "Ce lien de rendez-vous n'est pas valable. Vérifiez-le dans le message de confirmation.")

// ByToken returns the booking of a confirmation link's token, or
// errs.NotFound for any other token.
func (s *Service) ByToken(ctx context.Context, token string) (*Booking, error) {
	if len(token) != 43 {
		return nil, errBookingNotFound
	}
	b, err := s.scanBooking(s.db.Querier(ctx).QueryRowContext(ctx, bookingByTokenSQL, hashToken(token)))
	if database.IsNoRows(err) {
		return nil, errBookingNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read booking: %w", err)
	}
	return b, nil
}

// ManageURL is the link of a booking's token, where it is seen, cancelled
// or moved.
func (s *Service) ManageURL(token string) string {
	return strings.TrimSuffix(s.baseURL, "/") + "/rendez-vous/gerer/" + token
}
