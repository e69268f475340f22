package notify

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"guichet/internal/errs"
)

// The channels a person may choose.
const (
	ChannelsEmail = "email"
	ChannelsSMS   = "sms"
	ChannelsBoth  = "both"
	// ChannelsNone stops every message but the legal notices (by e-mail).
	ChannelsNone = "none"
)

// Preferences are a person's choices about the messages they get.
type Preferences struct {
	UserID   int64
	Channels string
	// Phone is the confirmed number in international form, "" when none;
	// PendingPhone the number waiting for its code.
	Phone          string
	PhoneConfirmed bool
	PendingPhone   string
}

// Limits of the phone confirmation code.
const (
	codeTTL         = 10 * time.Minute
	codeMaxAttempts = 5
)

const selectPreferencesSQL = `SELECT channels, phone_sealed, phone_confirmed_at IS NOT NULL, pending_phone_sealed
FROM notify_preferences WHERE user_id = $1`

// Preferences returns a person's choices: e-mail only until they say otherwise.
func (s *Service) Preferences(ctx context.Context, userID int64) (Preferences, error) {
	return s.preferencesIn(ctx, s.db.Querier(ctx), userID)
}

func (s *Service) preferencesIn(ctx context.Context, q querier, userID int64) (Preferences, error) {
	p := Preferences{UserID: userID, Channels: ChannelsEmail}
	var phone, pending string
	err := q.QueryRowContext(ctx, selectPreferencesSQL, userID).Scan(&p.Channels, &phone, &p.PhoneConfirmed, &pending)
	if err == sql.ErrNoRows {
		return p, nil
	}
	if err != nil {
		return Preferences{}, fmt.Errorf("read preferences of %d: %w", userID, err)
	}
	if p.Phone, err = s.open(phone); err != nil {
		return Preferences{}, err
	}
	if p.PendingPhone, err = s.open(pending); err != nil {
		return Preferences{}, err
	}
	return p, nil
}

const ensurePreferencesSQL = `INSERT INTO notify_preferences (user_id, updated_at) VALUES ($1, $2)
ON CONFLICT (user_id) DO NOTHING`

const setChannelsSQL = `UPDATE notify_preferences SET channels = $1, updated_at = $2 WHERE user_id = $3`

// SetChannels records the channels a person chose. SMS may be chosen before
// the phone is confirmed: messages go by e-mail until it is.
func (s *Service) SetChannels(ctx context.Context, userID int64, channels string) error {
	switch channels {
	case ChannelsEmail, ChannelsSMS, ChannelsBoth, ChannelsNone:
	default:
		return errs.InvalidField("channels", "Choisissez comment recevoir nos messages.")
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		now := s.now()
		if _, err := tx.ExecContext(ctx, ensurePreferencesSQL, userID, now); err != nil {
			return fmt.Errorf("save preferences of %d: %w", userID, err)
		}
		_, err := tx.ExecContext(ctx, setChannelsSQL,
			channels, now, userID)
		return err
	})
}

const savePhoneCodeSQL = `UPDATE notify_preferences SET pending_phone_sealed = $1, code_hash = $2,
			code_expires_at = $3, code_attempts = 0, updated_at = $4 WHERE user_id = $5`

// StartPhoneConfirmation sends a 6-digit code by SMS to phone, now, whatever
// the hour (the person asked for it). The number becomes the person's once
// ConfirmPhone gets the code.
func (s *Service) StartPhoneConfirmation(ctx context.Context, userID int64, phone string) error {
	if s.box == nil {
		return fmt.Errorf("notify: no secret box to seal phone numbers")
	}
	number, err := normalizePhone(phone)
	if err != nil {
		return errs.InvalidField("phone", errs.MessageOf(err))
	}
	code := newCode()
	now := s.now()
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, ensurePreferencesSQL, userID, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, savePhoneCodeSQL,
			s.box.Seal([]byte(number)), hashCode(userID, code), now.Add(codeTTL), now, userID); err != nil {
			return fmt.Errorf("save phone code of %d: %w", userID, err)
		}
		_, err := s.store(ctx, tx, Message{Key: fmt.Sprintf("phone-code/%d/%s", userID, newNonce()), UserID: userID,
			Event: "phone_code", Channel: SMS, Recipient: number, Parts: 1,
			Body: "Guichet : votre code de confirmation est " + code + ". Il expire dans 10 minutes. Ne le donnez à personne."})
		return err
	})
	if err == nil && s.jobs != nil {
		s.jobs.Notify()
	}
	return err
}

