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
	// CeilingPerSecond is the ceiling's rate measured in turns with this
	// target; RatioToCeiling divides by it.
	CeilingPerSecond float64 `json:"ceiling_requests_per_second,omitempty"`
	RatioToCeiling   float64 `json:"ratio_to_ceiling"`
	// CPUMicros is the server's processor time per answer, warm-up
	// included, when its process is known; CPURatio is the ceiling's
	// divided by it. Unlike the rate, it hardly moves when other programs
	// share the machine, so it is the figure to compare between runs.
	CPUMicros        float64 `json:"cpu_us_per_request,omitempty"`
	CeilingCPUMicros float64 `json:"ceiling_cpu_us_per_request,omitempty"`
	CPURatio         float64 `json:"cpu_ratio_to_ceiling,omitempty"`
	// RatioGoal and P99GoalMillis are the target's goals (0: none); Met
	// says whether the run reached all of them.
	RatioGoal     float64 `json:"ratio_goal,omitempty"`
	P99GoalMillis float64 `json:"p99_goal_ms,omitempty"`
	Met           *bool   `json:"met,omitempty"`
	Skipped       string  `json:"skipped,omitempty"`
}

// report is what build/bench.json holds.
type report struct {
	Started     time.Time      `json:"started"`
	Connections int            `json:"connections"`
	Duration    string         `json:"duration_per_target"`
	Warmup      string         `json:"warmup_per_target"`
	Rounds      int            `json:"rounds"`
	CPUs        int            `json:"cpus"`
	GoVersion   string         `json:"go_version"`
	Startup     *startupReport `json:"startup,omitempty"`
	Memory      *memoryReport  `json:"memory,omitempty"`
	Ceiling     result         `json:"ceiling"`
	Targets     []result       `json:"targets"`
	// GoalsMet and Goals count the goals reached, of targets and process.
	GoalsMet int `json:"goals_met"`
	Goals    int `json:"goals"`
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// newResult turns a measure into a report line.
func newResult(name, url string, m measure) result {
	r := result{Name: name, URL: url, Requests: m.Requests, Errors: m.Errors, Seconds: m.Elapsed.Seconds(),
		P50Millis: millis(percentile(m.Latencies, 50)), P99Millis: millis(percentile(m.Latencies, 99))}
	if m.Elapsed > 0 {
		r.RequestsPerSecond = float64(m.Requests) / m.Elapsed.Seconds()
	}
	if m.CPU > 0 && m.Sent > 0 {
		r.CPUMicros = float64(m.CPU.Microseconds()) / float64(m.Sent)
	}
	return r
}

// judge sets the ratio to the ceiling measured beside r and compares r
// with t's goals. A target with errors meets no goal.
func (r *result) judge(t target, ceiling result) {
	r.CeilingPerSecond = ceiling.RequestsPerSecond
	if ceiling.RequestsPerSecond > 0 {
		r.RatioToCeiling = r.RequestsPerSecond / ceiling.RequestsPerSecond
	}
	r.CeilingCPUMicros = ceiling.CPUMicros
	if r.CPUMicros > 0 && ceiling.CPUMicros > 0 {
		r.CPURatio = ceiling.CPUMicros / r.CPUMicros
	}
	if t.Goal == 0 && t.P99Goal == 0 {
		return
	}
	r.RatioGoal, r.P99GoalMillis = t.Goal, millis(t.P99Goal)
	met := r.Errors == 0 && r.RatioToCeiling >= t.Goal && (t.P99Goal == 0 || r.P99Millis < r.P99GoalMillis)
	r.Met = &met
}

// summarize counts the goals reached.
func (rep *report) summarize() {
	rep.Goals, rep.GoalsMet = 0, 0
	count := func(met bool) {
		rep.Goals++
		if met {
			rep.GoalsMet++
		}
	}
	for _, r := range rep.Targets {
		if r.Met != nil {
			count(*r.Met)
		}
	}
	if rep.Startup != nil {
		count(rep.Startup.Met)
		if rep.Startup.FirstStartMet != nil {
			count(*rep.Startup.FirstStartMet)
		}
	}
	if rep.Memory != nil {
		count(rep.Memory.Met)
	}
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "MISSED"
}

// writeTable prints the report as an aligned table, the ceiling first:
// names and paths on the left, numbers on the right; then the process's
// start-up and memory, and how many goals were met.
func writeTable(w io.Writer, rep report) {
	rows := [][]string{{"target", "requests/s", "p50 ms", "p99 ms", "errors", "cpu µs", "of ceiling", "goal", "", "path"}}
	line := func(r result, ratio string) {
		if r.Skipped != "" {
			rows = append(rows, []string{r.Name, "-", "-", "-", "-", "-", "-", "", "", r.URL + " (skipped: " + r.Skipped + ")"})
			return
		}
		cpu := "-"
		if r.CPUMicros > 0 {
			cpu = fmt.Sprintf("%.0f", r.CPUMicros)
		}
		goal, met := "", ""
		if r.Met != nil {
			goal, met = fmt.Sprintf("≥ %.0f %%, p99 < %.0f ms", 100*r.RatioGoal, r.P99GoalMillis), verdict(*r.Met)
		}
		rows = append(rows, []string{r.Name, fmt.Sprintf("%.0f", r.RequestsPerSecond), fmt.Sprintf("%.2f", r.P50Millis),
			fmt.Sprintf("%.2f", r.P99Millis), strconv.Itoa(r.Errors), cpu, ratio, goal, met, r.URL})
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
			switch {
			case widths[i] == 0:
				continue
			case i == 0 || i >= len(row)-3:
				b.WriteString(c + pad)
			default:
				b.WriteString(pad + c)
			}
			b.WriteString("  ")
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	if s := rep.Startup; s != nil {
		fmt.Fprintf(w, "\nstart-up to ready, demo loaded: %.2f s (goal < %.0f s) %s\n", s.Seconds, s.GoalSeconds, verdict(s.Met))
		if s.FirstStartMet != nil {
			fmt.Fprintf(w, "first start to ready, loading the demo: %.2f s (goal < %.0f s) %s\n", s.FirstStartSeconds, s.GoalSeconds, verdict(*s.FirstStartMet))
		}
	}
	if m := rep.Memory; m != nil {
		fmt.Fprintf(w, "memory at rest: %.1f MB RSS (goal < %.0f MB) %s; after the load: %.1f MB\n", m.RSSAtRestMB, m.GoalMB, verdict(m.Met), m.AfterLoadMB)
	}
	if rep.Goals > 0 {
		fmt.Fprintf(w, "goals met: %d of %d\n", rep.GoalsMet, rep.Goals)
	}
	if len(rep.Targets) > 0 && rep.Targets[0].CPURatio > 0 {
		fmt.Fprintln(w, "\nprocessor time per answer, the ceiling's divided by the target's (steady when the machine is shared):")
		for _, r := range rep.Targets {
			if r.CPURatio > 0 {
				fmt.Fprintf(w, "  %-20s %6.0f µs against %4.0f µs: %.2f\n", r.Name, r.CPUMicros, r.CeilingCPUMicros, r.CPURatio)
			}
		}
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
