package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/mail"
)

// VerifyPath is the page of the link that confirms an address; the token
// follows in the query parameter "jeton".
const VerifyPath = "/inscription/confirmer"

// unverifiedKept is how long an account whose address was never confirmed
// is kept before Purge deletes it and frees the address.
const unverifiedKept = 7 * 24 * time.Hour

// errUnverified is what the right password of an unconfirmed account gets.
var errUnverified = errs.E(errs.Forbidden,
	"Votre adresse e-mail n'est pas encore confirmée. Ouvrez le lien que nous vous avons envoyé par e-mail, puis connectez-vous.")

var errVerifyLink = errs.E(errs.Invalid,
	"Ce lien ne marche plus : il a déjà servi ou il est trop ancien. Connectez-vous pour en recevoir un nouveau.")

// IsUnverified tells whether err says that the password was right but the
// account's address is not confirmed yet.
func IsUnverified(err error) bool { return errors.Is(err, errUnverified) }

// userByEmailSQL finds the account of an address.
const userByEmailSQL = `SELECT id FROM users WHERE email = $1`

// SignUp creates a citizen account whose address must be confirmed before
// it can sign in: a link valid Config.VerifyTTL is e-mailed to it. When the
// address already has an account, nothing is created and its owner is told
// by e-mail instead, so that the answer is the same for a new and a known
// address. It returns errs.Invalid for a bad address, name or password and
// errs.TooMany when the address ip signed up too often; e-mails to one
// address are limited silently.
func (s *Service) SignUp(ctx context.Context, nu NewUser, ip string) error {
	if nu.Role != "" && nu.Role != RoleCitizen {
		return errs.InvalidField("role", "Un compte créé en ligne est un compte d'usager.")
	}
	email, err := checkEmail(nu.Email)
	if err != nil {
		return err
	}
	name, err := checkName(nu.Name)
	if err != nil {
		return err
	}
	if err := checkPasswordPolicy(nu.Password); err != nil {
		return err
	}
	// Hashed whether or not the address is known, so that both answers
	// take as long, and before the transaction, which then holds no lock.
	hash, err := HashPassword(nu.Password)
	if err != nil {
		return err
	}
	return s.throttledMail(ctx, email, ip, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, userByEmailSQL, email).Scan(&id)
		switch {
		case database.IsNoRows(err):
		case err != nil:
			return fmt.Errorf("find account for sign-up: %w", err)
		default:
			return s.sendSignUpNotice(ctx, tx, id, email, ip)
		}
		if id, err = s.insertUser(ctx, tx, email, name, hash, false); err != nil {
			return err
		}
		return s.sendVerifyLink(ctx, tx, id, email, ip, nu.Next)
	})
}

// unverifiedUserSQL finds the enabled account of an address not yet verified.
const unverifiedUserSQL = `SELECT id FROM users
	WHERE email = $1 AND email_verified_at IS NULL AND disabled_at IS NULL`

// ResendVerification e-mails a new confirmation link when an account with
// that address is waiting for one, leading back to next as SignUp's does
// (see NewUser.Next). It answers the same whatever the address, and shares
// SignUp's limits.
func (s *Service) ResendVerification(ctx context.Context, email, ip, next string) error {
	email, err := checkEmail(email)
	if err != nil {
		return err
	}
	return s.throttledMail(ctx, email, ip, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, unverifiedUserSQL, email).Scan(&id)
		if database.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("find account to verify: %w", err)
		}
		return s.sendVerifyLink(ctx, tx, id, email, ip, next)
	})
}

// throttledMail runs send in a transaction unless the address ip asked too
// often (errs.TooMany); when the e-mail address itself had too many
// messages, it silently sends nothing, so that nobody's mailbox is flooded.
func (s *Service) throttledMail(ctx context.Context, email, ip string, send func(tx *sql.Tx) error) error {
	ipKey := throttle{key: "signup-ip:" + ip, max: s.cfg.Throttle.MaxSignUpsPerIP}
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
		emailKey := throttle{key: "signup-email:" + email, max: s.cfg.Throttle.MaxFailures}
		if wait, err := s.lockedFor(ctx, tx, emailKey); err != nil || wait > 0 {
			return err
		}
		if _, err := s.recordFailure(ctx, tx, emailKey); err != nil {
			return err
		}
		return send(tx)
	})
}

// insertVerificationSQL stores the hash of an address verification token.
const insertVerificationSQL = `INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at)
	VALUES ($1, $2, $3, $4)`

