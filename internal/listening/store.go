package listening

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// PerHour is how many answers one client address may send in an hour, as
// the national questionnaire allows.
const PerHour = 5

// ErrTooMany refuses a sixth answer from one address within the hour.
var ErrTooMany = errs.E(errs.TooMany, "Merci, nous avons déjà reçu 5 avis depuis votre connexion dans la dernière heure. "+
	"Ils sont bien enregistrés. Pour donner un autre avis, revenez dans une heure.")

// Entry says who entered an answer for someone else: the agent typing a
// paper form, or the API token of a batch. The zero Entry is an answer a
// person gave online themselves.
type Entry struct {
	AgentID int64
	TokenID int64
}

// Give stores a person's own online answer, unless the address they send
// from already gave PerHour answers in the last hour (ErrTooMany). The
// count lives in the database, so it holds across every node; the address
// is kept only as a hash, apart from the answer, and for an hour.
func (s *Service) Give(ctx context.Context, a Answer, orgID int64, clientAddr string) (int64, error) {
	a.Channel = ChannelOnline
	now := s.now()
	if problems := a.validate(now); len(problems) > 0 {
		return 0, errs.InvalidFields("Votre avis n'est pas complet.", problems)
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		ok, err := s.admit(ctx, tx, addrHash(clientAddr), now)
		if err != nil || !ok {
			return err
		}
		id, err = s.insert(ctx, tx, a, orgID, Entry{}, now)
		return err
	})
	if err == nil && id == 0 {
		return 0, ErrTooMany
	}
	return id, err
}

// Enter stores an answer an agent entered from paper, a phone call or the
// counter, keeping its channel.
func (s *Service) Enter(ctx context.Context, a Answer, orgID int64, by Entry) (int64, error) {
	if a.Channel == ChannelOnline {
		a.Channel = ""
	}
	now := s.now()
	if problems := a.validate(now); len(problems) > 0 {
		return 0, errs.InvalidFields("La réponse n'est pas complète.", problems)
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, a, orgID, by, now)
		return err
	})
	return id, err
}

const (
	pruneLimitsSQL = `DELETE FROM listening_limits WHERE at <= $1`
	countLimitsSQL = `SELECT COUNT(*) FROM listening_limits WHERE addr_hash = $1 AND at > $2`
	insertLimitSQL = `INSERT INTO listening_limits (addr_hash, at) VALUES ($1, $2)`
	// lockLimitSQL is PostgreSQL only (see admit).
	lockLimitSQL = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`
)

// admit counts the answers of an address in the last hour and, when it may
// send one more, records this one. Old rows are pruned on the way, so no
// address is kept past the hour.
func (s *Service) admit(ctx context.Context, tx *sql.Tx, addr string, now time.Time) (bool, error) {
	since := now.Add(-time.Hour)
	// On PostgreSQL, answers from one address wait for each other here, so
	// that two nodes counting at once cannot both admit a sixth. SQLite has
	// a single writer: its transactions never overlap.
	if s.db.Dialect == database.Postgres {
		if _, err := tx.ExecContext(ctx, lockLimitSQL, addr); err != nil {
			return false, fmt.Errorf("lock feedback limit: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, pruneLimitsSQL, since); err != nil {
		return false, fmt.Errorf("prune feedback limits: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, countLimitsSQL, addr, since).Scan(&n); err != nil {
		return false, fmt.Errorf("count feedback limits: %w", err)
	}
	if n >= PerHour {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, insertLimitSQL, addr, now); err != nil {
		return false, fmt.Errorf("record feedback limit: %w", err)
	}
	return true, nil
}

// addrHash is what the limit keeps of a client address.
func addrHash(addr string) string {
	sum := sha256.Sum256([]byte("guichet listening limit\x00" + addr))
	return hex.EncodeToString(sum[:])
}

// feedbackColumns are the columns of an answer, in the order of feedbackValues.
const feedbackColumns = `procedure_slug, org_id, overall_score, clarity, clarity_score, no_help, help_reached,
	help_quality_score, comment, channel, answered_at, created_at, entered_by, token_id`

// numFeedbackColumns is how many columns feedbackColumns names.
const numFeedbackColumns = 14

const (
	insertFeedbackSQL = `INSERT INTO listening_feedback (` + feedbackColumns + `)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`
	insertHelpSQL = `INSERT INTO listening_feedback_help (feedback_id, help, reached, quality) VALUES ($1, $2, $3, $4)`
)

// insert stores a valid answer with its helps.
func (s *Service) insert(ctx context.Context, tx *sql.Tx, a Answer, orgID int64, by Entry, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, insertFeedbackSQL, feedbackValues(nil, a, orgID, by, now)...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert feedback: %w", err)
	}
	for _, h := range a.Helps {
		if h.Help == HelpNone {
			continue
		}
		if _, err := tx.ExecContext(ctx, insertHelpSQL, helpValues(nil, id, h)...); err != nil {
			return 0, fmt.Errorf("insert feedback help: %w", err)
		}
	}
	return id, nil
}

// feedbackValues appends to args the values of feedbackColumns for a valid
// answer; the comment is masked here, so that no path stores one unmasked.
func feedbackValues(args []any, a Answer, orgID int64, by Entry, now time.Time) []any {
	overall, _ := a.Overall.Score()
	at := a.AnsweredAt
	if at.IsZero() {
		at = now
	}
	reached, quality := a.helpSummary()
	return append(args, a.Procedure, nullID(orgID), overall, a.Clarity, ClarityScore(a.Clarity), a.NoHelp(), reached,
		quality, MaskPersonalData(a.Comment), string(a.Channel), at.UTC().Truncate(time.Microsecond), now,
		nullID(by.AgentID), nullID(by.TokenID))
}

// helpValues appends to args the values of a row of listening_feedback_help.
func helpValues(args []any, feedbackID int64, h HelpAnswer) []any {
	return append(args, feedbackID, string(h.Help), h.Reached, sql.NullInt64{Int64: int64(h.Quality), Valid: h.Quality > 0})
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
