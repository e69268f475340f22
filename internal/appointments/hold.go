package appointments

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/big"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/notify"
)

// Proving the contact: a booking made without an account counts only once
// the person types the code sent to the phone or e-mail they gave, so that
// nobody books in another's name nor makes Guichet write to a stranger
// more than a few times.
const (
	// HoldFor is how long a code is valid.
	HoldFor = 15 * time.Minute
	// MaxCodeTries is how many wrong codes a hold takes before it ends.
	MaxCodeTries = 5
	// MaxCodesPerHour is how many codes one contact receives in an hour.
	MaxCodesPerHour = 5
)

// Hold is a booking waiting for the code sent to its contact.
type Hold struct {
	ID         int64
	SlotID     int64
	PersonName string
	Contact    string
	Channel    string
	Attempts   int
	ExpiresAt  time.Time
	Slot       Slot
}

// MaskedContact shows the contact with most of it hidden, to say where the
// code went without showing it whole to whoever holds the page.
func (h *Hold) MaskedContact() string {
	r := []rune(h.Contact)
	if h.Channel == "email" {
		at := len(r)
		for i, c := range r {
			if c == '@' {
				at = i
				break
			}
		}
		if at > 0 {
			return string(r[:1]) + "…" + string(r[at:])
		}
		return h.Contact
	}
	if len(r) <= 2 {
		return h.Contact
	}
	return "numéro se terminant par " + string(r[len(r)-2:])
}

const (
	codesOfContactSQL = `SELECT COUNT(*) FROM appointment_holds WHERE contact_hash = $1 AND created_at > $2`
	insertHoldSQL     = `INSERT INTO appointment_holds (token_hash, slot_id, person_name, contact, contact_hash, channel,
	code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`
	purgeHoldsSQL = `DELETE FROM appointment_holds WHERE expires_at <= $1`
)

// Hold checks r as Book does, checks that the slot still has a place and
// sends a 6-digit code to the contact (notify.AppointmentCode, at once even
// at night). Nothing is booked yet: Confirm books with the code. It returns
// the hold and its token, for the confirmation page's address. A mediator
// booking for someone, who vouches for the contact with the person
// present, books directly with Book.
func (s *Service) Hold(ctx context.Context, r Request) (*Hold, string, error) {
	sl, err := s.Slot(ctx, r.SlotID)
	if err != nil {
		return nil, "", err
	}
	contact, channel, err := r.check(sl.Mode)
	if err != nil {
		return nil, "", err
	}
	now := s.now()
	if sl.Free() <= 0 || !sl.StartsAt.After(now) {
		return nil, "", errFull
	}
	token, hash := newToken()
	code, err := newCode()
	if err != nil {
		return nil, "", err
	}
	h := &Hold{SlotID: sl.ID, PersonName: r.PersonName, Contact: contact, Channel: channel, ExpiresAt: now.Add(HoldFor),
		Slot: *sl}
	contactHash := s.contactHash(contact)
	data := map[string]string{"code": code, "when": sl.When(), "structure": s.orgName(ctx, sl.OrgID)} // before the tx (see Book)
	err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, purgeHoldsSQL, now.Add(-time.Hour)); err != nil {
			return fmt.Errorf("forget old holds: %w", err)
		}
		if err := s.limitPerContact(ctx, tx, r, sl.OrgID, contactHash, now); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, codesOfContactSQL, contactHash, now.Add(-time.Hour)).Scan(&n); err != nil {
			return fmt.Errorf("count codes of a contact: %w", err)
		}
		if n >= MaxCodesPerHour {
			return errs.InvalidFields("Le rendez-vous n'est pas pris.", []errs.FieldError{{Field: "contact",
				Message: "Plusieurs codes ont déjà été envoyés à ce contact dans l'heure. Attendez une heure, ou appelez la structure."}})
		}
		if err := tx.QueryRowContext(ctx, insertHoldSQL, hash, sl.ID, h.PersonName, s.box.Seal([]byte(contact)), contactHash,
			channel, s.codeHash(hash, code), now, h.ExpiresAt).Scan(&h.ID); err != nil {
			return fmt.Errorf("insert hold: %w", err)
		}
		if s.notify == nil {
			return nil
		}
		rc := notify.Recipient{Email: contact}
		if channel == "sms" {
			rc = notify.Recipient{Phone: contact}
		}
		return s.notify.Notify(ctx, notify.Event{Kind: notify.AppointmentCode, OrgID: sl.OrgID, Recipient: rc, Data: data,
			// Named by the token, not the row: a claimed hold's id comes back
			// on SQLite, and its key must not silence the next code.
			IdempotencyKey: "appointment-hold-" + hash, Immediate: true})
	})
	if err != nil {
		return nil, "", err
	}
	return h, token, nil
}

