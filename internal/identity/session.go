package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Session is a signed-in browser. The cookie carries a random token; the
// database keeps only its SHA-256, which is also the session's ID when it is
// listed or revoked, so a leaked table or page gives no usable cookie.
type Session struct {
	ID             string // hash of the token
	UserID         int64
	CreatedAt      time.Time
	LastSeenAt     time.Time
	ExpiresAt      time.Time  // absolute end, whatever the activity
	SecondFactorAt *time.Time // when the TOTP or recovery code was accepted, nil before
	IP             string
	UserAgent      string
}

// lastSeenStep is how stale last_seen_at may get before a request writes
// it again: one write a minute per session rather than one per page.
const lastSeenStep = time.Minute

var errNoSession = errs.E(errs.Unauthorized, "Votre session a pris fin. Connectez-vous à nouveau.")

// insertSessionSQL stores a new session under the hash of its ID.
const insertSessionSQL = `INSERT INTO sessions
	(id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
	VALUES ($1, $2, $3, $4, $5, $6, $7)`

// CreateSession opens a session for user userID and returns the token for
// the cookie. It ends after Config.SessionIdle without use, and
// Config.SessionAbsolute after now in any case.
func (s *Service) CreateSession(ctx context.Context, userID int64, ip, userAgent string) (string, error) {
	token, now := newToken(), s.now()
	if len(userAgent) > 300 {
		userAgent = strings.ToValidUTF8(userAgent[:300], "")
	}
	_, err := s.db.ExecContext(ctx, insertSessionSQL,
		hashToken(token), userID, now, now, now.Add(s.cfg.SessionAbsolute), ip, userAgent)
	if err != nil {
		return "", fmt.Errorf("create session for user %d: %w", userID, err)
	}
	return token, nil
}

const selectSession = `SELECT id_hash, user_id, created_at, last_seen_at, expires_at, second_factor_at, ip, user_agent
FROM sessions`

func scanSession(row interface{ Scan(...any) error }) (*Session, error) {
	var ss Session
	var second sql.NullTime
	if err := row.Scan(&ss.ID, &ss.UserID, &ss.CreatedAt, &ss.LastSeenAt, &ss.ExpiresAt, &second, &ss.IP, &ss.UserAgent); err != nil {
		return nil, err
	}
	ss.CreatedAt, ss.LastSeenAt, ss.ExpiresAt = utc(ss.CreatedAt), utc(ss.LastSeenAt), utc(ss.ExpiresAt)
	if second.Valid {
		t := utc(second.Time)
		ss.SecondFactorAt = &t
	}
	return &ss, nil
}

// live tells whether the session is still valid at now.
func (s *Service) live(ss *Session, now time.Time) bool {
	return now.Before(ss.ExpiresAt) && now.Before(ss.LastSeenAt.Add(s.cfg.SessionIdle))
}

// deleteSessionSQL removes a session.
const deleteSessionSQL = `DELETE FROM sessions WHERE id_hash = $1`

// userDisabledSQL tells whether an account is disabled.
const userDisabledSQL = `SELECT disabled_at IS NOT NULL FROM users WHERE id = $1`

// touchSessionSQL records when a session was last used.
const touchSessionSQL = `UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2`

// SessionByToken returns the session of a cookie token and its user. It
// returns errs.Unauthorized when the token is unknown, the session was idle
// too long or is past its absolute end (it is then deleted), or the account
// is disabled.
func (s *Service) SessionByToken(ctx context.Context, token string) (*Session, *User, error) {
	if token == "" {
		return nil, nil, errNoSession
	}
	id, now := hashToken(token), s.now()
	ss, err := scanSession(s.db.QueryRowContext(ctx, selectSession+` WHERE id_hash = $1`, id))
	if database.IsNoRows(err) {
		return nil, nil, errNoSession
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read session: %w", err)
	}
	if !s.live(ss, now) {
		if _, err := s.db.ExecContext(ctx, deleteSessionSQL, id); err != nil {
			return nil, nil, fmt.Errorf("delete expired session: %w", err)
		}
		return nil, nil, errNoSession
	}
	var disabled bool
	if err := s.db.QueryRowContext(ctx, userDisabledSQL, ss.UserID).Scan(&disabled); err != nil {
		return nil, nil, fmt.Errorf("read session user: %w", err)
	}
	if disabled {
		return nil, nil, errNoSession
	}
	if now.Sub(ss.LastSeenAt) >= lastSeenStep {
		if _, err := s.db.ExecContext(ctx, touchSessionSQL, now, id); err != nil {
			return nil, nil, fmt.Errorf("refresh session: %w", err)
		}
		ss.LastSeenAt = now
	}
	u, err := s.UserByID(ctx, ss.UserID)
	if err != nil {
		return nil, nil, err
	}
	return ss, u, nil
}

