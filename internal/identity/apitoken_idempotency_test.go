package identity

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"guichet/internal/errs"
)

// readOnlyToken makes a read-only token of a new organisation and returns
// it as the API finds it.
func readOnlyToken(t *testing.T, f *fixture) *APIToken {
	t.Helper()
	f.org(t, "caf", KindAdministration)
	secret, _, err := f.svc.CreateAPITokenFromCommandLine(f.ctx, "caf", APITokenSpec{Name: "Lecture", ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := f.svc.APITokenBySecret(f.ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestReadOnlyTokenIsKeptAndListed(t *testing.T) {
	f := newFixture(t)
	tok := readOnlyToken(t, f)
	if !tok.ReadOnly {
		t.Fatalf("the token lost its read-only flag: %+v", tok)
	}
	list, err := f.svc.APITokens(f.ctx, tok.Org.ID)
	if err != nil || len(list) != 1 || !list[0].ReadOnly {
		t.Fatalf("APITokens = %+v, %v", list, err)
	}
}

// TestIdempotentRunsAWriteOnce: the same key and request answer the first
// answer without running the write again; the key with another request is
// refused; a failed write keeps nothing, so that it may be tried again.
func TestIdempotentRunsAWriteOnce(t *testing.T) {
	f := newFixture(t)
	tok := readOnlyToken(t, f)
	k := IdempotencyKey{TokenID: tok.ID, Key: "3f0c-1", Fingerprint: "POST /x abc"}
	runs := 0
	write := func(ctx context.Context) (IdempotentAnswer, error) {
		runs++
		return IdempotentAnswer{Status: 200, Body: []byte(`{"n":1}`)}, nil
	}
	for i := range 2 {
		ans, replayed, err := f.svc.Idempotent(f.ctx, k, write)
		if err != nil || ans.Status != 200 || string(ans.Body) != `{"n":1}` || replayed != (i == 1) {
			t.Fatalf("call %d: %+v, replayed %v, %v", i, ans, replayed, err)
		}
	}
	if runs != 1 {
		t.Fatalf("the write ran %d times", runs)
	}
	other := k
	other.Fingerprint = "POST /x def"
	if _, _, err := f.svc.Idempotent(f.ctx, other, write); !errs.Is(err, errs.Invalid) || runs != 1 {
		t.Fatalf("the key with another request: %v (runs %d)", err, runs)
	}
	boom := errors.New("boom")
	failed := IdempotencyKey{TokenID: tok.ID, Key: "3f0c-2", Fingerprint: "POST /x abc"}
	if _, _, err := f.svc.Idempotent(f.ctx, failed, func(context.Context) (IdempotentAnswer, error) { return IdempotentAnswer{}, boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, replayed, err := f.svc.Idempotent(f.ctx, failed, write); err != nil || replayed || runs != 2 {
		t.Fatalf("after a failure the write is tried again: replayed %v, %v, runs %d", replayed, err, runs)
	}
	// A refusal kept with Remember answers again the same.
	refused := IdempotencyKey{TokenID: tok.ID, Key: "3f0c-3", Fingerprint: "POST /x abc"}
	if err := f.svc.Remember(f.ctx, refused, IdempotentAnswer{Status: 400, Body: []byte(`{"error":{}}`)}); err != nil {
		t.Fatal(err)
	}
	if ans, replayed, err := f.svc.Idempotent(f.ctx, refused, write); err != nil || !replayed || ans.Status != 400 || runs != 2 {
		t.Fatalf("a kept refusal: %+v %v %v (runs %d)", ans, replayed, err, runs)
	}
	// Past IdempotencyKept, the key is new again; Purge deletes old keys.
	f.clock.Advance(IdempotencyKept + time.Minute)
	if _, replayed, err := f.svc.Idempotent(f.ctx, k, write); err != nil || replayed || runs != 3 {
		t.Fatalf("an expired key: replayed %v, %v, runs %d", replayed, err, runs)
	}
	f.clock.Advance(IdempotencyKept + time.Minute)
	if _, err := f.svc.Purge(f.ctx); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := f.db.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM api_idempotency`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("%d keys left after the purge (%v)", left, err)
	}
	for _, bad := range []string{"", "a b", string(make([]byte, 256))} {
		if _, _, err := f.svc.Idempotent(f.ctx, IdempotencyKey{TokenID: tok.ID, Key: bad}, write); !errs.Is(err, errs.Invalid) {
			t.Errorf("key %q: %v", bad, err)
		}
	}
}

// TestIdempotentTwinsAtOnce: the same key sent twice at the same moment
// runs the write once; both get its answer.
func TestIdempotentTwinsAtOnce(t *testing.T) {
	f := newFixture(t)
	tok := readOnlyToken(t, f)
	k := IdempotencyKey{TokenID: tok.ID, Key: "twin", Fingerprint: "POST /x abc"}
	var mu sync.Mutex
	runs := 0
	var wg sync.WaitGroup
	results := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ans, _, err := f.svc.Idempotent(f.ctx, k, func(context.Context) (IdempotentAnswer, error) {
				mu.Lock()
				runs++
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
				return IdempotentAnswer{Status: 201, Body: []byte("{}")}, nil
			})
			if err == nil && ans.Status != 201 {
				err = errors.New("another answer")
			}
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	for err := range results {
		if err != nil {
			t.Errorf("a twin: %v", err)
		}
	}
	if runs != 1 {
		t.Fatalf("the write ran %d times", runs)
	}
}