// sendVerifyLink e-mails the link that confirms the address, carrying next
// (in "suite") when it is a path on this site.
func (s *Service) sendVerifyLink(ctx context.Context, tx database.Querier, userID int64, email, ip, next string) error {
	token, now := newToken(), s.now()
	hash := hashToken(token)
	if _, err := tx.ExecContext(ctx, insertVerificationSQL, hash, userID, now, now.Add(s.cfg.VerifyTTL)); err != nil {
		return fmt.Errorf("store e-mail verification of user %d: %w", userID, err)
	}
	q := url.Values{"jeton": {token}}
	if next = LocalPath(next); next != "" {
		q.Set("suite", next)
	}
	link := s.cfg.BaseURL + VerifyPath + "?" + q.Encode()
	m := mail.Message{
		To:      email,
		Subject: "Confirmer votre adresse e-mail",
		Body: fmt.Sprintf(`Bonjour,

Un compte %s vient d'être créé avec cette adresse e-mail.

Si c'est vous, confirmez votre adresse en ouvrant ce lien :
%s

Le lien marche une seule fois, pendant %s.

Si vous n'avez pas créé ce compte, n'ouvrez pas le lien et ne faites rien : le compte sera supprimé.
`, s.cfg.Issuer, link, frenchDuration(s.cfg.VerifyTTL)),
	}
	if err := s.enqueueMail(ctx, tx, m, "email-verify:"+hash); err != nil {
		return fmt.Errorf("send verification e-mail: %w", err)
	}
	return s.Audit(ctx, tx, Event{Event: EventEmailVerifySent, UserID: userID, IP: ip})
}

// LocalPath returns next when it is a path on this site ("/demarches/…"),
// "" otherwise: anything that could send a person to another site
// ("//site.example", "https://…", a backslash, spaces or control characters
// that browsers drop) is refused, not cleaned. The pages check the same
// again before they redirect.
func LocalPath(next string) string {
	if len(next) > 1024 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return ""
	}
	for _, r := range next {
		if !unicode.IsPrint(r) || r == ' ' || r == '\\' {
			return ""
		}
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}

// sendSignUpNotice tells the owner of an address that someone tried to
// create an account with it.
func (s *Service) sendSignUpNotice(ctx context.Context, tx database.Querier, userID int64, email, ip string) error {
	m := mail.Message{
		To:      email,
		Subject: "Votre adresse a servi à créer un compte",
		Body: fmt.Sprintf(`Bonjour,

Quelqu'un a essayé de créer un compte avec votre adresse sur %s. Vous avez déjà un compte avec cette adresse : aucun autre compte n'a été créé.

Si c'était vous, connectez-vous :
%s/connexion

Si vous avez oublié votre mot de passe, choisissez-en un nouveau :
%s/mot-de-passe/oublie

Si ce n'était pas vous, ne faites rien : votre compte ne change pas.
`, s.cfg.Issuer, s.cfg.BaseURL, s.cfg.BaseURL),
	}
	if err := s.enqueueMail(ctx, tx, m, "sign-up-notice:"+hashToken(newToken())); err != nil {
		return fmt.Errorf("send sign-up notice: %w", err)
	}
	return s.Audit(ctx, tx, Event{Event: EventSignUpKnownAddress, UserID: userID, IP: ip})
}

// enqueueMail queues m for sending with the transaction, sealed: the
// e-mails of this package carry links that sign in or change a password,
// and addresses.
func (s *Service) enqueueMail(ctx context.Context, tx database.Querier, m mail.Message, key string) error {
	return mail.EnqueueSealed(ctx, tx, s.box, m, key)
}

// verificationSQL reads the user, expiry and use of an address verification token.
const verificationSQL = `SELECT user_id, expires_at, used_at FROM email_verifications WHERE token_hash = $1`

// useVerificationSQL spends an address verification token, once.
const useVerificationSQL = `UPDATE email_verifications SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL`

// verifyEmailSQL marks a user's address as verified.
const verifyEmailSQL = `UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL`

// VerifyEmail confirms an account's address with the token of the e-mailed
// link. The link works once and until it expires; it returns errs.Invalid
// otherwise.
func (s *Service) VerifyEmail(ctx context.Context, token string) error {
	hash := hashToken(token)
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var userID int64
		var expires time.Time
		var used sql.NullTime
		err := tx.QueryRowContext(ctx, verificationSQL, hash).
			Scan(&userID, &expires, &used)
		if database.IsNoRows(err) {
			return errVerifyLink
		}
		if err != nil {
			return fmt.Errorf("read e-mail verification: %w", err)
		}
		now := s.now()
		if used.Valid || !now.Before(expires) {
			return errVerifyLink
		}
		res, err := tx.ExecContext(ctx, useVerificationSQL, now, hash)
		if err != nil {
			return fmt.Errorf("use e-mail verification: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errVerifyLink
		}
		if _, err := tx.ExecContext(ctx, verifyEmailSQL,
			now, userID); err != nil {
			return fmt.Errorf("verify address of user %d: %w", userID, err)
		}
		return s.Audit(ctx, tx, Event{Event: EventEmailVerified, UserID: userID, ActorID: userID})
	})
}
