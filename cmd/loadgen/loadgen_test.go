package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		var d []time.Duration
		for _, v := range n {
			d = append(d, time.Duration(v)*time.Millisecond)
		}
		return d
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of four", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of a hundred", ms(make100()...), 99, 99 * time.Millisecond},
		{"p100 is the largest", ms(1, 2, 3), 100, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func make100() []int {
	n := make([]int, 100)
	for i := range n {
		n[i] = i + 1
	}
	return n
}

func TestFindStylesheet(t *testing.T) {
	tests := []struct {
		name, page, want string
		wantErr          bool
	}{
		{"rel first", `<link rel="stylesheet" href="/static/guichet.css?v=abc">`, "/static/guichet.css?v=abc", false},
		{"href first", `<link href="/static/a.css?v=1&amp;x=2" rel="stylesheet">`, "/static/a.css?v=1&x=2", false},
		{"first of two", `<link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/b.css">`, "/a.css", false},
		{"none", `<link rel="icon" href="/favicon.ico">`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := findStylesheet([]byte(tt.page))
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("got %q, %v; want %q, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		base   string
		wantOK bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.3.4.5:80", true},
		{"http://localhost:8080", true},
		{"http://[::1]:8080", true},
		{"http://10.0.0.1:8080", false},
		{"http://192.168.1.10", false},
		{"http://example.org", false},
		{"127.0.0.1:8080", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			if err := checkLoopback(tt.base); (err == nil) != tt.wantOK {
				t.Errorf("got %v, want ok=%v", err, tt.wantOK)
			}
		})
	}
}

func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, `<html><head><link rel="stylesheet" href="/static/s.css?v=1"></head></html>`)
	})
	mux.HandleFunc("GET /static/s.css", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "body{}") })
	mux.HandleFunc("GET /broken", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestLoad(t *testing.T) {
	srv := testServer(t)
	cfg := loadConfig{Connections: 4, Warmup: 50 * time.Millisecond, Duration: 200 * time.Millisecond}
	tests := []struct {
		name       string
		path       string
		wantOK     bool
		wantErrors bool
	}{
		{"answering page", "/", true, false},
		{"failing page", "/broken", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := load(context.Background(), srv.URL+tt.path, cfg)
			if (m.Requests > 0) != tt.wantOK || (m.Errors > 0) != tt.wantErrors {
				t.Errorf("got %d requests and %d errors", m.Requests, m.Errors)
			}
			if m.Elapsed <= 0 || m.Elapsed > cfg.Duration {
				t.Errorf("elapsed %v, want within (0, %v]", m.Elapsed, cfg.Duration)
			}
			for i := 1; i < len(m.Latencies); i++ {
				if m.Latencies[i] < m.Latencies[i-1] {
					t.Fatalf("latencies not sorted at %d", i)
				}
			}
		})
	}
}

func TestRunTarget(t *testing.T) {
	srv := testServer(t)
	o := options{base: srv.URL, cfg: loadConfig{Connections: 2, Duration: 400 * time.Millisecond}, rounds: 2}
	tests := []struct {
		name        string
		target      target
		wantURL     string
		wantSkipped string
		wantErr     bool
	}{
		{"fixed path", target{Name: "home", Path: "/"}, "/", "", false},
		{"discovered path", target{Name: "css", Discover: stylesheetFromHome}, "/static/s.css?v=1", "", false},
		{"optional and absent", target{Name: "later", Path: "/absent", Optional: true}, "/absent", "status 404", false},
		{"required and absent", target{Name: "needed", Path: "/absent"}, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ceiling, err := runTarget(context.Background(), o, tt.target, endpoint{url: srv.URL + "/"})
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if r.URL != tt.wantURL || r.Skipped != tt.wantSkipped {
				t.Errorf("got URL %q skipped %q, want %q %q", r.URL, r.Skipped, tt.wantURL, tt.wantSkipped)
			}
			if !tt.wantErr && tt.wantSkipped == "" && (r.Requests == 0 || ceiling.Requests == 0 || r.CeilingPerSecond == 0) {
				t.Errorf("got %d requests, %d of the ceiling beside them (%v/s)", r.Requests, ceiling.Requests, r.CeilingPerSecond)
			}
		})
	}
}

