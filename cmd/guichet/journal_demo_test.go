package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"testing"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/mediation"
)

// TestJournalVerifyOnTheDemo loads the demo as `serve --demo` does, then
// checks its journal from the command line: every entry the demo wrote
// (mandates given, renewed, revoked, a person record, a domiciliation,
// actions under mandates), chain intact, exit 0.
func TestJournalVerifyOnTheDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the whole demo")
	}
	ctx := context.Background()
	data, getenv := dataEnv(t)
	cfg, err := config.Parse("serve", []string{"--data", data}, getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(ctx, io.Discard); err != nil {
		a.Close()
		t.Fatal(err)
	}
	v, err := mediation.VerifyJournal(ctx, a.DB)
	a.Close()
	if err != nil || v.Entries < 6 {
		t.Fatalf("demo journal = %+v, %v; want at least the demo's 6 mandate events", v, err)
	}
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"journal", "verify"}, &stdout, &stderr, getenv)
	m := regexp.MustCompile(`mandate journal: (\d+) entries, chain intact`).FindStringSubmatch(stdout.String())
	if code != 0 || m == nil || m[1] != strconv.FormatInt(v.Entries, 10) {
		t.Errorf("exit %d, stdout %q (stderr %q); want 0 and %d entries, chain intact", code, stdout.String(),
			stderr.String(), v.Entries)
	}
}