// The messages of a code that does not confirm the phone.
const (
	msgBadCode     = "Ce code n'est pas le bon. Vérifiez le SMS reçu et retapez les 6 chiffres."
	msgCodeExpired = "Ce code a expiré ou a été trop souvent mal saisi. Demandez un nouveau code."
)

const readPhoneCodeSQL = `SELECT code_hash, code_expires_at, code_attempts FROM notify_preferences
		WHERE user_id = $1`

const countCodeAttemptSQL = `UPDATE notify_preferences SET code_attempts = code_attempts + 1
			WHERE user_id = $1 AND code_hash = $2`

const confirmPhoneSQL = `UPDATE notify_preferences SET phone_sealed = pending_phone_sealed,
		phone_confirmed_at = $1, pending_phone_sealed = '', code_hash = '', code_expires_at = NULL,
		code_attempts = 0, updated_at = $1 WHERE user_id = $2 AND code_hash = $3 AND code_attempts < $4`

// ConfirmPhone checks code against the one sent; when it matches, the
// pending number becomes the person's confirmed phone. After
// codeMaxAttempts wrong codes, or codeTTL, a new code must be asked for.
// It runs outside any transaction of the caller: a wrong attempt must count
// even when the caller rolls back.
func (s *Service) ConfirmPhone(ctx context.Context, userID int64, code string) error {
	var hash string
	var expires sql.NullTime
	var attempts int
	err := s.db.QueryRowContext(ctx, readPhoneCodeSQL, userID).Scan(&hash, &expires, &attempts)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("read phone code of %d: %w", userID, err)
	}
	if err == sql.ErrNoRows || hash == "" || !expires.Valid || !s.now().Before(expires.Time) || attempts >= codeMaxAttempts {
		return errs.InvalidField("code", msgCodeExpired)
	}
	if subtle.ConstantTimeCompare([]byte(hash), []byte(hashCode(userID, code))) != 1 {
		if _, err := s.db.ExecContext(ctx, countCodeAttemptSQL, userID, hash); err != nil {
			return fmt.Errorf("count phone code attempt of %d: %w", userID, err)
		}
		return errs.InvalidField("code", msgBadCode)
	}
	// The conditions again in the statement: a concurrent wrong attempt
	// that used the last try, or a new code, wins.
	res, err := s.db.ExecContext(ctx, confirmPhoneSQL,
		s.now(), userID, hash, codeMaxAttempts)
	if err != nil {
		return fmt.Errorf("confirm phone of %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errs.InvalidField("code", msgCodeExpired)
	}
	return nil
}

func (s *Service) open(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	if s.box == nil {
		return "", fmt.Errorf("notify: no secret box to open phone numbers")
	}
	b, err := s.box.Open(sealed)
	if err != nil {
		return "", fmt.Errorf("open phone number: %w", err)
	}
	return string(b), nil
}

// newCode returns 6 random digits.
func newCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%06d", n.Int64())
}

func newNonce() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// hashCode is what is kept of a code. The code lives ten minutes and five
// tries, so a plain salted hash is enough.
func hashCode(userID int64, code string) string {
	sum := sha256.Sum256([]byte("notify-phone-code:" + strconv.FormatInt(userID, 10) + ":" + code))
	return hex.EncodeToString(sum[:])
}
