package listening

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

const selectExperienceSQL = `SELECT id, procedure_slug, org_id, title, body, author_name, author_email_sealed <> '',
	status, refusal_reason, created_at, moderated_at, first_reply_at FROM listening_experiences`

const (
	publishedExperiencesSQL = selectExperienceSQL + ` WHERE procedure_slug = $1 AND status = $2 ORDER BY created_at DESC, id DESC LIMIT $3`
	orgExperiencesSQL       = selectExperienceSQL + ` WHERE org_id = $1 AND status <> $2 ORDER BY created_at DESC, id DESC LIMIT $3`
)

// maxListed bounds the experiences of one page.
const maxListed = 200

// PublishedExperiences lists the published experiences of a procedure,
// newest first, with their replies.
func (s *Service) PublishedExperiences(ctx context.Context, slug string) ([]Experience, error) {
	return s.experiences(ctx, publishedExperiencesSQL, slug, string(Published), maxListed)
}

// OrgExperiences lists what the staff of organisation orgID moderate and
// answer: the pending and published experiences of its procedures, newest
// first, with their replies and the words that look like insults.
func (s *Service) OrgExperiences(ctx context.Context, orgID int64) ([]Experience, error) {
	list, err := s.experiences(ctx, orgExperiencesSQL, orgID, string(Refused), maxListed)
	for i := range list {
		list[i].Suspect = Insults(list[i].Title + " " + list[i].Body)
	}
	return list, err
}

func (s *Service) experiences(ctx context.Context, query string, args ...any) ([]Experience, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list experiences: %w", err)
	}
	defer rows.Close()
	var out []Experience
	for rows.Next() {
		var e Experience
		var st string
		var moderated, replied sql.NullTime
		if err := rows.Scan(&e.ID, &e.Procedure, &e.OrgID, &e.Title, &e.Body, &e.Name, &e.HasEmail, &st,
			&e.RefusalReason, &e.CreatedAt, &moderated, &replied); err != nil {
			return nil, fmt.Errorf("list experiences: %w", err)
		}
		e.Status, e.ModeratedAt, e.FirstReplyAt = ExperienceStatus(st), moderated.Time, replied.Time
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list experiences: %w", err)
	}
	rows.Close()
	for i := range out {
		if out[i].Replies, err = s.replies(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

const repliesSQL = `SELECT id, body, created_at FROM listening_replies WHERE experience_id = $1 ORDER BY created_at, id`

func (s *Service) replies(ctx context.Context, id int64) ([]Reply, error) {
	rows, err := s.db.QueryContext(ctx, repliesSQL, id)
	if err != nil {
		return nil, fmt.Errorf("list replies: %w", err)
	}
	defer rows.Close()
	var out []Reply
	for rows.Next() {
		var r Reply
		if err := rows.Scan(&r.ID, &r.Body, &r.CreatedAt); err != nil {
			return nil, fmt.Errorf("list replies: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReplyStats is how an administration answers the experiences published
// about its procedures.
type ReplyStats struct {
	Published, Answered int
	// Median is the median time to first reply of the answered ones.
	Median time.Duration
}

// Share is the share of published experiences answered, 0 to 1.
func (r ReplyStats) Share() float64 { return ratio(r.Answered, r.Published) }

const replyTimesSQL = `SELECT created_at, first_reply_at FROM listening_experiences WHERE org_id = $1 AND status = $2`

// OrgReplyStats computes the median time to reply and the share answered
// of the experiences published about organisation orgID's procedures.
func (s *Service) OrgReplyStats(ctx context.Context, orgID int64) (ReplyStats, error) {
	var st ReplyStats
	rows, err := s.db.QueryContext(ctx, replyTimesSQL, orgID, string(Published))
	if err != nil {
		return st, fmt.Errorf("reply stats: %w", err)
	}
	defer rows.Close()
	var times []time.Duration
	for rows.Next() {
		var created time.Time
		var replied sql.NullTime
		if err := rows.Scan(&created, &replied); err != nil {
			return st, fmt.Errorf("reply stats: %w", err)
		}
		st.Published++
		if replied.Valid {
			times = append(times, replied.Time.Sub(created))
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("reply stats: %w", err)
	}
	st.Answered, st.Median = len(times), median(times)
	return st, nil
}

// median is the middle duration, the mean of the two middle ones for an
// even count, zero for none.
func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	if n := len(d); n%2 == 1 {
		return d[n/2]
	} else {
		return (d[n/2-1] + d[n/2]) / 2
	}
}

// insultWords are the common French insults a moderator is shown before
// deciding; the decision stays theirs (a word may be quoted, not thrown).
var insultWords = regexp.MustCompile(`(?i)\b(connards?|connasses?|salopes?|salauds?|encul[ée]s?|abrutis?|cr[ée]tins?|d[ée]biles?|idiots?|imb[ée]ciles?|putes?|merdes?|minables?|incapables?|bouffons?)\b`)

// Insults returns the words of text that look like insults, lower case,
// each once.
func Insults(text string) []string {
	var out []string
	for _, w := range insultWords.FindAllString(text, -1) {
		w = strings.ToLower(w)
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
