package identity

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// errWrongCredentials never says which of the address or the password is
// wrong, so that nobody learns which addresses have an account.
var errWrongCredentials = errs.E(errs.Invalid,
	"L'adresse e-mail ou le mot de passe ne sont pas bons. Vérifiez-les et réessayez.")

// Authenticate checks an address and password typed at sign-in from ip, in
// a browser that is not known to be the owner's: see AuthenticateOnDevice.
func (s *Service) Authenticate(ctx context.Context, email, password, ip string) (*User, error) {
	return s.AuthenticateOnDevice(ctx, email, password, ip, "")
}

// AuthenticateOnDevice checks an address and password typed at sign-in
// from ip, in a browser that sent device (a DeviceToken, or ""). It returns
// the user, or errs.Invalid when the pair is wrong, or errs.TooMany (saying
// how long to wait) when failures call for a delay: a delayed attempt's
// password is not even checked. Failures slow an attacker down without
// locking the owner out: from an unknown browser they delay the account
// and the address ip, each delay longer than the last; the owner's usual
// browser (a valid device token of the account) is exempt from both and
// only delayed by its own failures. Success forgets the failures of the
// first key checked (the account, or the known device), never those of the
// address. The right password of
// an account whose address is not verified yet gives errUnverified (see
// IsUnverified).
func (s *Service) AuthenticateOnDevice(ctx context.Context, email, password, ip, device string) (*User, error) {
	email = normaliseEmail(email)
	acct, err := s.credentials(ctx, email)
	if err != nil {
		return nil, err
	}
	keys := s.signInThrottles(email, ip)
	if s.knownDevice(device, acct.id) {
		keys = []throttle{{key: "device:" + hashToken(device), max: s.cfg.Throttle.MaxFailures}}
	}
	wait, err := s.lockedFor(ctx, s.db, keys...)
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		if err := s.Audit(ctx, s.db, Event{Event: EventSignInThrottled, UserID: acct.id, IP: ip}); err != nil {
			return nil, err
		}
		return nil, tooMany(wait)
	}
	ok, err := s.checkPassword(acct, password)
	if err != nil {
		return nil, err
	}
	if ok && !acct.verified {
		// The right password, but the address was never proved: the
		// account cannot be used yet. Only the holder of the password
		// learns this.
		return nil, errUnverified
	}
	if ok {
		err := s.db.Transact(ctx, func(tx *sql.Tx) error {
			// The owner's success on their usual browser does not lift the
			// delay that the attacker's failures put on other browsers.
			if err := clearThrottle(ctx, tx, keys[0].key); err != nil {
				return err
			}
			return s.Audit(ctx, tx, Event{Event: EventSignIn, UserID: acct.id, IP: ip, Detail: "password"})
		})
		if err != nil {
			return nil, err
		}
		return s.UserByID(ctx, acct.id)
	}
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		if wait, err = s.recordFailure(ctx, tx, keys...); err != nil {
			return err
		}
		return s.Audit(ctx, tx, Event{Event: EventSignInFailed, UserID: acct.id, IP: ip})
	})
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		return nil, tooMany(wait)
	}
	return nil, errWrongCredentials
}

// signInThrottles are the account key first, then the address key when ip
// is known.
func (s *Service) signInThrottles(email, ip string) []throttle {
	keys := []throttle{{key: "email:" + email, max: s.cfg.Throttle.MaxFailures}}
	if ip != "" {
		keys = append(keys, throttle{key: "ip:" + ip, max: s.cfg.Throttle.MaxFailuresPerIP})
	}
	return keys
}

// credentials is what sign-in needs of an account; id is 0 when there is
// no account with that address.
type credentials struct {
	id       int64
	hash     string
	disabled bool
	verified bool // the owner proved the address
}

// credentialsSQL reads what sign-in checks about the account of an address.
const credentialsSQL = `SELECT id, password_hash, disabled_at IS NOT NULL, email_verified_at IS NOT NULL FROM users WHERE email = $1`

func (s *Service) credentials(ctx context.Context, email string) (credentials, error) {
	var c credentials
	var hash sql.NullString
	err := s.db.QueryRowContext(ctx, credentialsSQL, email).
		Scan(&c.id, &hash, &c.disabled, &c.verified)
	if database.IsNoRows(err) {
		return credentials{}, nil
	}
	if err != nil {
		return c, fmt.Errorf("read credentials: %w", err)
	}
	c.hash = hash.String
	return c, nil
}

// checkPassword verifies password against the account, hashing a dummy
// when there is nothing to verify so that the answer takes as long.
func (s *Service) checkPassword(c credentials, password string) (bool, error) {
	if c.id == 0 || c.hash == "" || c.disabled {
		if _, err := VerifyPassword(s.dummy(), password); err != nil {
			return false, err
		}
		return false, nil
	}
	return VerifyPassword(c.hash, password)
}

func (s *Service) dummy() string {
	s.dummyOnce.Do(func() { s.dummyHash, _ = HashPassword(newToken()) })
	return s.dummyHash
}
