package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
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
	o := options{base: srv.URL, cfg: loadConfig{Connections: 2, Duration: 50 * time.Millisecond}}
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
			r, err := runTarget(context.Background(), o, tt.target)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if r.URL != tt.wantURL || r.Skipped != tt.wantSkipped {
				t.Errorf("got URL %q skipped %q, want %q %q", r.URL, r.Skipped, tt.wantURL, tt.wantSkipped)
			}
			if !tt.wantErr && tt.wantSkipped == "" && r.Requests == 0 {
				t.Errorf("no request counted")
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
	rep := report{
		Ceiling: result{Name: "ceiling", URL: "http://127.0.0.1:1/", RequestsPerSecond: 1000, P50Millis: 1, P99Millis: 2},
		Targets: []result{
			{Name: "home", URL: "/", RequestsPerSecond: 250, P50Millis: 4, P99Millis: 9, RatioToCeiling: 0.25},
			{Name: "later", URL: "/absent", Skipped: "status 404"},
		},
	}
	var b strings.Builder
	writeTable(&b, rep)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{
		"target   requests/s  p50 ms  p99 ms  errors  of ceiling  path",
		"ceiling        1000    1.00    2.00       0     100.0 %  http://127.0.0.1:1/",
		"home            250    4.00    9.00       0      25.0 %  /",
		"later             -       -       -       -           -  /absent (skipped: status 404)",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
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
