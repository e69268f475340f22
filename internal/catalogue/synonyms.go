package catalogue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/database"
	"guichet/internal/textsearch"
)

// maxSynonymsLength bounds the synonyms list, in characters: thousands of rules, far more
// than a catalogue needs, and little enough to parse at every rebuild.
const maxSynonymsLength = 200_000

// SynonymError is a line of the synonyms list that cannot be read.
type SynonymError struct {
	Line    int    // Line is the line number, from 1.
	Text    string // Text is the line as written.
	Message string // Message says in French what is wrong and how to write it.
}

// CheckSynonyms reads a synonyms list line by line, in the syntax of textsearch.ParseSynonyms,
// and returns the problem of every line that cannot be read, so that an editor can fix them
// all at once. An empty result means the list is valid.
func CheckSynonyms(text string) []SynonymError {
	if n := utf8.RuneCountInString(text); n > maxSynonymsLength {
		return []SynonymError{{Line: 1, Message: fmt.Sprintf("La liste est trop longue : %d caractères, pour %d au plus.", n, maxSynonymsLength)}}
	}
	var out []SynonymError
	for i, line := range strings.Split(normalizeNewlines(text), "\n") {
		if _, err := textsearch.ParseSynonyms(strings.NewReader(line)); err != nil {
			msg := err.Error()
			var se *textsearch.SyntaxError
			if errors.As(err, &se) {
				msg = se.Reason
			}
			out = append(out, SynonymError{Line: i + 1, Text: strings.TrimSpace(line), Message: upperFirst(msg) + "."})
		}
	}
	return out
}

// SynonymErrors is the error of SaveSynonyms for a list with unreadable lines.
type SynonymErrors []SynonymError

// Error names the first unreadable line.
func (e SynonymErrors) Error() string {
	return fmt.Sprintf("synonymes, ligne %d : %s", e[0].Line, e[0].Message)
}

// SynonymsList is the synonyms list in use, with who saved it and when.
type SynonymsList struct {
	Text       string
	AuthorName string    // AuthorName is "" for the system.
	SavedAt    time.Time // SavedAt is zero when no list was ever saved.
}

const selectSynonymsSQL = `SELECT s.body, COALESCE(u.name, ''), s.created_at
	FROM catalogue_synonyms s LEFT JOIN users u ON u.id = s.author_id ORDER BY s.id DESC LIMIT 1`

// Synonyms returns the synonyms list in use; an empty list when none was saved.
func (s *Service) Synonyms(ctx context.Context) (SynonymsList, error) {
	return synonymsList(ctx, s.db)
}

func synonymsList(ctx context.Context, q database.Querier) (SynonymsList, error) {
	var l SynonymsList
	err := q.QueryRowContext(ctx, selectSynonymsSQL).Scan(&l.Text, &l.AuthorName, &l.SavedAt)
	if database.IsNoRows(err) {
		return SynonymsList{}, nil
	}
	if err != nil {
		return l, fmt.Errorf("read synonyms: %w", err)
	}
	l.SavedAt = l.SavedAt.UTC()
	return l, nil
}

const insertSynonymsSQL = `INSERT INTO catalogue_synonyms (body, author_id, created_at) VALUES ($1, $2, $3)`

// SaveSynonyms checks and stores a new synonyms list, saved by the account authorID (0 for
// the system), and rebuilds the search. Earlier lists are kept. It returns SynonymErrors
// when a line cannot be read, and then stores nothing.
func (s *Service) SaveSynonyms(ctx context.Context, authorID int64, text string) error {
	text = normalizeNewlines(text)
	if bad := CheckSynonyms(text); len(bad) > 0 {
		return SynonymErrors(bad)
	}
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, insertSynonymsSQL, text, Editor{UserID: authorID}.authorArg(), s.now()); err != nil {
			return fmt.Errorf("save synonyms: %w", err)
		}
		return bump(ctx, tx)
	})
	if err != nil {
		return err
	}
	s.changed()
	return nil
}

// searchSynonyms returns the synonyms the search uses: Guichet's built-in list (acronyms and
// old names) merged with the stored one. A stored list that no longer parses, which
// SaveSynonyms prevents, is skipped line by line rather than breaking the search.
func searchSynonyms(text string) textsearch.Synonyms {
	syn := textsearch.DefaultSynonyms()
	if ours, err := textsearch.ParseSynonyms(strings.NewReader(text)); err == nil {
		return syn.Merge(ours)
	}
	for _, line := range strings.Split(text, "\n") {
		if l, err := textsearch.ParseSynonyms(strings.NewReader(line)); err == nil {
			syn = syn.Merge(l)
		}
	}
	return syn
}

// upperFirst capitalises the first letter of a French message.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToUpper(string(r)) + s[size:]
}
