package listening

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/audit"
	"guichet/internal/errs"
	"guichet/internal/textsearch"
)

// The toolbox ("boîte à outils") is the good practices agents and
// mediators share, whatever their organisation: each entry credits its
// organisation and is never shown to the public.

// Limits of an entry.
const (
	maxPracticeBody = 8000
	maxTags         = 8
	maxTag          = 30
	// maxToolbox is how many entries a search reads, newest first.
	maxToolbox = 2000
)

// Practice is an entry of the toolbox.
type Practice struct {
	ID         int64
	OrgName    string
	AuthorName string
	Title      string
	Body       string
	Tags       []string
	Procedure  string
	CreatedAt  time.Time
}

// PracticeInput is a new entry as a member writes it; Tags are separated
// by commas.
type PracticeInput struct {
	Title, Body, Tags, Procedure string
}

// ParseTags reads tags separated by commas: trimmed, in lower case, each
// once, in the order written.
func ParseTags(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.Split(s, ",") {
		t = strings.ToLower(strings.Join(strings.Fields(t), " "))
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

const insertPracticeSQL = `INSERT INTO listening_toolbox (org_id, author_id, title, body, tags, procedure_slug, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`

// AddPractice adds an entry credited to the member's organisation (by.OrgID).
func (s *Service) AddPractice(ctx context.Context, in PracticeInput, by Moderator) (int64, error) {
	p := append(textProblem("title", "le titre de la bonne pratique", in.Title, maxTitle),
		textProblem("body", "la bonne pratique en quelques phrases", in.Body, maxPracticeBody)...)
	tags := ParseTags(in.Tags)
	if len(tags) > maxTags {
		p = append(p, errs.FieldError{Field: "tags", Message: fmt.Sprintf("Gardez %d mots-clés au plus.", maxTags)})
	}
	for _, t := range tags {
		if utf8.RuneCountInString(t) > maxTag {
			p = append(p, errs.FieldError{Field: "tags", Message: fmt.Sprintf("Un mot-clé a %d caractères au plus : « %s » est trop long.", maxTag, t)})
			break
		}
	}
	if len(p) > 0 {
		return 0, errs.InvalidFields("La bonne pratique n'est pas complète.", p)
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, insertPracticeSQL, by.OrgID, nullID(by.UserID), strings.TrimSpace(in.Title),
			MaskPersonalData(strings.TrimSpace(in.Body)), strings.Join(tags, ","), in.Procedure, s.now()).Scan(&id); err != nil {
			return fmt.Errorf("insert practice: %w", err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "listening_practice_added", ActorID: by.UserID, IP: by.IP,
			Detail: fmt.Sprintf("bonne pratique %d", id)})
	})
	return id, err
}

const (
	selectPracticeSQL = `SELECT p.id, o.name, COALESCE(u.name, ''), p.title, p.body, p.tags, p.procedure_slug, p.created_at
	FROM listening_toolbox p JOIN organisations o ON o.id = p.org_id LEFT JOIN users u ON u.id = p.author_id`
	practicesSQL = selectPracticeSQL + ` ORDER BY p.created_at DESC, p.id DESC LIMIT $1`
	practiceSQL  = selectPracticeSQL + ` WHERE p.id = $1`
)

func scanPractice(row interface{ Scan(...any) error }) (Practice, error) {
	var p Practice
	var tags string
	if err := row.Scan(&p.ID, &p.OrgName, &p.AuthorName, &p.Title, &p.Body, &tags, &p.Procedure, &p.CreatedAt); err != nil {
		return p, err
	}
	p.Tags = ParseTags(tags)
	return p, nil
}

// PracticeByID reads one entry.
func (s *Service) PracticeByID(ctx context.Context, id int64) (Practice, error) {
	p, err := scanPractice(s.db.QueryRowContext(ctx, practiceSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, errs.E(errs.NotFound, "Cette bonne pratique n'existe pas.")
	}
	if err != nil {
		return p, fmt.Errorf("read practice: %w", err)
	}
	return p, nil
}

// Practices returns the entries holding tag (every one when ""), matching
// query with the catalogue's forgiving search (accents, plurals, typos,
// acronyms) best first, or newest first without a query.
func (s *Service) Practices(ctx context.Context, query, tag string) ([]Practice, error) {
	rows, err := s.db.QueryContext(ctx, practicesSQL, maxToolbox)
	if err != nil {
		return nil, fmt.Errorf("list practices: %w", err)
	}
	defer rows.Close()
	var all []Practice
	tag = strings.ToLower(strings.TrimSpace(tag))
	for rows.Next() {
		p, err := scanPractice(rows)
		if err != nil {
			return nil, fmt.Errorf("list practices: %w", err)
		}
		if tag == "" || hasTag(p.Tags, tag) {
			all = append(all, p)
		}
	}
	if err := rows.Err(); err != nil || strings.TrimSpace(query) == "" {
		return all, err
	}
	docs := make([]textsearch.Document, len(all))
	for i, p := range all {
		docs[i] = textsearch.Document{ID: strconv.Itoa(i), Fields: []textsearch.Field{{Text: p.Title, Weight: 3},
			{Text: strings.Join(p.Tags, " "), Weight: 3}, {Text: p.Body, Weight: 1}, {Text: p.OrgName + " " + p.Procedure, Weight: 1}}}
	}
	var out []Practice
	for _, h := range textsearch.NewIndex(docs, textsearch.DefaultSynonyms()).SearchAll(query) {
		i, _ := strconv.Atoi(h.ID)
		out = append(out, all[i])
	}
	return out, nil
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}
