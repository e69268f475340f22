package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// result is one line of the report, for a target or the ceiling.
type result struct {
	Name              string  `json:"name"`
	URL               string  `json:"url"`
	Requests          int     `json:"requests"`
	Errors            int     `json:"errors"`
	Seconds           float64 `json:"seconds"`
	RequestsPerSecond float64 `json:"requests_per_second"`
	P50Millis         float64 `json:"p50_ms"`
	P99Millis         float64 `json:"p99_ms"`
	RatioToCeiling    float64 `json:"ratio_to_ceiling"`
	Skipped           string  `json:"skipped,omitempty"`
}

// report is what build/bench.json holds.
type report struct {
	Started     time.Time `json:"started"`
	Connections int       `json:"connections"`
	Duration    string    `json:"duration_per_target"`
	Warmup      string    `json:"warmup_per_target"`
	CPUs        int       `json:"cpus"`
	GoVersion   string    `json:"go_version"`
	Ceiling     result    `json:"ceiling"`
	Targets     []result  `json:"targets"`
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// newResult turns a measure into a report line.
func newResult(name, url string, m measure) result {
	r := result{Name: name, URL: url, Requests: m.Requests, Errors: m.Errors, Seconds: m.Elapsed.Seconds(),
		P50Millis: millis(percentile(m.Latencies, 50)), P99Millis: millis(percentile(m.Latencies, 99))}
	if m.Elapsed > 0 {
		r.RequestsPerSecond = float64(m.Requests) / m.Elapsed.Seconds()
	}
	return r
}

// writeTable prints the report as an aligned table, the ceiling first:
// names and paths on the left, numbers on the right.
func writeTable(w io.Writer, rep report) {
	rows := [][]string{{"target", "requests/s", "p50 ms", "p99 ms", "errors", "of ceiling", "path"}}
	line := func(r result, ratio string) {
		if r.Skipped != "" {
			rows = append(rows, []string{r.Name, "-", "-", "-", "-", "-", r.URL + " (skipped: " + r.Skipped + ")"})
			return
		}
		rows = append(rows, []string{r.Name, fmt.Sprintf("%.0f", r.RequestsPerSecond), fmt.Sprintf("%.2f", r.P50Millis),
			fmt.Sprintf("%.2f", r.P99Millis), strconv.Itoa(r.Errors), ratio, r.URL})
	}
	line(rep.Ceiling, "100.0 %")
	for _, r := range rep.Targets {
		line(r, fmt.Sprintf("%.1f %%", 100*r.RatioToCeiling))
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 || i == len(row)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
			b.WriteString("  ")
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// writeJSON saves the report, creating its folder.
func writeJSON(path string, rep report) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
