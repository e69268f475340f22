package notify

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"guichet/internal/jobs"
	"guichet/internal/sms"
	"guichet/internal/sms/smstest"
)

// countingProvider counts the messages handed to the provider and says when
// the last one went.
type countingProvider struct {
	sms.Provider
	n, want int64
	done    chan struct{}
}

func (p *countingProvider) Send(ctx context.Context, m sms.Message) (sms.Sent, error) {
	sent, err := p.Provider.Send(ctx, m)
	if err == nil && atomic.AddInt64(&p.n, 1) == p.want {
		close(p.done)
	}
	return sent, err
}

// BenchmarkQueueAndHandToSimulator measures issue 11's figure: b.N SMS of a
// collective send are queued (stored with their jobs in one transaction)
// and handed, each by its own job, to the provider simulator over HTTP in
// SMSFactor's format. It reports messages per minute, queueing included.
//
//	go test -run '^$' -bench QueueAndHand -benchtime 20000x ./internal/notify/
func BenchmarkQueueAndHandToSimulator(b *testing.B) {
	f, sim, counting := benchFixture(b)
	ctx := context.Background()
	if err := f.svc.SetRateLimit(ctx, 1, 100000); err != nil {
		b.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("telephone,numero\n")
	for i := range b.N {
		fmt.Fprintf(&csv, "06%08d,%d\n", i, i)
	}
	c, err := f.svc.PrepareCollective(ctx, CollectiveText{OrgID: 1, Channel: SMS,
		Body: "Votre passeport est prêt (dossier ((numero))). Venez le chercher en mairie."}, strings.NewReader(csv.String()))
	if err != nil {
		b.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	b.ResetTimer()
	go func() { f.queue.Run(runCtx); close(done) }()
	if err := f.svc.SendCollective(ctx, 1, c.ID); err != nil {
		b.Fatal(err)
	}
	<-counting.done
	b.StopTimer()
	stop()
	<-done
	b.ReportMetric(float64(b.N)/b.Elapsed().Minutes(), "msgs/min")
	if got := len(sim.Messages()); got != b.N {
		b.Fatalf("simulator holds %d messages, want %d", got, b.N)
	}
}

// BenchmarkEventsToSimulator measures the path of automatic messages: b.N
// events, each notified in its own transaction with one job per message,
// handed to the simulator by the queue's workers as they come.
//
//	go test -run '^$' -bench EventsToSimulator -benchtime 5000x ./internal/notify/
func BenchmarkEventsToSimulator(b *testing.B) {
	f, sim, counting := benchFixture(b)
	ctx := context.Background()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { f.queue.Run(runCtx); close(done) }()
	b.ResetTimer()
	for i := range b.N {
		ref := fmt.Sprintf("DS-%d", i)
		ev := received(ref)
		ev.Recipient = Recipient{Phone: fmt.Sprintf("06%08d", i)}
		if err := f.svc.Notify(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	<-counting.done
	b.StopTimer()
	stop()
	<-done
	b.ReportMetric(float64(b.N)/b.Elapsed().Minutes(), "msgs/min")
	if got := len(sim.Messages()); got != b.N {
		b.Fatalf("simulator holds %d messages, want %d", got, b.N)
	}
}

// benchFixture is a fixture whose SMS go to the simulator over HTTP in
// SMSFactor's format, counted.
func benchFixture(b *testing.B) (*fixture, *smstest.Server, *countingProvider) {
	sim := smstest.New("jeton")
	b.Cleanup(sim.Close)
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	p, err := sms.New(sms.Config{Provider: sms.ProviderSMSFactor, APIKey: "jeton", BaseURL: sim.URL,
		HTTPClient: &http.Client{Transport: transport, Timeout: 10 * time.Second}})
	if err != nil {
		b.Fatal(err)
	}
	counting := &countingProvider{Provider: p, want: int64(b.N), done: make(chan struct{})}
	f := newFixture(b, counting)
	f.queue = jobs.New(f.db, jobs.Options{Workers: benchWorkers(), PollInterval: time.Millisecond, Now: f.clock.Now,
		Logger: slog.New(slog.DiscardHandler)})
	f.svc = New(f.db, Options{Now: f.clock.Now, Jobs: f.queue, SMS: counting, Box: f.svc.box,
		Logger: slog.New(slog.DiscardHandler)})
	return f, sim, counting
}

func benchWorkers() int {
	var n int
	if _, err := fmt.Sscan(os.Getenv("NOTIFY_BENCH_WORKERS"), &n); err == nil && n > 0 {
		return n
	}
	return 4 // the default of jobs.Options and of `guichet serve`
}
