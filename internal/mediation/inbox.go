package mediation

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

// InboxMessage is a notification a structure received for a person it
// domiciles, as the person would have read it.
type InboxMessage struct {
	ID           int64
	OrgID        int64
	PersonUserID int64
	PersonName   string
	Kind         string
	Subject      string
	Body         string
	ReceivedAt   time.Time
}

// KindLabel is what kind of message it is, in French.
func (m InboxMessage) KindLabel() string {
	if info, ok := notify.InfoOf(notify.Kind(m.Kind)); ok {
		return info.Label
	}
	return "Message"
}

// templater words an event as the person's message would read;
// *notify.Service is one.
type templater interface {
	Template(ctx context.Context, orgID int64, kind notify.Kind, channel string) (notify.Template, error)
}

const keepInboxSQL = `INSERT INTO mediation_inbox (idempotency_key, org_id, person_user_id, person_name, kind, subject,
	body, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING`

// keep stores e in the structure's inbox for the domiciled person, in the
// caller's transaction when ctx carries one, worded by next's templates
// when it has them (the e-mail's subject and text), by its data otherwise.
func (s *Service) keep(ctx context.Context, next Notifier, d *Domiciliation, e notify.Event) error {
	subject, body := "", ""
	if t, ok := next.(templater); ok {
		tpl, err := t.Template(ctx, e.OrgID, e.Kind, notify.Email)
		if err != nil {
			return err
		}
		r, err := tpl.Render(e.Data)
		if err != nil {
			return fmt.Errorf("word %s for the inbox: %w", e.Kind, err)
		}
		subject, body = r.Subject, r.Body
	} else {
		info, _ := notify.InfoOf(e.Kind)
		subject = info.Label
		names := make([]string, 0, len(e.Data))
		for n := range e.Data {
			names = append(names, n)
		}
		slices.Sort(names)
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "%s : %s\n", n, e.Data[n])
		}
		body = b.String()
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, keepInboxSQL, e.IdempotencyKey, d.OrgID, d.PersonUserID, d.PersonName,
			string(e.Kind), subject, body, s.now())
		if err != nil {
			return fmt.Errorf("keep message in the structure's inbox: %w", err)
		}
		return nil
	})
}

const inboxColumns = `SELECT id, org_id, person_user_id, person_name, kind, subject, body, received_at FROM mediation_inbox`

func scanInbox(rows *sql.Rows) ([]InboxMessage, error) {
	defer rows.Close()
	var out []InboxMessage
	for rows.Next() {
		var m InboxMessage
		if err := rows.Scan(&m.ID, &m.OrgID, &m.PersonUserID, &m.PersonName, &m.Kind, &m.Subject, &m.Body,
			&m.ReceivedAt); err != nil {
			return nil, fmt.Errorf("scan inbox message: %w", err)
		}
		m.ReceivedAt = m.ReceivedAt.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

const inboxOfPersonSQL = inboxColumns + ` WHERE org_id = $1 AND person_user_id = $2 ORDER BY received_at DESC, id DESC LIMIT $3`

// InboxOf returns the newest messages the structure orgID received for the
// person personUserID. Another structure reads nothing of them.
func (s *Service) InboxOf(ctx context.Context, orgID, personUserID int64, limit int) ([]InboxMessage, error) {
	rows, err := s.db.QueryContext(ctx, inboxOfPersonSQL, orgID, personUserID, limit)
	if err != nil {
		return nil, fmt.Errorf("read inbox: %w", err)
	}
	return scanInbox(rows)
}

// InboxPerson is a person the structure receives messages for: someone it
// domiciles now, or did and still holds messages of.
type InboxPerson struct {
	PersonUserID int64
	PersonName   string
	Messages     int
	// Domiciled is true while the structure domiciles them.
	Domiciled bool
}

const (
	domiciledAtSQL = `SELECT person_user_id, person_name FROM mediation_domiciliations WHERE org_id = $1`
	inboxCountsSQL = `SELECT person_user_id, MAX(person_name), COUNT(*) FROM mediation_inbox WHERE org_id = $1
	GROUP BY person_user_id`
)

// InboxPeople returns the people the structure orgID domiciles or holds
// messages for, by name, with how many messages it received for each.
func (s *Service) InboxPeople(ctx context.Context, orgID int64) ([]InboxPerson, error) {
	byID := map[int64]*InboxPerson{}
	read := func(query string, domiciled bool) error {
		rows, err := s.db.QueryContext(ctx, query, orgID)
		if err != nil {
			return fmt.Errorf("read inbox people: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var p InboxPerson
			dest := []any{&p.PersonUserID, &p.PersonName}
			if !domiciled {
				dest = append(dest, &p.Messages)
			}
			if err := rows.Scan(dest...); err != nil {
				return fmt.Errorf("scan inbox person: %w", err)
			}
			if have, ok := byID[p.PersonUserID]; ok {
				have.Messages += p.Messages
				have.Domiciled = have.Domiciled || domiciled
				continue
			}
			p.Domiciled = domiciled
			byID[p.PersonUserID] = &p
		}
		return rows.Err()
	}
	if err := read(domiciledAtSQL, true); err != nil {
		return nil, err
	}
	if err := read(inboxCountsSQL, false); err != nil {
		return nil, err
	}
	out := make([]InboxPerson, 0, len(byID))
	for _, p := range byID {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b InboxPerson) int {
		if c := strings.Compare(a.PersonName, b.PersonName); c != 0 {
			return c
		}
		return int(a.PersonUserID - b.PersonUserID)
	})
	return out, nil
}

// InboxPersonOf returns the person personUserID as the structure's inbox
// knows them, errs.NotFound when the structure neither domiciles them nor
// holds messages of theirs: another structure's people are not found.
func (s *Service) InboxPersonOf(ctx context.Context, orgID, personUserID int64) (InboxPerson, error) {
	people, err := s.InboxPeople(ctx, orgID)
	if err != nil {
		return InboxPerson{}, err
	}
	for _, p := range people {
		if p.PersonUserID == personUserID {
			return p, nil
		}
	}
	return InboxPerson{}, errs.E(errs.NotFound, "La structure ne reçoit pas de messages pour cette personne.")
}
