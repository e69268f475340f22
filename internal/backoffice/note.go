package backoffice

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/errs"
)

// MaxNote is the longest private note, in characters.
const MaxNote = 5000

// Note is an agent's private note on a dossier. Only the agents of the
// procedure's team read it: no page or message of the person shows it.
type Note struct {
	At     time.Time
	Author string
	Body   string
}

const addNoteSQL = `INSERT INTO dossier_notes (dossier_id, author_id, at, body) VALUES ($1, $2, $3, $4)`

const notesSQL = `SELECT n.at, COALESCE(u.name, ''), n.body FROM dossier_notes n
LEFT JOIN users u ON u.id = n.author_id WHERE n.dossier_id = $1 ORDER BY n.at, n.id`

// AddNote writes a private note of agent userID on dossier id. Notes do
// not change the dossier, so they need no version: two agents may write
// at once.
func (s *Service) AddNote(ctx context.Context, orgID, userID, id int64, body string) error {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return errs.InvalidField("note", "Écrivez la note.")
	case utf8.RuneCountInString(body) > MaxNote:
		return errs.InvalidField("note", fmt.Sprintf("La note est trop longue : %d caractères au plus.", MaxNote))
	}
	if _, err := s.Version(ctx, orgID, userID, id); err != nil {
		return err
	}
	if _, err := s.db.Querier(ctx).ExecContext(ctx, addNoteSQL, id, userID, s.now(), body); err != nil {
		return fmt.Errorf("note on dossier %d: %w", id, err)
	}
	return nil
}

// Notes returns the private notes on dossier id, oldest first, for agent
// userID of its team; NotFound for anyone else.
func (s *Service) Notes(ctx context.Context, orgID, userID, id int64) ([]Note, error) {
	if _, err := s.Version(ctx, orgID, userID, id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, notesSQL, id)
	if err != nil {
		return nil, fmt.Errorf("notes of dossier %d: %w", id, err)
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		var n Note
		if err := rows.Scan(&n.At, &n.Author, &n.Body); err != nil {
			return nil, fmt.Errorf("notes of dossier %d: %w", id, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
