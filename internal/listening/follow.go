package listening

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"guichet/internal/errs"
	"guichet/internal/mail"
)

// Followers of an action are told of each change of its status. One who
// gave their e-mail without an account counts only once they open the link
// of the e-mail that asks them to confirm it (double opt-in), so that no
// one is written to on someone else's say-so; every e-mail carries the
// link that stops them.

// ConfirmWithin is how long the link that confirms a follower works.
const ConfirmWithin = 7 * 24 * time.Hour

const (
	followerSQL = `SELECT confirmed_at FROM listening_action_followers WHERE action_id = $1 AND email_hash = $2`
	// insertFollowerSQL: $5 is NULL until confirmed.
	insertFollowerSQL = `INSERT INTO listening_action_followers (action_id, email_hash, email_sealed, created_at, confirmed_at,
	token_hash, token_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7)`
	renewFollowerSQL = `UPDATE listening_action_followers SET token_hash = $1, token_sealed = $2, created_at = $3,
	confirmed_at = $4 WHERE action_id = $5 AND email_hash = $6`
)

// newToken returns a follower's secret and the hash that finds it.
func newToken() (token, hash string) {
	var b [32]byte
	rand.Read(b[:])
	token = hex.EncodeToString(b[:])
	return token, tokenHash(token)
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte("guichet listening follower token\x00" + token))
	return hex.EncodeToString(sum[:])
}

func emailHash(email string) string {
	mac := hmac.New(sha256.New, []byte("guichet listening follower"))
	mac.Write([]byte(email))
	return hex.EncodeToString(mac.Sum(nil))
}

// follow makes email a follower of action id. With no invitation it is
// confirmed at once (an agent's account e-mail); with one, it waits for
// its confirmation, and the invitation goes with the link that confirms.
// A confirmed follower stays as they are; a waiting one gets a new link.
func (s *Service) follow(ctx context.Context, tx *sql.Tx, id int64, title, email, invitation string, now time.Time) error {
	if s.box == nil {
		return errors.New("listening: no key to keep a follower's e-mail")
	}
	email = strings.ToLower(strings.TrimSpace(email))
	hash := emailHash(email)
	var confirmedAt sql.NullTime
	err := tx.QueryRowContext(ctx, followerSQL, id, hash).Scan(&confirmedAt)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read follower: %w", err)
	}
	if confirmedAt.Valid {
		return nil
	}
	token, th := newToken()
	confirmed := sql.NullTime{Time: now, Valid: invitation == ""}
	if exists {
		_, err = tx.ExecContext(ctx, renewFollowerSQL, th, s.box.Seal([]byte(token)), now, confirmed, id, hash)
	} else {
		_, err = tx.ExecContext(ctx, insertFollowerSQL, id, hash, s.box.Seal([]byte(email)), now, confirmed, th, s.box.Seal([]byte(token)))
	}
	if err != nil {
		return fmt.Errorf("follow action: %w", err)
	}
	if confirmed.Valid {
		return nil
	}
	body := "Bonjour,\n\n" + invitation + "\n\nPour recevoir un e-mail à chaque changement de son état, confirmez votre adresse en ouvrant ce lien (il marche 7 jours) :\n" +
		s.followLink(token, "confirmer") + "\n\nSi vous n'avez rien demandé, ne faites rien : vous ne recevrez pas d'autre e-mail.\n" +
		"\nVoir l'action : " + s.baseURL + fmt.Sprintf("/actions/%d", id) + "\n" + s.stopLine(token)
	m := mail.Message{To: email, Subject: "Confirmez votre adresse pour suivre l'action « " + title + " »", Body: body}
	return s.send(ctx, tx, m, fmt.Sprintf("listening-follow:%d:%s", id, th[:32]))
}

func (s *Service) followLink(token, what string) string {
	return s.baseURL + "/actions/suivi/" + token + "/" + what
}

// stopLine ends every e-mail to a follower.
func (s *Service) stopLine(token string) string {
	return "\nPour ne plus recevoir d'e-mail sur cette action : " + s.followLink(token, "arreter") + "\n"
}

const actionExistsSQL = `SELECT title FROM listening_actions WHERE id = $1`

// Follow asks to follow an action by e-mail (public, without an account):
// an e-mail goes to the address with the link that confirms it. One client
// address may ask PerHour times an hour. Whether the address already
// follows is never told.
func (s *Service) Follow(ctx context.Context, id int64, email, clientAddr string) error {
	st := Story{Title: "x", Body: strings.Repeat("x", 20), Email: email}
	if p := st.validate(); len(p) > 0 || strings.TrimSpace(email) == "" {
		return errs.InvalidFields("L'adresse e-mail n'est pas valide.", []errs.FieldError{{Field: "email",
			Message: "Écrivez votre adresse e-mail sous la forme marie.dupont@exemple.fr."}})
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var title string
		if err := tx.QueryRowContext(ctx, actionExistsSQL, id).Scan(&title); errors.Is(err, sql.ErrNoRows) {
			return errNoAction
		} else if err != nil {
			return err
		}
		now := s.now()
		ok, err := s.admit(ctx, tx, addrHash("follow\x00"+clientAddr), now)
		if err != nil {
			return err
		}
		if !ok {
			return errs.E(errs.TooMany, "Vous avez déjà demandé à suivre 5 actions dans l'heure. Revenez dans une heure.")
		}
		return s.follow(ctx, tx, id, title, email, "Vous avez demandé à suivre l'action « "+title+" ».", now)
	})
}

