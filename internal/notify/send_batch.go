package notify

import (
	"context"
	"encoding/json"
	"errors"
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
// of them are with the provider at once (a round).
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
// the chunk that are not settled, batchConcurrency at a time, each round
// marked sending in its own commit before its calls, and each answer
// recorded as it comes: a node that dies leaves unknown only the messages
// that were with the provider at that instant. A temporary failure of any
// of them retries the job, which then sends only those still unsettled.
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
	for _, m := range all {
		if !settled(m) {
			pending = append(pending, m)
		}
	}
	last := j.Attempt >= s.max
	var jobErr error
	for start := 0; start < len(pending); start += batchConcurrency {
		round := pending[start:min(start+batchConcurrency, len(pending))]
		err := s.sendRound(ctx, round, last)
		if err != nil && !isJobOutcome(err) {
			return err
		}
		if err != nil && (jobErr == nil || jobs.IsPermanent(jobErr)) {
			jobErr = errors.Unwrap(err)
		}
	}
	return jobErr
}

// jobOutcome wraps the error a send asks the job to return, to tell it from
// a failure to record.
type jobOutcome struct{ error }

func (e jobOutcome) Unwrap() error { return e.error }

func isJobOutcome(err error) bool {
	var o jobOutcome
	return errors.As(err, &o)
}

// sendRound marks round sending, hands its messages to their provider at
// once and records each answer as it comes. It returns a failure to record,
// or else the job error of the sends (a temporary one before a permanent
// one), wrapped in jobOutcome.
func (s *Service) sendRound(ctx context.Context, round []Message, last bool) error {
	ids := make([]int64, len(round))
	for i, m := range round {
		ids[i] = m.ID
	}
	if err := s.markSending(ctx, ids); err != nil {
		return err
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var jobErr, recordErr error
	for _, m := range round {
		wg.Go(func() {
			o := s.sendOnce(ctx, m, last)
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
	if jobErr != nil {
		return jobOutcome{jobErr}
	}
	return nil
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
