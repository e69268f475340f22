package identity

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Recovery codes look like "k7m2-9xqp": eight characters from an alphabet
// without the look-alikes 0/o, 1/l/i, about 40 bits each.
const (
	recoveryCount    = 10
	recoveryLen      = 8
	recoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"
)

// newRecoveryCodes returns fresh codes to show the person once.
func newRecoveryCodes() []string {
	codes := make([]string, recoveryCount)
	for i := range codes {
		var b strings.Builder
		for b.Len() < recoveryLen+1 {
			if b.Len() == recoveryLen/2 {
				b.WriteByte('-')
			}
			b.WriteByte(recoveryAlphabet[randomIndex(len(recoveryAlphabet))])
		}
		codes[i] = b.String()
	}
	return codes
}

// randomIndex returns a uniform random number below n (n ≤ 256), dropping
// the bytes that would favour small values.
func randomIndex(n int) int {
	limit := 256 - 256%n
	var b [1]byte
	for {
		rand.Read(b[:])
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// normaliseRecoveryCode accepts capitals, spaces and a missing hyphen.
func normaliseRecoveryCode(code string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(code))
}

// hashRecoveryCode hashes a normalised code with a light argon2id salted by
// the user id: deterministic, so the code is found by its hash, yet too
// slow to try all 2^40 codes of a stolen table.
func hashRecoveryCode(userID int64, code string) string {
	salt := []byte("guichet recovery code " + strconv.FormatInt(userID, 10))
	return hex.EncodeToString(argon2.IDKey([]byte(code), salt, 1, 4*1024, 1, 32))
}

// deleteRecoveryCodesSQL forgets all the recovery codes of a user.
const deleteRecoveryCodesSQL = `DELETE FROM recovery_codes WHERE user_id = $1`

// insertRecoveryCodeSQL stores the hash of one recovery code.
const insertRecoveryCodeSQL = `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`

// storeRecoveryCodes replaces the codes of user userID by codes.
func storeRecoveryCodes(ctx context.Context, tx database.Querier, userID int64, codes []string) error {
	if _, err := tx.ExecContext(ctx, deleteRecoveryCodesSQL, userID); err != nil {
		return fmt.Errorf("replace recovery codes of user %d: %w", userID, err)
	}
	for _, c := range codes {
		if _, err := tx.ExecContext(ctx, insertRecoveryCodeSQL,
			userID, hashRecoveryCode(userID, normaliseRecoveryCode(c))); err != nil {
			return fmt.Errorf("store recovery code of user %d: %w", userID, err)
		}
	}
	return nil
}

// useRecoveryCodeSQL spends a recovery code, once.
const useRecoveryCodeSQL = `UPDATE recovery_codes SET used_at = $1
	WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`

// UseRecoveryCode accepts one of user userID's recovery codes in place of a
// TOTP code, once. Wrong codes are throttled with TOTP codes. It returns
// errs.Invalid for a wrong or used code and errs.TooMany when locked. On
// success call MarkSecondFactor.
func (s *Service) UseRecoveryCode(ctx context.Context, userID int64, code string) error {
	th := s.totpThrottle(userID)
	if _, err := s.checkTOTPThrottle(ctx, userID, th); err != nil {
		return err
	}
	code = normaliseRecoveryCode(code)
	var used bool
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, useRecoveryCodeSQL, s.now(), userID, hashRecoveryCode(userID, code))
		if err != nil {
			return fmt.Errorf("use recovery code of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		used = true
		left, err := recoveryCodesLeft(ctx, tx, userID)
		if err != nil {
			return err
		}
		if err := clearThrottle(ctx, tx, th.key); err != nil {
			return err
		}
		return s.Audit(ctx, tx, Event{Event: EventRecoveryCodeUsed, UserID: userID, ActorID: userID,
			Detail: fmt.Sprintf("codes restants : %d", left)})
	})
	if err != nil {
		return err
	}
	if !used {
		err := s.totpFailure(ctx, userID, th, false, "code de secours")
		if errs.Is(err, errs.Invalid) {
			return errs.E(errs.Invalid, "Ce code de secours n'est pas bon ou a déjà servi. Vérifiez-le et réessayez.")
		}
		return err
	}
	return nil
}

// RecoveryCodesLeft returns how many unused recovery codes user userID has,
// so that a page can suggest making new ones when few are left.
func (s *Service) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	return recoveryCodesLeft(ctx, s.db, userID)
}

// recoveryCodesLeftSQL counts the recovery codes a user has not spent.
const recoveryCodesLeftSQL = `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`

func recoveryCodesLeft(ctx context.Context, q database.Querier, userID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, recoveryCodesLeftSQL, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count recovery codes of user %d: %w", userID, err)
	}
	return n, nil
}
