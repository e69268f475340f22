package identity

import (
	"context"
	"database/sql"
	"fmt"

	"rsc.io/qr"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// totpState is what the second factor needs of an account.
type totpState struct {
	email     string
	key       []byte // nil when no secret is stored
	confirmed bool
	lastStep  int64
}

// totpStateSQL reads a user's second-factor secret and state.
const totpStateSQL = `SELECT email, totp_secret, totp_confirmed_at IS NOT NULL, totp_last_step
	FROM users WHERE id = $1`

func (s *Service) totpState(ctx context.Context, q database.Querier, userID int64) (totpState, error) {
	var st totpState
	var sealed sql.NullString
	err := q.QueryRowContext(ctx, totpStateSQL, userID).Scan(&st.email, &sealed, &st.confirmed, &st.lastStep)
	if database.IsNoRows(err) {
		return st, errs.Wrap(errs.NotFound, "Ce compte n'existe pas.", err)
	}
	if err != nil {
		return st, fmt.Errorf("read TOTP state of user %d: %w", userID, err)
	}
	if sealed.Valid && sealed.String != "" {
		if st.key, err = s.box.Open(sealed.String); err != nil {
			return st, fmt.Errorf("open TOTP secret of user %d: %w", userID, err)
		}
	}
	return st, nil
}

// beginTOTPSQL stores a new, unconfirmed second-factor secret.
const beginTOTPSQL = `UPDATE users SET totp_secret = $1, totp_confirmed_at = NULL, totp_last_step = 0
	WHERE id = $2 AND totp_confirmed_at IS NULL`

// BeginTOTP starts enrolling an authenticator app for user userID: it
// stores a new random secret, sealed and not yet confirmed, and returns it
// in base32 grouped by four for typing by hand ("ABCD EFGH …"), as an
// otpauth:// URL, and as a QR code in PNG. The second factor works only
// after ConfirmTOTP. It returns errs.Conflict when the account already has
// a confirmed second factor (ResetTOTP first).
func (s *Service) BeginTOTP(ctx context.Context, userID int64) (secret, otpauthURL string, qrPNG []byte, err error) {
	st, err := s.totpState(ctx, s.db, userID)
	if err != nil {
		return "", "", nil, err
	}
	if st.confirmed {
		return "", "", nil, errs.E(errs.Conflict, "La double authentification est déjà activée sur ce compte.")
	}
	key, text := newTOTPSecret()
	link, png, err := s.totpPicture(st.email, text)
	if err != nil {
		return "", "", nil, err
	}
	_, err = s.db.ExecContext(ctx, beginTOTPSQL, s.box.Seal(key), userID)
	if err != nil {
		return "", "", nil, fmt.Errorf("store TOTP secret of user %d: %w", userID, err)
	}
	return groupBy4(text), link, png, nil
}

// PendingTOTP returns, like BeginTOTP, the secret that BeginTOTP stored and
// ConfirmTOTP has not confirmed yet, without changing anything, so that
// showing the enrolment page again shows the same key. ok is false when no
// secret is pending.
func (s *Service) PendingTOTP(ctx context.Context, userID int64) (secret, otpauthURL string, qrPNG []byte, ok bool, err error) {
	st, err := s.totpState(ctx, s.db, userID)
	if err != nil || st.confirmed || st.key == nil {
		return "", "", nil, false, err
	}
	text := base32NoPad.EncodeToString(st.key)
	link, png, err := s.totpPicture(st.email, text)
	if err != nil {
		return "", "", nil, false, err
	}
	return groupBy4(text), link, png, true, nil
}

// totpPicture returns the otpauth:// URL of a secret and its QR code.
func (s *Service) totpPicture(email, text string) (string, []byte, error) {
	link := keyURI(s.cfg.Issuer, email, text)
	code, err := qr.Encode(link, qr.M)
	if err != nil {
		return "", nil, fmt.Errorf("draw TOTP QR code: %w", err)
	}
	code.Scale = 6
	return link, code.PNG(), nil
}

// confirmTOTPSQL confirms a second-factor secret and the step used to confirm it.
const confirmTOTPSQL = `UPDATE users SET totp_confirmed_at = $1, totp_last_step = $2
	WHERE id = $3 AND totp_confirmed_at IS NULL`

// ConfirmTOTP checks the first code typed from the authenticator app after
// BeginTOTP, turns the second factor on and returns ten new recovery codes
// to show once. Wrong codes are throttled like passwords. It returns
// errs.Invalid for a wrong code or when BeginTOTP was not called, and
// errs.Conflict when the second factor is already on.
func (s *Service) ConfirmTOTP(ctx context.Context, userID int64, code string) ([]string, error) {
	th := s.totpThrottle(userID)
	st, err := s.checkTOTPThrottle(ctx, userID, th)
	if err != nil {
		return nil, err
	}
	switch {
	case st.confirmed:
		return nil, errs.E(errs.Conflict, "La double authentification est déjà activée sur ce compte.")
	case st.key == nil:
		return nil, errs.E(errs.Invalid, "Commencez par scanner le QR code avec votre application.")
	}
	step, ok, replay := matchTOTP(st.key, code, s.now(), st.lastStep)
	if !ok {
		return nil, s.totpFailure(ctx, userID, th, replay, "activation")
	}
	codes := newRecoveryCodes()
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, confirmTOTPSQL, s.now(), step, userID)
		if err != nil {
			return fmt.Errorf("confirm TOTP of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "La double authentification est déjà activée sur ce compte.")
		}
		if err := storeRecoveryCodes(ctx, tx, userID, codes); err != nil {
			return err
		}
		if err := clearThrottle(ctx, tx, th.key); err != nil {
			return err
		}
		return s.Audit(ctx, tx, Event{Event: EventTOTPEnrolled, UserID: userID})
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// setTOTPSecretSQL stores a confirmed second-factor secret.
const setTOTPSecretSQL = `UPDATE users SET totp_secret = $1, totp_confirmed_at = $2, totp_last_step = 0
	WHERE id = $3`

// SetTOTPSecret stores a known base32 secret (at least 128 bits) for user
// userID, already confirmed, without recovery codes. It is meant for the
// demo accounts, whose codes the demo page can then show.
func (s *Service) SetTOTPSecret(ctx context.Context, userID int64, secret string) error {
	key, err := decodeSecret(secret)
	if err != nil || len(key) < totpMinSecret {
		return errs.Errorf(errs.Invalid, "Le secret doit être en base32 et faire au moins %d octets.", totpMinSecret)
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, setTOTPSecretSQL, s.box.Seal(key), s.now(), userID)
		if err != nil {
			return fmt.Errorf("set TOTP secret of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "Ce compte n'existe pas.")
		}
		return s.Audit(ctx, tx, Event{Event: EventTOTPEnrolled, UserID: userID, Detail: "secret connu"})
	})
}

// resetTOTPSQL turns a user's second factor off.
const resetTOTPSQL = `UPDATE users SET totp_secret = NULL, totp_confirmed_at = NULL, totp_last_step = 0
	WHERE id = $1`

// ResetTOTP turns the second factor of user userID off and deletes its
// recovery codes, so that the person can enrol a new phone. actorID is the
// administrator who did it, or userID itself.
func (s *Service) ResetTOTP(ctx context.Context, userID, actorID int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, resetTOTPSQL, userID)
		if err != nil {
			return fmt.Errorf("reset TOTP of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "Ce compte n'existe pas.")
		}
		if _, err := tx.ExecContext(ctx, deleteRecoveryCodesSQL, userID); err != nil {
			return fmt.Errorf("reset TOTP of user %d: %w", userID, err)
		}
		return s.Audit(ctx, tx, Event{Event: EventTOTPReset, UserID: userID, ActorID: actorID})
	})
}
