package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"guichet/internal/database"
	"guichet/internal/jobs"
)

// BatchJobKind is the kind of the jobs that send a chunk of a collective
// send. A collective send of 50,000 messages would otherwise cost the
// queue 50,000 claims and finishes on a database that writes one
// transaction at a time; a chunk shares them between batchSize messages,
// while each message keeps its own row, key, status and crash handling
// (the same as a single message's, see Handle).
const BatchJobKind = "notify.send-batch"

// batchSize is the most messages one job sends; batchConcurrency how many
// of them are with the provider at once.
const (
	batchSize        = 100
	batchConcurrency = 16
)

type batchJob struct {
	IDs []int64 `json:"ids"`
}

// enqueueChunks enqueues the jobs sending the messages ids, each at its
// time: a chunk never mixes two times, so the rate limit holds.
func (s *Service) enqueueChunks(ctx context.Context, tx querier, keyPrefix string, ids []int64, times []time.Time) error {
	for start, n := 0, 0; start < len(ids); n++ {
		end := start + 1
		for end < len(ids) && end-start < batchSize && times[end].Equal(times[start]) {
			end++
		}
		_, err := jobs.Enqueue(ctx, tx, BatchJobKind, batchJob{IDs: ids[start:end]}, jobs.EnqueueOptions{
			Key: fmt.Sprintf("%s:%s/%d", BatchJobKind, keyPrefix, n), RunAt: times[start], MaxAttempts: s.max})
		if err != nil {
			return err
		}
		start = end
	}
	return nil
}

// HandleBatch is the job handler of BatchJobKind: it sends the messages of
// the chunk that are not settled, a few at a time, recording each outcome
// as it comes. A temporary failure of any of them retries the job, which
// then sends only those still unsettled.
func (s *Service) HandleBatch(ctx context.Context, j jobs.Job) error {
	var p batchJob
	if err := j.Decode(&p); err != nil {
		return err
	}
	all, err := s.messagesByID(ctx, p.IDs)
	if err != nil {
		return err
	}
	var pending []Message
	var ids []int64
	for _, m := range all {
		if !settled(m) {
			pending, ids = append(pending, m), append(ids, m.ID)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	if err := s.markSending(ctx, ids); err != nil {
		return err
	}
	last := j.Attempt >= s.max
	var wg sync.WaitGroup
	var mu sync.Mutex
	var jobErr, recordErr error
	sem := make(chan struct{}, batchConcurrency)
	for _, m := range pending {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			o := s.send(ctx, m, last)
			// Each answer is recorded as soon as it comes, not with the
			// chunk's: a crash then sends again only the messages that
			// were with the provider at that instant.
			err := s.record(ctx, s.db, m, o)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && recordErr == nil {
				recordErr = err
			}
			if o.jobErr != nil && (jobErr == nil || jobs.IsPermanent(jobErr)) {
				jobErr = o.jobErr
			}
		})
	}
	wg.Wait()
	if recordErr != nil {
		return recordErr
	}
	return jobErr
}

// messagesByID reads the messages ids, in their order.
func (s *Service) messagesByID(ctx context.Context, ids []int64) ([]Message, error) {
	list, _ := json.Marshal(ids)
	where := ` WHERE id IN (SELECT value FROM json_each($1)) ORDER BY id`
	if s.db.Dialect == database.Postgres {
		where = ` WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) ORDER BY id`
	}
	return s.listMessages(ctx, selectMessageSQL+where, string(list))
}
