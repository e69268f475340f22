package identity

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/errs"
)

// IdempotencyKept is how long the first answer to a write sent with an
// Idempotency-Key is kept: the same key sent again within it gets that
// answer back, and nothing is done twice.
const IdempotencyKept = 24 * time.Hour

// MaxIdempotencyKey is the longest key taken, in bytes.
const MaxIdempotencyKey = 255

// IdempotencyKey names one write of one token: the client's key, and the
// fingerprint of the request (method, path, body's hash) that first came
// with it.
type IdempotencyKey struct {
	TokenID     int64
	Key         string
	Fingerprint string
}

// IdempotentAnswer is an answer kept for a key: its HTTP status and body.
type IdempotentAnswer struct {
	Status int
	Body   []byte
}

var errKeyReused = errs.E(errs.Invalid, "Cette clé Idempotency-Key a déjà servi, pour une autre demande de ce jeton. "+
	"Donnez une clé nouvelle à chaque écriture différente (un UUID, par exemple), et la même clé seulement pour la renvoyer à l'identique.")

// checkKey refuses a key that is empty, too long or not printable ASCII.
func checkKey(k string) error {
	if k == "" || len(k) > MaxIdempotencyKey {
		return errs.E(errs.Invalid, "L'en-tête Idempotency-Key doit compter de 1 à 255 caractères, par exemple un UUID.")
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return errs.E(errs.Invalid, "L'en-tête Idempotency-Key ne prend que des lettres, chiffres et signes ASCII, sans espace, par exemple un UUID.")
		}
	}
	return nil
}

const dropExpiredKeySQL = `DELETE FROM api_idempotency WHERE token_id = $1 AND key = $2 AND created_at <= $3`

const claimKeySQL = `INSERT INTO api_idempotency (token_id, key, fingerprint, status, body, created_at)
VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (token_id, key) DO NOTHING`

const keptAnswerSQL = `SELECT fingerprint, status, body FROM api_idempotency WHERE token_id = $1 AND key = $2`

const keepAnswerSQL = `UPDATE api_idempotency SET status = $3, body = $4 WHERE token_id = $1 AND key = $2`

// Idempotent runs fn, a write of token k.TokenID, once for k.Key: it
// claims the key, runs fn in the same transaction and keeps fn's answer
// with it, so that the write and its answer commit together. The same key
// sent again returns the kept answer with replayed true, without running
// fn; on PostgreSQL a twin sent at the same moment waits for the first
// one's commit and gets its answer. The key with another request is
// refused (Invalid). When fn fails, nothing is kept: see Remember.
func (s *Service) Idempotent(ctx context.Context, k IdempotencyKey, fn func(ctx context.Context) (IdempotentAnswer, error)) (ans IdempotentAnswer, replayed bool, err error) {
	if err := checkKey(k.Key); err != nil {
		return ans, false, err
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := s.now()
		if _, err := tx.ExecContext(ctx, dropExpiredKeySQL, k.TokenID, k.Key, now.Add(-IdempotencyKept)); err != nil {
			return fmt.Errorf("idempotency key: %w", err)
		}
		res, err := tx.ExecContext(ctx, claimKeySQL, k.TokenID, k.Key, k.Fingerprint, now)
		if err != nil {
			return fmt.Errorf("idempotency key: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			ans, err = s.keptAnswer(ctx, tx, k)
			replayed = err == nil
			return err
		}
		if ans, err = fn(ctx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, keepAnswerSQL, k.TokenID, k.Key, ans.Status, string(ans.Body)); err != nil {
			return fmt.Errorf("idempotency key: %w", err)
		}
		return nil
	})
	return ans, replayed, err
}

// keptAnswer reads the answer kept for k, refusing a key reused for
// another request.
func (s *Service) keptAnswer(ctx context.Context, tx *sql.Tx, k IdempotencyKey) (IdempotentAnswer, error) {
	var fp, body string
	var ans IdempotentAnswer
	if err := tx.QueryRowContext(ctx, keptAnswerSQL, k.TokenID, k.Key).Scan(&fp, &ans.Status, &body); err != nil {
		return ans, fmt.Errorf("idempotency key: %w", err)
	}
	if fp != k.Fingerprint {
		return ans, errKeyReused
	}
	if ans.Status == 0 {
		return ans, errs.E(errs.Conflict, "Une demande avec cette clé Idempotency-Key est en cours : renvoyez-la dans un instant.")
	}
	ans.Body = []byte(body)
	return ans, nil
}

const rememberAnswerSQL = `INSERT INTO api_idempotency (token_id, key, fingerprint, status, body, created_at)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (token_id, key) DO NOTHING`

// Remember keeps ans, the refusal of a write that changed nothing (a
// state that does not allow it, a bad field), for k: the same key sent
// again gets the same refusal rather than a second try.
func (s *Service) Remember(ctx context.Context, k IdempotencyKey, ans IdempotentAnswer) error {
	if checkKey(k.Key) != nil {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, rememberAnswerSQL, k.TokenID, k.Key, k.Fingerprint, ans.Status, string(ans.Body), s.now()); err != nil {
		return fmt.Errorf("idempotency key: %w", err)
	}
	return nil
}
