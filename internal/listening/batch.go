package listening

import (
	"context"
	"database/sql"
	"strings"
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
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		for _, it := range good {
			if _, err := s.insert(ctx, tx, it.Answer, it.OrgID, by, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return len(good), rejected, nil
}
