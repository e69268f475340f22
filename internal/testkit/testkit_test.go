package testkit

import (
	"sync"
	"testing"
	"time"
)

func TestClockMovesOnlyWhenTold(t *testing.T) {
	c := NewClock(Start)
	if !c.Now().Equal(Start) {
		t.Fatalf("new clock at %v, want %v", c.Now(), Start)
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() { c.Advance(time.Minute) })
	}
	wg.Wait()
	if got, want := c.Now(), Start.Add(10*time.Minute); !got.Equal(want) {
		t.Errorf("after ten concurrent advances: %v, want %v", got, want)
	}
	c.Set(Start)
	if !c.Now().Equal(Start) {
		t.Errorf("after Set: %v, want %v", c.Now(), Start)
	}
}

func TestBoxOpensWhatItSeals(t *testing.T) {
	sealed := Box(t).Seal([]byte("secret"))
	// A second box from the same fixed key opens it: the key is the same in every test.
	got, err := Box(t).Open(sealed)
	if err != nil || string(got) != "secret" {
		t.Fatalf("open: %q, %v", got, err)
	}
}
