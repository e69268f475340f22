package app

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"guichet/internal/config"
	"guichet/internal/database/dbtest"
	"guichet/internal/jobs"
)

// TestStopDrainsFirst is issue 16's graceful stop: told to stop (SIGTERM
// cancels Run's context), a node turns /readyz red at once while still
// serving new requests for --drain-wait, so that HAProxy takes it out
// before the listener closes; the request it was reading and the job it
// was running both finish; only then does Run return.
func TestStopDrainsFirst(t *testing.T) {
	const wait = 1500 * time.Millisecond
	a := openWithSlowJob(t, "serve", "--addr", "127.0.0.1:0", "--workers", "1", "--drain-wait", wait.String())
	jobStarted, releaseJob := a.slowStarted, a.releaseSlow
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + a.Addr()
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	waitReady(t, base)
	<-jobStarted

	// A sign-in whose body is still on its way when the stop comes.
	body, sendRest := io.Pipe()
	req, _ := http.NewRequest("POST", base+"/connexion", body)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	form := "email=personne%40exemple.fr&password=pas-le-bon-mot-de-passe"
	req.ContentLength = int64(len(form))
	inFlight := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("request in flight at the stop: %v", err)
			inFlight <- nil
			return
		}
		resp.Body.Close()
		inFlight <- resp
	}()
	sendRest.Write([]byte(form[:10]))

	stopped := time.Now()
	stop()
	// The stop reaches Run through its context: wait for readiness to turn
	// red rather than for a fixed time.
	for deadline := time.Now().Add(5 * time.Second); ; {
		code, text := fetch(t, base+"/readyz", "")
		if code == http.StatusServiceUnavailable && strings.Contains(text, "draining") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz while draining: %d %q, want 503 draining", code, text)
		}
		runtime.Gosched()
	}
	if code, _ := fetch(t, base+"/healthz", ""); code != http.StatusOK {
		t.Errorf("/healthz while draining: %d, want 200: the node still serves until the balancer has seen it red", code)
	}
	sendRest.Write([]byte(form[10:]))
	sendRest.Close()
	if resp := <-inFlight; resp != nil && resp.StatusCode >= 500 {
		t.Errorf("request in flight at the stop answered %d", resp.StatusCode)
	}
	select {
	case err := <-done:
		t.Fatalf("Run returned (%v) while a job was still running", err)
	case <-time.After(wait):
	}
	close(releaseJob)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if took := time.Since(stopped); took < wait {
		t.Errorf("stopped %v after the signal, before the drain wait of %v", took, wait)
	}
	if c, err := net.DialTimeout("tcp", a.Addr(), time.Second); err == nil {
		c.Close()
		t.Error("the listener still takes connections after Run returned")
	}
	var status string
	if err := a.DB.QueryRowContext(context.Background(), `SELECT status FROM jobs WHERE idempotency_key = $1`, a.slowKey).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "done" {
		t.Errorf("the job running at the stop is %q, want done", status)
	}
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	for range 100 {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("never ready")
}

// TestWorkerStopFinishesItsJob is the worker's side of a graceful stop
// (`guichet worker` on SIGTERM): the job it runs finishes and is recorded
// done before the process returns, so that nobody runs it again.
func TestWorkerStopFinishesItsJob(t *testing.T) {
	a := openWithSlowJob(t, "worker", "--workers", "1")
	started, release := a.slowStarted, a.releaseSlow
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.RunWorker(ctx) }()
	<-started
	stop()
	select {
	case err := <-done:
		t.Fatalf("the worker returned (%v) with its job still running", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	var status string
	if err := a.DB.QueryRowContext(context.Background(), `SELECT status FROM jobs WHERE idempotency_key = $1`, a.slowKey).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "done" {
		t.Errorf("the job running at the stop is %q, want done", status)
	}
}

// appWithSlowJob is an application with one job queued that runs until
// releaseSlow is closed; slowStarted closes when it begins. slowKey is its
// idempotency key, to read its status.
type appWithSlowJob struct {
	*App
	slowStarted, releaseSlow chan struct{}
	slowKey                  string
}

// openWithSlowJob opens the application of command (serve, worker) with
// args on a fresh database and data folder, and queues its slow job.
func openWithSlowJob(t *testing.T, command string, args ...string) appWithSlowJob {
	t.Helper()
	args = append([]string{"--data", t.TempDir()}, args...)
	env := map[string]string{"GUICHET_DATABASE_URL": dbtest.URL(t)}
	cfg, err := config.Parse(command, args, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	w := appWithSlowJob{App: a, slowStarted: make(chan struct{}), releaseSlow: make(chan struct{}), slowKey: command + "-slow"}
	a.Jobs.Register("test.slow", func(ctx context.Context, j jobs.Job) error {
		close(w.slowStarted)
		<-w.releaseSlow
		return nil
	})
	if _, err := jobs.Enqueue(context.Background(), a.DB, "test.slow", struct{}{}, jobs.EnqueueOptions{Key: w.slowKey}); err != nil {
		t.Fatal(err)
	}
	return w
}
