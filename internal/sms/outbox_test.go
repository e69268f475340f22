package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestOutboxWritesOneFilePerKey(t *testing.T) {
	dataDir := t.TempDir()
	now := time.Date(2026, 11, 29, 9, 30, 0, 0, time.UTC)
	p, err := New(Config{DataDir: dataDir, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != "outbox" {
		t.Errorf("default provider = %q", p.Name())
	}
	m := Message{Key: "dossier-42-received", To: "+33612345678", Body: "Votre demande DS-42 est bien reçue."}
	sent, err := p.Send(context.Background(), m)
	if err != nil || sent.Status != StatusDelivered || sent.ProviderID == "" {
		t.Fatalf("Send = %+v, %v", sent, err)
	}
	dir := filepath.Join(dataDir, "outbox", "sms")
	data, err := os.ReadFile(filepath.Join(dir, "dossier-42-received.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"key": m.Key, "to": m.To, "body": m.Body, "encoding": "UCS-2", "parts": 1.0, "length": 35.0, "time": "2026-11-29T09:30:00Z"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}

	// The same key again: same answer, still one file, the first kept.
	m2 := m
	m2.Body = "another text"
	again, err := p.Send(context.Background(), m2)
	if err != nil || again != sent {
		t.Fatalf("second Send = %+v, %v; want %+v", again, err, sent)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("%d files in the outbox, want 1: %v", len(entries), entries)
	}
	read, err := ReadOutbox(dir, m.Key)
	if err != nil || read.Body != m.Body {
		t.Errorf("ReadOutbox = %+v, %v", read, err)
	}
	all, err := ListOutbox(dir)
	if err != nil || len(all) != 1 || all[0].Key != m.Key {
		t.Errorf("ListOutbox = %+v, %v", all, err)
	}
	if none, err := ListOutbox(filepath.Join(dataDir, "absent")); none != nil || err != nil {
		t.Errorf("ListOutbox of a missing folder = %v, %v", none, err)
	}
	if _, err := p.Receipts(nil); err != ErrNoReceipts {
		t.Errorf("Receipts error = %v", err)
	}
}

// TestOutboxConcurrentSameKey sends the same key from many goroutines at
// once: exactly one file, no temporary file left, all answers equal.
func TestOutboxConcurrentSameKey(t *testing.T) {
	dir := t.TempDir()
	o := NewOutbox(dir, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := o.Send(context.Background(), Message{Key: "same", To: "+33612345678", Body: fmt.Sprint("try ", i)})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "same.json" {
		t.Fatalf("outbox holds %v, want only same.json", entries)
	}
}

func TestOutboxFileNames(t *testing.T) {
	names := map[string]bool{}
	for _, key := range []string{"a", "a.b", "a_b", "a/b", "../../etc/passwd", "é", string(make([]byte, 300))} {
		name := outboxFileName(key)
		if filepath.Base(name) != name || name[0] == '.' || filepath.Ext(name) != ".json" {
			t.Errorf("key %q gives unsafe name %q", key, name)
		}
		if names[name] {
			t.Errorf("key %q shares the name %q", key, name)
		}
		names[name] = true
	}
	o := NewOutbox(t.TempDir(), nil)
	for _, m := range []Message{{To: "+33612345678", Body: "x"}, {Key: "k", Body: "x"}} {
		if _, err := o.Send(context.Background(), m); !IsPermanent(err) {
			t.Errorf("Send(%+v) error = %v, want permanent", m, err)
		}
	}
}

func BenchmarkOutboxSend(b *testing.B) {
	o := NewOutbox(b.TempDir(), nil)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		if _, err := o.Send(ctx, Message{Key: fmt.Sprint("bench-", i), To: "+33612345678", Body: "Votre passeport est prêt à la mairie de Lyon 3e."}); err != nil {
			b.Fatal(err)
		}
	}
}