// newCode returns 6 random digits.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("draw a code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// codeHash is what is kept of a hold's code: keyed, and tied to the hold.
func (s *Service) codeHash(tokenHash, code string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(tokenHash + ":" + code))
	return hex.EncodeToString(m.Sum(nil))
}

const holdByTokenSQL = `SELECT id, slot_id, person_name, contact, channel, code_hash, attempts, expires_at
	FROM appointment_holds WHERE token_hash = $1`

var errHoldNotFound = errs.E(errs.NotFound, "Ce lien de confirmation n'est plus valable : le code a expiré, a été trop souvent mal tapé, ou a déjà servi. Reprenez le rendez-vous.")

// HoldByToken returns the hold of a confirmation page's token while it can
// still be confirmed, errs.NotFound otherwise.
func (s *Service) HoldByToken(ctx context.Context, token string) (*Hold, error) {
	h, _, err := s.holdByToken(ctx, s.db.Querier(ctx), token)
	return h, err
}

func (s *Service) holdByToken(ctx context.Context, q database.Querier, token string) (*Hold, string, error) {
	if len(token) != 43 {
		return nil, "", errHoldNotFound
	}
	var h Hold
	var sealed, codeHash string
	err := q.QueryRowContext(ctx, holdByTokenSQL, hashToken(token)).Scan(&h.ID, &h.SlotID, &h.PersonName, &sealed,
		&h.Channel, &codeHash, &h.Attempts, &h.ExpiresAt)
	if database.IsNoRows(err) {
		return nil, "", errHoldNotFound
	}
	if err != nil {
		return nil, "", fmt.Errorf("read hold: %w", err)
	}
	h.ExpiresAt = h.ExpiresAt.UTC()
	if !h.ExpiresAt.After(s.now()) || h.Attempts >= MaxCodeTries {
		return nil, "", errHoldNotFound
	}
	plain, err := s.box.Open(sealed)
	if err != nil {
		return nil, "", fmt.Errorf("open contact of hold %d: %w", h.ID, err)
	}
	h.Contact = string(plain)
	sl, err := s.Slot(ctx, h.SlotID)
	if err != nil {
		return nil, "", err
	}
	h.Slot = *sl
	return &h, codeHash, nil
}

const (
	tryCodeSQL   = `UPDATE appointment_holds SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 AND expires_at > $3`
	claimHoldSQL = `DELETE FROM appointment_holds WHERE id = $1`
)

// Confirm books the slot of the hold of token when code is the one sent to
// its contact, and sends the confirmation with the booking's link, as Book
// does. A wrong code counts as a try (errs.Invalid on "code"); after
// MaxCodeTries, or past HoldFor, the hold is gone (errs.NotFound). A slot
// taken meanwhile is errs.Conflict, as with Book. It returns the booking
// and the token of its link.
func (s *Service) Confirm(ctx context.Context, token, code string) (*Booking, string, error) {
	h, want, err := s.holdByToken(ctx, s.db.Querier(ctx), token)
	if err != nil {
		return nil, "", err
	}
	// The try is counted in its own transaction, kept whatever follows.
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, tryCodeSQL, h.ID, MaxCodeTries, s.now())
		if err != nil {
			return fmt.Errorf("count a code try: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errHoldNotFound
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	if !hmac.Equal([]byte(want), []byte(s.codeHash(hashToken(token), normalizeCode(code)))) {
		left := MaxCodeTries - h.Attempts - 1
		msg := "Ce code n'est pas le bon. Recopiez les 6 chiffres du message reçu."
		if left <= 0 {
			return nil, "", errHoldNotFound
		}
		if left == 1 {
			msg += " Il vous reste 1 essai."
		} else {
			msg += fmt.Sprintf(" Il vous reste %d essais.", left)
		}
		return nil, "", errs.InvalidField("code", msg)
	}
	// Claimed once: two confirmations with the right code book once.
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, claimHoldSQL, h.ID)
		if err != nil {
			return fmt.Errorf("claim hold %d: %w", h.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errHoldNotFound
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return s.Book(ctx, Request{SlotID: h.SlotID, PersonName: h.PersonName, Contact: h.Contact})
}

// normalizeCode keeps the digits of what was typed ("483 920" is 483920).
func normalizeCode(s string) string {
	out := make([]rune, 0, 6)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			out = append(out, r)
		}
	}
	return string(out)
}