func TestCeilingHandler(t *testing.T) {
	rec := httptest.NewRecorder()
	ceilingHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/anything", nil))
	if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), ceilingPage) {
		t.Errorf("got %d and %d bytes, want 200 and the ceiling page", rec.Code, rec.Body.Len())
	}
	if got := rec.Header().Get("Content-Length"); got == "" {
		t.Errorf("no Content-Length")
	}
}

func TestWriteTable(t *testing.T) {
	met, missed := true, false
	rep := report{
		Ceiling: result{Name: "ceiling", URL: "http://127.0.0.1:1/", RequestsPerSecond: 1000, P50Millis: 1, P99Millis: 2},
		Targets: []result{
			{Name: "home", URL: "/", RequestsPerSecond: 450, P50Millis: 4, P99Millis: 9, RatioToCeiling: 0.45,
				RatioGoal: 0.4, P99GoalMillis: 20, Met: &met, CPUMicros: 100, CeilingCPUMicros: 40, CPURatio: 0.4},
			{Name: "places", URL: "/lieux", RequestsPerSecond: 100, P50Millis: 4, P99Millis: 30, RatioToCeiling: 0.1,
				RatioGoal: 0.2, P99GoalMillis: 20, Met: &missed},
			{Name: "css", URL: "/s.css", RequestsPerSecond: 900, P50Millis: 1, P99Millis: 2, RatioToCeiling: 0.9},
			{Name: "later", URL: "/absent", Skipped: "status 404"},
		},
		Startup: &startupReport{Seconds: 0.5, GoalSeconds: 1, Met: true, FirstStartSeconds: 1.5, FirstStartMet: &missed},
		Memory:  &memoryReport{RSSAtRestMB: 70, GoalMB: 60, AfterLoadMB: 90},
	}
	rep.summarize()
	var b strings.Builder
	writeTable(&b, rep)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{
		"target   requests/s  p50 ms  p99 ms  errors  cpu µs  of ceiling  goal                         path",
		"ceiling        1000    1.00    2.00       0       -     100.0 %                               http://127.0.0.1:1/",
		"home            450    4.00    9.00       0     100      45.0 %  ≥ 40 %, p99 < 20 ms  met     /",
		"places          100    4.00   30.00       0       -      10.0 %  ≥ 20 %, p99 < 20 ms  MISSED  /lieux",
		"css             900    1.00    2.00       0       -      90.0 %                               /s.css",
		"later             -       -       -       -       -           -                               /absent (skipped: status 404)",
		"",
		"start-up to ready, demo loaded: 0.50 s (goal < 1 s) met",
		"first start to ready, loading the demo: 1.50 s (goal < 1 s) MISSED",
		"memory at rest: 70.0 MB RSS (goal < 60 MB) MISSED; after the load: 90.0 MB",
		"goals met: 2 of 5",
		"",
		"processor time per answer, the ceiling's divided by the target's (steady when the machine is shared):",
		"  home                    100 µs against   40 µs: 0.40",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestJudge(t *testing.T) {
	ceiling := result{RequestsPerSecond: 1000}
	goal := target{Goal: 0.4, P99Goal: 20 * time.Millisecond}
	tests := []struct {
		name    string
		r       result
		t       target
		wantMet *bool
	}{
		{"fast enough", result{RequestsPerSecond: 500, P99Millis: 10}, goal, ptr(true)},
		{"too few requests", result{RequestsPerSecond: 300, P99Millis: 10}, goal, ptr(false)},
		{"p99 too long", result{RequestsPerSecond: 500, P99Millis: 25}, goal, ptr(false)},
		{"errors", result{RequestsPerSecond: 500, P99Millis: 10, Errors: 1}, goal, ptr(false)},
		{"no goal", result{RequestsPerSecond: 5}, target{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.judge(tt.t, ceiling)
			if tt.r.RatioToCeiling != tt.r.RequestsPerSecond/1000 {
				t.Errorf("ratio %v", tt.r.RatioToCeiling)
			}
			if (tt.r.Met == nil) != (tt.wantMet == nil) || tt.r.Met != nil && *tt.r.Met != *tt.wantMet {
				t.Errorf("met %v, want %v", tt.r.Met, tt.wantMet)
			}
		})
	}
}

func ptr(b bool) *bool { return &b }

func TestChosen(t *testing.T) {
	tests := []struct {
		name    string
		o       options
		want    []string
		wantErr bool
	}{
		{"all by default", options{}, names(targets()), false},
		{"only two, in the order asked", options{only: []string{"places search", "home"}}, []string{"places search", "home"}, false},
		{"an extra one alone", options{extra: []target{{Name: "x", Path: "/x"}}, only: []string{"x"}}, []string{"x"}, false},
		{"unknown", options{only: []string{"nothing"}}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.o.chosen()
			if (err != nil) != tt.wantErr || strings.Join(names(got), ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, %v; want %v, error %v", names(got), err, tt.want, tt.wantErr)
			}
		})
	}
}

func names(ts []target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

func TestResidentKB(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/status"
	os.WriteFile(good, []byte("Name:\tguichet\nVmPeak:\t  200000 kB\nVmRSS:\t   61440 kB\nThreads:\t8\n"), 0o644)
	bad := dir + "/bad"
	os.WriteFile(bad, []byte("Name:\tguichet\n"), 0o644)
	if kb, err := residentKB(good); err != nil || kb != 61440 {
		t.Errorf("got %d, %v; want 61440", kb, err)
	}
	if _, err := residentKB(bad); err == nil {
		t.Errorf("no VmRSS line: want an error")
	}
	if mb := (serverProcess{pid: os.Getpid()}).rssMB(); mb <= 0 {
		t.Errorf("this test's own memory: %v MB", mb)
	}
}

func TestStatCPU(t *testing.T) {
	tests := []struct {
		name, stat string
		want       time.Duration
	}{
		{"plain", "123 (guichet) S 1 123 123 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 9 0 100 1000 500", 3 * time.Second},
		{"spaces in the name", "7 (a b) c) R 1 7 7 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 1 1 1", 30 * time.Millisecond},
		{"cut short", "7 (x) R 1 2", 0},
		{"no name", "garbage", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := statCPU(tt.stat); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if cpuTime(os.Getpid()) <= 0 {
		t.Errorf("this test's own processor time is unknown")
	}
}

func TestStartup(t *testing.T) {
	launched := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := serverProcess{startedNanos: launched.UnixNano()}
	for _, tt := range []struct {
		after   time.Duration
		wantMet bool
	}{{400 * time.Millisecond, true}, {1500 * time.Millisecond, false}} {
		s := p.startup(launched.Add(tt.after))
		if s.Seconds != tt.after.Seconds() || s.Met != tt.wantMet || s.FirstStartMet != nil {
			t.Errorf("after %v: got %+v, want met=%v", tt.after, s, tt.wantMet)
		}
	}
	p.firstStart = 2 * time.Second
	if s := p.startup(launched.Add(time.Second / 2)); s.FirstStartSeconds != 2 || s.FirstStartMet == nil || *s.FirstStartMet {
		t.Errorf("first start of 2 s: got %+v, want it reported and missed", s)
	}
	if (serverProcess{}).startup(launched) != nil {
		t.Errorf("without -started: want no start-up report")
	}
}

func TestFirstResult(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /demarches", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("q") == "rien" {
			io.WriteString(w, `<p>Aucun résultat</p><a href="/demarches/categorie/papiers">Papiers</a>`)
			return
		}
		io.WriteString(w, `<a href="/demarches/categorie/papiers">Papiers</a><h3><a href="/demarches/carte-vitale">Carte</a></h3>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	got, err := firstResult("/demarches?q=carte")(context.Background(), srv.Client(), srv.URL)
	if err != nil || got != "/demarches/carte-vitale" {
		t.Errorf("got %q, %v; want /demarches/carte-vitale", got, err)
	}
	if _, err := firstResult("/demarches?q=rien")(context.Background(), srv.Client(), srv.URL); err == nil {
		t.Errorf("no result: want an error")
	}
}

func TestWaitReady(t *testing.T) {
	srv := testServer(t)
	tests := []struct {
		name   string
		path   string
		wantOK bool
	}{
		{"answers", "/", true},
		{"never ready", "/broken", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := waitReady(context.Background(), srv.URL+tt.path, 300*time.Millisecond)
			if (err == nil) != tt.wantOK {
				t.Errorf("got %v, want ok=%v", err, tt.wantOK)
			}
		})
	}
}
