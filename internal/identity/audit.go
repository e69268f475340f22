package identity

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/database"
)

// Event is one line of the security audit log.
type Event struct {
	At      time.Time
	Event   string // one of the Event… constants
	UserID  int64  // the account concerned, 0 when unknown
	ActorID int64  // who acted: the user or an administrator; 0 when nobody signed in acted
	IP      string
	Detail  string // short, never a secret
}

// The security events the audit log records.
const (
	EventSignIn                 = "sign_in"
	EventSignInFailed           = "sign_in_failed"
	EventSignInThrottled        = "sign_in_throttled"
	EventSignOut                = "sign_out"
	EventSessionRevoked         = "session_revoked"
	EventTOTPEnrolled           = "totp_enrolled"
	EventTOTPFailed             = "totp_failed"
	EventTOTPReset              = "totp_reset"
	EventSecondFactor           = "second_factor"
	EventRecoveryCodeUsed       = "recovery_code_used"
	EventPasswordChanged        = "password_changed"
	EventPasswordResetRequested = "password_reset_requested"
	EventPasswordResetDone      = "password_reset_done"
	EventAccountCreated         = "account_created"
	EventRoleGranted            = "role_granted"
	EventOIDCLinked             = "oidc_linked"
	EventProConnectSet          = "proconnect_set"
)

// EventLabel returns the French description of an event name for the
// pages that show a person their account's history.
func EventLabel(event string) string {
	switch event {
	case EventSignIn:
		return "Connexion"
	case EventSignInFailed:
		return "Connexion refusée : mot de passe incorrect"
	case EventSignInThrottled:
		return "Connexion bloquée : trop d'essais"
	case EventSignOut:
		return "Déconnexion"
	case EventSessionRevoked:
		return "Session fermée à distance"
	case EventTOTPEnrolled:
		return "Double authentification activée"
	case EventTOTPFailed:
		return "Code de double authentification refusé"
	case EventTOTPReset:
		return "Double authentification désactivée"
	case EventSecondFactor:
		return "Code de double authentification accepté"
	case EventRecoveryCodeUsed:
		return "Code de secours utilisé"
	case EventPasswordChanged:
		return "Mot de passe changé"
	case EventPasswordResetRequested:
		return "Lien pour changer le mot de passe envoyé"
	case EventPasswordResetDone:
		return "Mot de passe changé avec le lien reçu par e-mail"
	case EventAccountCreated:
		return "Compte créé"
	case EventRoleGranted:
		return "Rôle ajouté"
	case EventOIDCLinked:
		return "Compte relié à un fournisseur d'identité"
	case EventProConnectSet:
		return "Connexion ProConnect d'une organisation réglée"
	}
	return event
}

const insertEvent = `INSERT INTO audit_events (at, event, user_id, actor_id, ip, detail)
VALUES ($1, $2, $3, $4, $5, $6)`

// Audit records e through q, so that it commits or rolls back with the
// change it describes. A zero At means now.
func (s *Service) Audit(ctx context.Context, q database.Querier, e Event) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	_, err := q.ExecContext(ctx, insertEvent, e.At.UTC(), e.Event, nullID(e.UserID), nullID(e.ActorID), e.IP, e.Detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Event, err)
	}
	return nil
}

const selectEvents = `SELECT at, event, COALESCE(user_id, 0), COALESCE(actor_id, 0), ip, detail
FROM audit_events`

// AuditEvents returns the latest events about user userID (or done by
// them), newest first, at most limit of them. userID 0 returns the events
// of everyone.
func (s *Service) AuditEvents(ctx context.Context, userID int64, limit int) ([]Event, error) {
	if limit <= 0 {
		limit = 50
	}
	query, args := selectEvents+` ORDER BY at DESC, id DESC LIMIT $1`, []any{limit}
	if userID != 0 {
		query = selectEvents + ` WHERE user_id = $1 OR actor_id = $1 ORDER BY at DESC, id DESC LIMIT $2`
		args = []any{userID, limit}
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit events of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.Event, &e.UserID, &e.ActorID, &e.IP, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit events of user %d: %w", userID, err)
		}
		e.At = utc(e.At)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit events of user %d: %w", userID, err)
	}
	return out, nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
