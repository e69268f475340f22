package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/errs"
)

func (s *Service) totpThrottle(userID int64) throttle {
	return throttle{key: "totp:" + strconv.FormatInt(userID, 10), max: s.cfg.Throttle.MaxFailures}
}

// checkTOTPThrottle refuses at once when the account's codes are locked,
// and otherwise returns its TOTP state.
func (s *Service) checkTOTPThrottle(ctx context.Context, userID int64, th throttle) (totpState, error) {
	wait, err := s.lockedFor(ctx, s.db, th)
	if err != nil {
		return totpState{}, err
	}
	if wait > 0 {
		if err := s.Audit(ctx, s.db, Event{Event: EventSignInThrottled, UserID: userID, Detail: "double authentification"}); err != nil {
			return totpState{}, err
		}
		return totpState{}, tooMany(wait)
	}
	return s.totpState(ctx, s.db, userID)
}

// totpFailure counts a wrong code and returns the error to show.
func (s *Service) totpFailure(ctx context.Context, userID int64, th throttle, replay bool, detail string) error {
	var wait time.Duration
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		if wait, err = s.recordFailure(ctx, tx, th); err != nil {
			return err
		}
		return s.Audit(ctx, tx, Event{Event: EventTOTPFailed, UserID: userID, Detail: detail})
	})
	switch {
	case err != nil:
		return err
	case wait > 0:
		return tooMany(wait)
	case replay:
		return errs.E(errs.Invalid, "Ce code a déjà servi. Attendez le code suivant dans votre application, puis saisissez-le.")
	}
	return errs.E(errs.Invalid, "Ce code n'est pas bon. Saisissez les 6 chiffres affichés maintenant par votre application.")
}

// useTOTPStepSQL records the step of a code, so that a code serves once.
const useTOTPStepSQL = `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`

// VerifyTOTP checks a 6-digit code of user userID's authenticator app. A
// code is accepted within one step (30 s) of the server's time and only
// once. Wrong codes are throttled like passwords (key "totp:<id>"). It
// returns errs.Invalid for a wrong or reused code or when the second factor
// is off, and errs.TooMany when locked. On success call MarkSecondFactor.
func (s *Service) VerifyTOTP(ctx context.Context, userID int64, code string) error {
	th := s.totpThrottle(userID)
	st, err := s.checkTOTPThrottle(ctx, userID, th)
	if err != nil {
		return err
	}
	if !st.confirmed || st.key == nil {
		return errs.E(errs.Invalid, "La double authentification n'est pas activée sur ce compte.")
	}
	step, ok, replay := matchTOTP(st.key, code, s.now(), st.lastStep)
	if !ok {
		return s.totpFailure(ctx, userID, th, replay, "")
	}
	var used bool
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		// The condition on the last step makes two requests racing with
		// one code accept it once.
		res, err := tx.ExecContext(ctx, useTOTPStepSQL, step, userID)
		if err != nil {
			return fmt.Errorf("record TOTP step of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			used = true
			return nil
		}
		if err := clearThrottle(ctx, tx, th.key); err != nil {
			return err
		}
		return s.Audit(ctx, tx, Event{Event: EventSecondFactor, UserID: userID, ActorID: userID})
	})
	if err != nil {
		return err
	}
	if used {
		return s.totpFailure(ctx, userID, th, true, "")
	}
	return nil
}