// MarkSecondFactor records that the session's user passed the second
// factor now, after VerifyTOTP or UseRecoveryCode accepted a code. It
// returns errs.Unauthorized when the session no longer exists.
func (s *Service) MarkSecondFactor(ctx context.Context, token string) error {
	return markSecondFactor(ctx, s.db, hashToken(token), s.now())
}

// markSecondFactorSQL records when a session passed the second factor.
const markSecondFactorSQL = `UPDATE sessions SET second_factor_at = $1 WHERE id_hash = $2`

func markSecondFactor(ctx context.Context, q database.Querier, id string, now time.Time) error {
	res, err := q.ExecContext(ctx, markSecondFactorSQL, now, id)
	if err != nil {
		return fmt.Errorf("mark second factor: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoSession
	}
	return nil
}

// signOutSQL removes a session and says whose it was.
const signOutSQL = `DELETE FROM sessions WHERE id_hash = $1 RETURNING user_id`

// DeleteSession ends the session of a token, at sign-out. An unknown token
// is not an error: the person is signed out either way.
func (s *Service) DeleteSession(ctx context.Context, token string) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var userID int64
		err := tx.QueryRowContext(ctx, signOutSQL, hashToken(token)).Scan(&userID)
		if database.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		return s.Audit(ctx, tx, Event{Event: EventSignOut, UserID: userID})
	})
}

// deleteSessionOfUserSQL removes one of a user's sessions.
const deleteSessionOfUserSQL = `DELETE FROM sessions WHERE id_hash = $1 AND user_id = $2`

// DeleteSessionByID ends one of the sessions of user userID, chosen by its
// ID from Sessions. It returns errs.NotFound when that user has no such
// session.
func (s *Service) DeleteSessionByID(ctx context.Context, userID int64, id string) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, deleteSessionOfUserSQL, id, userID)
		if err != nil {
			return fmt.Errorf("delete session of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "Cette session est déjà fermée.")
		}
		return s.Audit(ctx, tx, Event{Event: EventSessionRevoked, UserID: userID, ActorID: userID})
	})
}

// deleteOtherSessionsSQL removes every session of a user but one.
const deleteOtherSessionsSQL = `DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2`

// DeleteOtherSessions ends every session of user userID except the one of
// keepToken, as after a password change.
func (s *Service) DeleteOtherSessions(ctx context.Context, userID int64, keepToken string) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, deleteOtherSessionsSQL, userID, hashToken(keepToken))
		if err != nil {
			return fmt.Errorf("delete other sessions of user %d: %w", userID, err)
		}
		n, _ := res.RowsAffected()
		if n == 0 {
			return nil
		}
		return s.Audit(ctx, tx, Event{Event: EventSessionRevoked, UserID: userID, ActorID: userID,
			Detail: fmt.Sprintf("autres sessions fermées : %d", n)})
	})
}

// Sessions returns the live sessions of user userID, most recently used
// first.
func (s *Service) Sessions(ctx context.Context, userID int64) ([]Session, error) {
	rows, err := s.db.QueryContext(ctx, selectSession+` WHERE user_id = $1 ORDER BY last_seen_at DESC, id_hash`, userID)
	if err != nil {
		return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
	}
	defer rows.Close()
	now := s.now()
	var out []Session
	for rows.Next() {
		ss, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
		}
		if s.live(ss, now) {
			out = append(out, *ss)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
	}
	return out, nil
}
