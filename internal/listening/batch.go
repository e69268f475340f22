package listening

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// BatchItem is one answer of a batch, with its place in the batch and the
// organisation in charge of its procedure.
type BatchItem struct {
	Index int
	Answer
	OrgID int64
}

// Rejection says why one item of a batch was not kept, in French.
type Rejection struct {
	Index  int    `json:"index"`
	Reason string `json:"reason"`
}

// EnterBatch stores the valid items of a batch entered by an agent or an
// API token, in one transaction, and returns the others with their reason:
// one bad paper form never costs the good ones.
func (s *Service) EnterBatch(ctx context.Context, items []BatchItem, by Entry) (kept int, rejected []Rejection, err error) {
	now := s.now()
	var good []BatchItem
	for _, it := range items {
		if it.Channel == ChannelOnline {
			it.Channel = ""
		}
		if problems := it.validate(now); len(problems) > 0 {
			msgs := make([]string, len(problems))
			for i, p := range problems {
				msgs[i] = p.Message
			}
			rejected = append(rejected, Rejection{Index: it.Index, Reason: strings.Join(msgs, " ")})
			continue
		}
		good = append(good, it)
	}
	if len(good) == 0 {
		return 0, rejected, nil
	}
	err = s.db.Transact(ctx, func(tx *sql.Tx) error { return s.insertBatch(ctx, tx, good, by, now) })
	if err != nil {
		return 0, nil, err
	}
	return len(good), rejected, nil
}

// insertFeedbacksSQL and insertHelpsSQL are followed by the values of
// several rows (database.InsertRows).
const (
	insertFeedbacksSQL = `INSERT INTO listening_feedback (id, ` + feedbackColumns + `) VALUES`
	insertHelpsSQL     = `INSERT INTO listening_feedback_help (feedback_id, help, reached, quality) VALUES`
)

// insertBatch stores valid answers with their helps a few hundred a
// statement: a batch of paper forms (the demo's observatory enters 2,200)
// took a statement per answer and per help. The answers' ids are reserved
// first, so that their helps can name them.
func (s *Service) insertBatch(ctx context.Context, tx *sql.Tx, items []BatchItem, by Entry, now time.Time) error {
	ids, err := s.db.NextIDs(ctx, tx, "listening_feedback", len(items))
	if err != nil {
		return err
	}
	err = s.db.InsertRows(ctx, tx, insertFeedbacksSQL, "", 1+numFeedbackColumns, len(items), func(i int, args []any) []any {
		return feedbackValues(append(args, ids[i]), items[i].Answer, items[i].OrgID, by, now)
	})
	if err != nil {
		return fmt.Errorf("insert feedback: %w", err)
	}
	type help struct {
		feedbackID int64
		HelpAnswer
	}
	var helps []help
	for i, it := range items {
		for _, h := range it.Helps {
			if h.Help != HelpNone {
				helps = append(helps, help{ids[i], h})
			}
		}
	}
	err = s.db.InsertRows(ctx, tx, insertHelpsSQL, "", 4, len(helps), func(i int, args []any) []any {
		return helpValues(args, helps[i].feedbackID, helps[i].HelpAnswer)
	})
	if err != nil {
		return fmt.Errorf("insert feedback help: %w", err)
	}
	return nil
}
