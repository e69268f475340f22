package mail

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/jobs"
)

func TestEnqueueThenHandlerSendsOnce(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "outbox")
	q := jobs.New(db, jobs.Options{Logger: slog.New(slog.DiscardHandler)})
	q.Register(JobKind, Handler(NewOutbox(dir)))
	m := Message{To: "zoe@exemple.fr", Subject: "Accusé de réception", Body: "Nous avons bien reçu votre demande."}

	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := Enqueue(ctx, tx, m, "dossier-3-recu"); err != nil {
			return err
		}
		// The same message queued again by a retried job is not a second job.
		return Enqueue(ctx, tx, m, "dossier-3-recu")
	})
	if err != nil {
		t.Fatal(err)
	}
	for {
		ran, err := q.Work(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			break
		}
	}
	got, err := ReadOutbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Message{m}, got); diff != "" {
		t.Errorf("outbox (-want +got):\n%s", diff)
	}
}

func TestEnqueueRefusesBadMessages(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	tests := []struct {
		name    string
		m       Message
		key     string
		wantErr func(error) bool
	}{
		{"bad address", Message{To: "zoe", Subject: "s"}, "k", func(err error) bool { return errs.Is(err, errs.Invalid) }},
		{"injection", Message{To: "zoe@exemple.fr", Subject: "s\r\nBcc: x@exemple.fr"}, "k", func(err error) bool { return errs.Is(err, errs.Invalid) }},
		{"no key", Message{To: "zoe@exemple.fr", Subject: "s"}, "", func(err error) bool { return err != nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Enqueue(context.Background(), db, tt.m, tt.key); !tt.wantErr(err) {
				t.Errorf("got %v, want a refusal", err)
			}
		})
	}
	stats, err := jobs.Stats(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if stats[jobs.Queued] != 0 {
		t.Errorf("got %d queued jobs, want 0", stats[jobs.Queued])
	}
}

func TestHandlerErrors(t *testing.T) {
	t.Parallel()
	h := Handler(NewOutbox(t.TempDir()))
	tests := []struct {
		name    string
		payload string
	}{
		{"payload not a message", `[1, 2]`},
		{"message stored before validation was stricter", `{"to": "zoe@exemple.fr\nBcc: x@exemple.fr"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := h(context.Background(), jobs.Job{Kind: JobKind, Payload: []byte(tt.payload), Key: "k", Attempt: 1})
			if !jobs.IsPermanent(err) {
				t.Errorf("got %v, want a permanent error", err)
			}
		})
	}
}
