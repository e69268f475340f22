package identity

import (
	"context"

	"guichet/internal/audit"
	"guichet/internal/database"
)

// Event is one line of the security audit log, kept by internal/audit;
// its Event is one of the Event… constants below.
type Event = audit.Entry

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
	EventEmailVerifySent        = "email_verification_sent"
	EventEmailVerified          = "email_verified"
	EventSignUpKnownAddress     = "sign_up_known_address"
	EventUnverifiedReplaced     = "unverified_account_replaced"
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
	case EventEmailVerifySent:
		return "Lien pour confirmer l'adresse e-mail envoyé"
	case EventEmailVerified:
		return "Adresse e-mail confirmée"
	case EventSignUpKnownAddress:
		return "Essai de création d'un compte avec cette adresse"
	case EventUnverifiedReplaced:
		return "Compte jamais confirmé remplacé"
	case EventAPITokenCreated:
		return "Jeton d'API créé"
	case EventAPITokenRevoked:
		return "Jeton d'API retiré"
	// Written by internal/dossiers about the person whose dossier it is.
	case "dossier_read":
		return "Dossier lu par l'administration"
	case "dossier_changed":
		return "Dossier traité par l'administration"
	}
	return event
}

// Audit records e through q, the caller's transaction, so that it commits
// or rolls back with the change it describes. A zero At means now.
func (s *Service) Audit(ctx context.Context, q database.Querier, e Event) error {
	return s.audit.Write(ctx, q, e)
}

// AuditEvents returns the latest events about user userID (or done by
// them), newest first, at most limit of them. userID 0 returns the events
// of everyone.
func (s *Service) AuditEvents(ctx context.Context, userID int64, limit int) ([]Event, error) {
	return s.audit.List(ctx, userID, limit)
}
