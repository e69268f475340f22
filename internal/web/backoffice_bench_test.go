package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"guichet/internal/demo"
	"guichet/internal/testkit/demokit"
)

// sinkWriter is a response that keeps nothing: it counts bytes and lines,
// as a client saving the file would receive them.
type sinkWriter struct {
	header       http.Header
	status       int
	bytes, lines int
}

func (s *sinkWriter) Header() http.Header { return s.header }
func (s *sinkWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}
func (s *sinkWriter) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = 200
	}
	s.bytes += len(p)
	s.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// liveHeap is the heap the last garbage collection found reachable: what
// the program holds, garbage left out.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// heapSampler reads the live heap every millisecond and keeps the highest.
func heapSampler() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if v := read(); v > peak {
					mu.Lock()
					peak = v
					mu.Unlock()
				}
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return max(peak, read())
	}
}

// BenchmarkExportDossiers exports 25,000 dossiers of one procedure from
// SQLite (or PostgreSQL with GUICHET_TEST_DATABASE_URL), as CSV and as
// JSON, through the real handler, to a response that keeps nothing. The
// issue asks for under 10 s with flat memory: besides ns/op and B/op
// (bytes allocated, mostly garbage collected on the way), it reports the
// highest growth of the live heap (what the garbage collector found
// reachable, at each collection during the export) over its level before
// (heap-growth-MB), beside the size of the file (file-MB). A flat memory
// is a growth far below the file's size, whatever the number of rows.
func BenchmarkExportDossiers(b *testing.B) {
	const total = 25_000
	ts := newTestServer(b)
	ctx := context.Background()
	if _, err := demo.LoadCatalogue(ctx, ts.Catalogue, ts.ids); err != nil {
		b.Fatal(err)
	}
	publishTestForm(b, ts)
	f, err := ts.Forms.Published(ctx, testSlug)
	if err != nil {
		b.Fatal(err)
	}
	ag := demoAgent(b, ts)
	if err := ts.Backoffice.AddAgent(ctx, ag.OrgID, testSlug, ag.UserID, 0); err != nil {
		b.Fatal(err)
	}
	fillDossiers(b, ts.db, demoUserID(b, ts), ag.OrgID, f.Version, 0, total)
	token := demokit.Session(b, ts.ids, "agent@demo.guichet.test")
	for _, format := range []string{"csv", "json"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			var growth uint64
			var sink *sinkWriter
			for b.Loop() {
				req := httptest.NewRequest("GET", "/espace/caf/dossiers/export."+format+"?demarche="+testSlug, nil)
				req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
				sink = &sinkWriter{header: http.Header{}}
				b.StopTimer()
				runtime.GC()
				before := liveHeap()
				stop := heapSampler()
				b.StartTimer()
				ts.ServeHTTP(sink, req)
				b.StopTimer()
				runtime.GC() // the live heap at the end of the export, before it is let go
				peak := stop()
				b.StartTimer()
				if peak > before {
					growth = max(growth, peak-before)
				}
			}
			if sink.status != 200 || (format == "csv" && sink.lines != total+1) {
				b.Fatalf("export %s: status %d, %d lines", format, sink.status, sink.lines)
			}
			b.ReportMetric(float64(growth)/(1<<20), "heap-growth-MB")
			b.ReportMetric(float64(sink.bytes)/(1<<20), "file-MB")
			b.ReportMetric(total, "dossiers")
		})
	}
}
