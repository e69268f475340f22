package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/errs"
	"guichet/internal/notify"
	"guichet/internal/webhooks"
)

// MaxMessage bounds the length of a message, in characters.
const MaxMessage = 5000

// Message is a message on a dossier, from its person or its administration.
type Message struct {
	ID        int64
	At        time.Time
	AuthorID  int64
	FromStaff bool
	Body      string
	Files     []File
}

const insertMessageSQL = `INSERT INTO dossier_messages (dossier_id, at, author_id, from_staff, body)
VALUES ($1, $2, $3, $4, $5) RETURNING id`

// PostMessage writes a message of the person on their sent dossier, with
// its attachments, and its timeline entry, in one transaction.
func (s *Service) PostMessage(ctx context.Context, userID, id int64, body string, files []Upload) (*Message, error) {
	return s.post(ctx, id, Agent{UserID: userID}, false, func(d *Dossier) error {
		if d.UserID != userID {
			return errNotFound
		}
		if d.State == Draft {
			return errs.E(errs.Conflict, "Envoyez d'abord votre dossier : vous pourrez ensuite écrire à l'administration.")
		}
		return nil
	}, body, files)
}

// PostStaffMessage writes a message of an agent of the administration in
// charge to the person.
func (s *Service) PostStaffMessage(ctx context.Context, ag Agent, id int64, body string, files []Upload) (*Message, error) {
	return s.post(ctx, id, ag, true, func(d *Dossier) error {
		if d.OrgID != ag.OrgID || d.State == Draft {
			return errNotFound
		}
		return nil
	}, body, files)
}

func (s *Service) post(ctx context.Context, id int64, by Agent, staff bool, allowed func(*Dossier) error, body string, files []Upload) (*Message, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return nil, errs.InvalidField("message", "Écrivez votre message.")
	case utf8.RuneCountInString(body) > MaxMessage:
		return nil, errs.InvalidField("message", fmt.Sprintf("Votre message est trop long : %d caractères au plus.", MaxMessage))
	}
	var staged []string
	type stagedFile struct {
		up                 Upload
		stored, ctype, sum string
		size               int64
	}
	var ready []stagedFile
	defer func() { s.removeFiles(staged) }()
	for _, up := range files {
		stored, ctype, sum, size, err := s.stage(ctx, up, s.limitOf(up))
		if err != nil {
			return nil, err
		}
		staged = append(staged, stored)
		ready = append(ready, stagedFile{up, stored, ctype, sum, size})
	}
	authorID := by.UserID
	if h, ok := HelperOf(ctx); ok && !staff {
		authorID = h.MediatorID // written by the mediator, for the person
	}
	m := &Message{AuthorID: authorID, FromStaff: staff, Body: body, At: s.now()}
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := allowed(d); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, insertMessageSQL, id, m.At, nullID(authorID), staff, body).Scan(&m.ID); err != nil {
			return fmt.Errorf("write message on dossier %d: %w", id, err)
		}
		for _, f := range ready {
			f.up.Field = ""
			file, err := s.insertFile(ctx, tx, d, f.up, m.ID, authorID, f.stored, f.ctype, f.sum, f.size)
			if err != nil {
				return err
			}
			m.Files = append(m.Files, *file)
		}
		who := "Message de la personne"
		if staff {
			who = "Message de l'administration"
		}
		if err := addEvent(ctx, tx, id, Event{At: m.At, ActorID: authorID, TokenID: by.TokenID, Kind: EventMessage, Detail: who}); err != nil {
			return err
		}
		from := "person"
		if staff {
			from = "administration"
		}
		if err := s.publish(ctx, d, webhooks.DossierMessage, fmt.Sprintf("message-%d", m.ID), m.At,
			map[string]any{"message_id": m.ID, "from": from, "files": len(m.Files), "at": m.At}); err != nil {
			return err
		}
		if !staff {
			return s.assisted(ctx, tx, d, "dossier.message", "Message envoyé à l'administration")
		}
		if err := s.auditAction(ctx, tx, by, d, fmt.Sprintf("message %d", m.ID)); err != nil {
			return err
		}
		return s.notifyOwner(ctx, d, notify.MessageReceived, fmt.Sprintf("message-%d", m.ID), nil)
	})
	if err != nil {
		return nil, err
	}
	staged = nil // kept: the rows point to them
	return m, nil
}

const messagesSQL = `SELECT id, at, COALESCE(author_id, 0), from_staff, body FROM dossier_messages
WHERE dossier_id = $1 ORDER BY at DESC, id DESC`

// Messages returns the messages of a dossier, newest first, each with its
// attachments. The caller has checked access.
func (s *Service) Messages(ctx context.Context, d *Dossier) ([]Message, error) {
	rows, err := s.db.QueryContext(ctx, messagesSQL, d.ID)
	if err != nil {
		return nil, fmt.Errorf("messages of dossier %d: %w", d.ID, err)
	}
	var out []Message
	for rows.Next() {
		var m Message
		if err := rows.Scan(&m.ID, &m.At, &m.AuthorID, &m.FromStaff, &m.Body); err != nil {
			rows.Close()
			return nil, fmt.Errorf("messages of dossier %d: %w", d.ID, err)
		}
		m.At = m.At.UTC()
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	files, err := s.Files(ctx, d)
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, f := range files {
			if f.MessageID == out[i].ID {
				out[i].Files = append(out[i].Files, f)
			}
		}
	}
	return out, nil
}
