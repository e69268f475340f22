package identity

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/mail"
)

// ResetPath is the page of the link sent by e-mail; the token follows in
// the query parameter "jeton".
const ResetPath = "/mot-de-passe/nouveau"

var errResetLink = errs.E(errs.Invalid,
	"Ce lien ne marche plus : il a déjà servi ou il est trop ancien. Demandez un nouveau lien depuis « Mot de passe oublié ».")

// enabledUserByEmailSQL finds the enabled account of an address.
const enabledUserByEmailSQL = `SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL`

// RequestPasswordReset e-mails a single-use link to choose a new password,
// valid Config.ResetTTL, when an active account has that address. It
// answers the same whether or not the account exists, so nobody learns who
// has one. Requests are limited per IP address (errs.TooMany) and, silently,
// per address, so that nobody's mailbox can be flooded. The link, its
// e-mail job and the audit entry are stored in one transaction (or in the
// caller's, when ctx carries one: see database.InTx); the e-mail leaves
// through the jobs queue.
func (s *Service) RequestPasswordReset(ctx context.Context, email, ip string) error {
	email, err := checkEmail(email)
	if err != nil {
		return err
	}
	ipKey := throttle{key: "reset-ip:" + ip, max: s.cfg.Throttle.MaxFailuresPerIP}
	if ip != "" {
		wait, err := s.lockedFor(ctx, s.db, ipKey)
		if err != nil {
			return err
		}
		if wait > 0 {
			return tooMany(wait)
		}
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if ip != "" {
			if _, err := s.recordFailure(ctx, tx, ipKey); err != nil {
				return err
			}
		}
		emailKey := throttle{key: "reset-email:" + email, max: s.cfg.Throttle.MaxFailures}
		if wait, err := s.lockedFor(ctx, tx, emailKey); err != nil || wait > 0 {
			return err
		}
		if _, err := s.recordFailure(ctx, tx, emailKey); err != nil {
			return err
		}
		var userID int64
		err := tx.QueryRowContext(ctx, enabledUserByEmailSQL, email).Scan(&userID)
		if database.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("find account for password reset: %w", err)
		}
		return s.sendResetLink(ctx, tx, userID, email, ip)
	})
}

// insertResetSQL stores the hash of a password reset token.
const insertResetSQL = `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
	VALUES ($1, $2, $3, $4)`

func (s *Service) sendResetLink(ctx context.Context, tx database.Querier, userID int64, email, ip string) error {
	token, now := newToken(), s.now()
	hash := hashToken(token)
	if _, err := tx.ExecContext(ctx, insertResetSQL, hash, userID, now, now.Add(s.cfg.ResetTTL)); err != nil {
		return fmt.Errorf("store password reset of user %d: %w", userID, err)
	}
	link := s.cfg.BaseURL + ResetPath + "?" + url.Values{"jeton": {token}}.Encode()
	m := mail.Message{
		To:      email,
		Subject: "Choisir un nouveau mot de passe",
		Body: fmt.Sprintf(`Bonjour,

Vous avez demandé à changer le mot de passe de votre compte %s.

Pour choisir un nouveau mot de passe, ouvrez ce lien :
%s

Le lien marche une seule fois, pendant %s.

Si vous n'avez rien demandé, ne faites rien : votre mot de passe ne change pas.
`, s.cfg.Issuer, link, frenchDuration(s.cfg.ResetTTL)),
	}
	if err := s.enqueueMail(ctx, tx, m, "password-reset:"+hash); err != nil {
		return fmt.Errorf("send password reset e-mail: %w", err)
	}
	return s.Audit(ctx, tx, Event{Event: EventPasswordResetRequested, UserID: userID, IP: ip})
}

// CheckPasswordReset tells whether the token of a reset link still works,
// so that the page can say so before the person types a new password. It
// returns errs.Invalid when the link was used, is too old or is unknown.
func (s *Service) CheckPasswordReset(ctx context.Context, token string) error {
	_, err := s.resetTarget(ctx, s.db, hashToken(token))
	return err
}

// resetTargetSQL reads the user, expiry and use of a password reset token.
const resetTargetSQL = `SELECT user_id, expires_at, used_at FROM password_resets WHERE token_hash = $1`

// resetTarget returns the user a reset link is for, or errResetLink.
func (s *Service) resetTarget(ctx context.Context, q database.Querier, hash string) (int64, error) {
	var userID int64
	var expires time.Time
	var used sql.NullTime
	err := q.QueryRowContext(ctx, resetTargetSQL, hash).
		Scan(&userID, &expires, &used)
	if database.IsNoRows(err) {
		return 0, errResetLink
	}
	if err != nil {
		return 0, fmt.Errorf("read password reset: %w", err)
	}
	if used.Valid || !s.now().Before(expires) {
		return 0, errResetLink
	}
	return userID, nil
}

// useResetSQL spends a password reset token, once.
const useResetSQL = `UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL`

// ResetPassword sets a new password with the token of an e-mailed link.
// The link works once and until it expires; using it also voids the other
// links of the account, signs it out everywhere and lifts a sign-in lock.
// It returns errs.Invalid for a dead link or a password the policy refuses.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword string) error {
	hash := hashToken(token)
	if _, err := s.resetTarget(ctx, s.db, hash); err != nil {
		return err
	}
	if err := checkPasswordPolicy(newPassword); err != nil {
		return err
	}
	// Hashed before the transaction, which then holds no lock for the
	// tens of milliseconds argon2id takes.
	pwHash, err := HashPassword(newPassword)
	if err != nil {
		return err
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		userID, err := s.resetTarget(ctx, tx, hash)
		if err != nil {
			return err
		}
		now := s.now()
		// The used_at condition makes two racing submissions succeed once.
		res, err := tx.ExecContext(ctx, useResetSQL, now, hash)
		if err != nil {
			return fmt.Errorf("use password reset: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errResetLink
		}
		return s.applyReset(ctx, tx, userID, pwHash, now)
	})
}

// applyResetSQL sets the new password; the link proved the address, so it counts as verified.
const applyResetSQL = `UPDATE users SET password_hash = $1, email_verified_at = COALESCE(email_verified_at, $3)
	WHERE id = $2 RETURNING email`

// useOtherResetsSQL spends every other reset token of the user.
const useOtherResetsSQL = `UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL`

// deleteUserSessionsSQL signs a user out everywhere.
const deleteUserSessionsSQL = `DELETE FROM sessions WHERE user_id = $1`

func (s *Service) applyReset(ctx context.Context, tx database.Querier, userID int64, pwHash string, now time.Time) error {
	var email string
	if err := tx.QueryRowContext(ctx, applyResetSQL, pwHash, userID, now).
		Scan(&email); err != nil {
		return fmt.Errorf("reset password of user %d: %w", userID, err)
	}
	if _, err := tx.ExecContext(ctx, useOtherResetsSQL,
		now, userID); err != nil {
		return fmt.Errorf("void other reset links of user %d: %w", userID, err)
	}
	if _, err := tx.ExecContext(ctx, deleteUserSessionsSQL, userID); err != nil {
		return fmt.Errorf("sign user %d out after reset: %w", userID, err)
	}
	if err := clearThrottle(ctx, tx, "email:"+email); err != nil {
		return err
	}
	return s.Audit(ctx, tx, Event{Event: EventPasswordResetDone, UserID: userID, ActorID: userID})
}
