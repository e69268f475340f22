package catalogue

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

// maxKeptResults bounds the "Mes droits" results one person keeps: enough to compare a few
// situations, few enough that the list stays readable.
const maxKeptResults = 20

// KeptResult is a "Mes droits" questionnaire a signed-in person chose to keep.
type KeptResult struct {
	ID        int64
	Answers   eligibility.Answers
	CreatedAt time.Time
}

const (
	countKeptSQL  = `SELECT COUNT(*) FROM saved_simulations WHERE user_id = $1`
	insertKeptSQL = `INSERT INTO saved_simulations (user_id, answers, created_at) VALUES ($1, $2, $3) RETURNING id`
	selectKeptSQL = `SELECT id, answers, created_at FROM saved_simulations WHERE user_id = $1 ORDER BY created_at DESC, id DESC`
	deleteKeptSQL = `DELETE FROM saved_simulations WHERE id = $1 AND user_id = $2`
)

// KeepResult stores the answers of the person userID, sealed because they tell about health
// and income, and returns the new result's id. It returns errs.Conflict when the person
// already keeps the most results allowed, or when the instance has no key to seal them.
func (s *Service) KeepResult(ctx context.Context, userID int64, a eligibility.Answers) (int64, error) {
	if s.box == nil {
		return 0, errs.E(errs.Conflict, "Garder un résultat n'est pas possible sur ce service pour le moment.")
	}
	sealed := s.box.Seal([]byte(a.Encode().Encode()))
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, countKeptSQL, userID).Scan(&n); err != nil {
			return fmt.Errorf("count kept results: %w", err)
		}
		if n >= maxKeptResults {
			return errs.Errorf(errs.Conflict, "Vous gardez déjà %d résultats. Supprimez-en un avant d'en garder un autre.", maxKeptResults)
		}
		if err := tx.QueryRowContext(ctx, insertKeptSQL, userID, sealed, s.now()).Scan(&id); err != nil {
			return fmt.Errorf("keep result: %w", err)
		}
		return nil
	})
	return id, err
}

// KeptResults returns the results the person userID kept, newest first. A result that can no
// longer be opened (the instance key changed) is left out.
func (s *Service) KeptResults(ctx context.Context, userID int64) ([]KeptResult, error) {
	if s.box == nil {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, selectKeptSQL, userID)
	if err != nil {
		return nil, fmt.Errorf("list kept results: %w", err)
	}
	defer rows.Close()
	var out []KeptResult
	for rows.Next() {
		var k KeptResult
		var sealed string
		if err := rows.Scan(&k.ID, &sealed, &k.CreatedAt); err != nil {
			return nil, fmt.Errorf("list kept results: %w", err)
		}
		plain, err := s.box.Open(sealed)
		if err != nil {
			continue
		}
		form, err := url.ParseQuery(string(plain))
		if err != nil {
			continue
		}
		k.Answers, _ = eligibility.ParseAnswers(form)
		k.CreatedAt = k.CreatedAt.UTC()
		out = append(out, k)
	}
	return out, rows.Err()
}

// ForgetResult deletes a result the person userID kept. It returns errs.NotFound when the
// person has no such result.
func (s *Service) ForgetResult(ctx context.Context, userID, id int64) error {
	res, err := s.db.ExecContext(ctx, deleteKeptSQL, id, userID)
	if err != nil {
		return fmt.Errorf("forget kept result: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errs.E(errs.NotFound, "Ce résultat n'existe pas ou a déjà été supprimé.")
	}
	return nil
}

// SealAnswers seals the answers of a questionnaire still under way, so that the pages can keep
// them between questions without writing them in page addresses. It returns errs.Conflict when
// the instance has no key to seal them.
func (s *Service) SealAnswers(a eligibility.Answers) (string, error) {
	if s.box == nil {
		return "", errs.E(errs.Conflict, "Le questionnaire n'est pas disponible sur ce service pour le moment.")
	}
	return s.box.Seal([]byte(a.Encode().Encode())), nil
}

// OpenAnswers opens answers sealed by SealAnswers. It returns errs.Invalid when they cannot be
// opened (another key, or text changed on the way).
func (s *Service) OpenAnswers(sealed string) (eligibility.Answers, error) {
	if s.box == nil {
		return eligibility.Answers{}, errs.E(errs.Invalid, "Vos réponses n'ont pas pu être relues.")
	}
	plain, err := s.box.Open(sealed)
	if err != nil {
		return eligibility.Answers{}, errs.E(errs.Invalid, "Vos réponses n'ont pas pu être relues.")
	}
	form, err := url.ParseQuery(string(plain))
	if err != nil {
		return eligibility.Answers{}, errs.E(errs.Invalid, "Vos réponses n'ont pas pu être relues.")
	}
	a, _ := eligibility.ParseAnswers(form)
	return a, nil
}