// Following is a follower as the link of their e-mails finds them.
type Following struct {
	ActionID    int64
	ActionTitle string
	Confirmed   bool
}

const followingSQL = `SELECT f.action_id, a.title, f.confirmed_at, f.created_at FROM listening_action_followers f
	JOIN listening_actions a ON a.id = f.action_id WHERE f.token_hash = $1`

var errNoFollowing = errs.E(errs.NotFound, "Ce lien ne marche plus : vous ne suivez peut-être plus cette action, ou le lien a plus de 7 jours. Demandez à nouveau à la suivre depuis sa page.")

// FollowingByToken finds the follower of a link; a link to confirm older
// than ConfirmWithin no longer works.
func (s *Service) FollowingByToken(ctx context.Context, token string) (Following, error) {
	return s.following(ctx, s.db, token)
}

func (s *Service) following(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, token string) (Following, error) {
	var f Following
	var confirmed sql.NullTime
	var created time.Time
	if token == "" || len(token) > 100 {
		return f, errNoFollowing
	}
	err := q.QueryRowContext(ctx, followingSQL, tokenHash(token)).Scan(&f.ActionID, &f.ActionTitle, &confirmed, &created)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !confirmed.Valid && s.now().Sub(created) > ConfirmWithin) {
		return f, errNoFollowing
	}
	if err != nil {
		return f, fmt.Errorf("read follower: %w", err)
	}
	f.Confirmed = confirmed.Valid
	return f, nil
}

const (
	confirmFollowingSQL = `UPDATE listening_action_followers SET confirmed_at = $1 WHERE token_hash = $2 AND confirmed_at IS NULL`
	stopFollowingSQL    = `DELETE FROM listening_action_followers WHERE token_hash = $1`
)

// ConfirmFollowing confirms the follower of a link: from now on they are
// told of each change. Confirming twice changes nothing.
func (s *Service) ConfirmFollowing(ctx context.Context, token string) (Following, error) {
	var f Following
	err := s.db.Transact(ctx, func(tx *sql.Tx) (err error) {
		if f, err = s.following(ctx, tx, token); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, confirmFollowingSQL, s.now(), tokenHash(token)); err != nil {
			return fmt.Errorf("confirm follower: %w", err)
		}
		f.Confirmed = true
		return nil
	})
	return f, err
}

// StopFollowing forgets the follower of a link, and their e-mail with it.
func (s *Service) StopFollowing(ctx context.Context, token string) (Following, error) {
	var f Following
	err := s.db.Transact(ctx, func(tx *sql.Tx) (err error) {
		if f, err = s.following(ctx, tx, token); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, stopFollowingSQL, tokenHash(token)); err != nil {
			return fmt.Errorf("stop following: %w", err)
		}
		f.Confirmed = false
		return nil
	})
	return f, err
}

const (
	followersSQL = `SELECT email_hash, email_sealed, token_sealed FROM listening_action_followers
	WHERE action_id = $1 AND confirmed_at IS NOT NULL ORDER BY email_hash`
	// setTokenSQL gives a token to a follower from before tokens existed.
	setTokenSQL = `UPDATE listening_action_followers SET token_hash = $1, token_sealed = $2 WHERE action_id = $3 AND email_hash = $4`
)

// tellFollowers writes the change of an action's status to its confirmed
// followers, in tx, each e-mail with its link to stop.
func (s *Service) tellFollowers(ctx context.Context, tx *sql.Tx, id int64, title, slug string, status ActionStatus, reason string, now time.Time) error {
	rows, err := tx.QueryContext(ctx, followersSQL, id)
	if err != nil {
		return fmt.Errorf("list followers: %w", err)
	}
	type follower struct{ hash, sealed, token string }
	var all []follower
	for rows.Next() {
		var f follower
		if err := rows.Scan(&f.hash, &f.sealed, &f.token); err != nil {
			rows.Close()
			return fmt.Errorf("list followers: %w", err)
		}
		all = append(all, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list followers: %w", err)
	}
	body := "Bonjour,\n\nL'action « " + title + " » que vous suivez est maintenant : " + status.Label() + ".\n"
	if reason != "" {
		body += "\nRaison : " + reason + "\n"
	}
	body += "\nSuivre son avancement : " + s.baseURL + "/actions/" + fmt.Sprint(id) + "\n"
	for _, f := range all {
		to, err := s.box.Open(f.sealed)
		if err != nil {
			return fmt.Errorf("open follower e-mail: %w", err)
		}
		var token string
		if f.token == "" {
			var th string
			token, th = newToken()
			if _, err := tx.ExecContext(ctx, setTokenSQL, th, s.box.Seal([]byte(token)), id, f.hash); err != nil {
				return fmt.Errorf("give follower a link: %w", err)
			}
		} else {
			plain, err := s.box.Open(f.token)
			if err != nil {
				return fmt.Errorf("open follower link: %w", err)
			}
			token = string(plain)
		}
		m := mail.Message{To: string(to), Subject: "Une action que vous suivez a changé : " + status.Label(), Body: body + s.stopLine(token)}
		if err := s.send(ctx, tx, m, fmt.Sprintf("listening-action:%d:%s:%s:%d", id, status, f.hash[:16], now.UnixMicro())); err != nil {
			return err
		}
	}
	return nil
}
